//! The case list: filters by state, item, village, agent and overdue, and search by name, ID
//! number or case number. Due-soon and overdue cases stand out.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use iced::widget::{column, pick_list, row, text};
use iced::{Element, Task};

use super::choice::{Choice, selected};
use super::form::{choice_list, error_line, slot, target, text_box, tick};
use super::office::Office;
use super::words;
use crate::domain::Content;
use crate::domain::application::CaseState;
use crate::domain::deadline::urgency;
use crate::explain::shown;
use crate::i18n::Language;
use crate::store::{CaseFilter, CaseSummary, CaseSyncState, FollowUpCounts, StoreError};
use crate::t;
use crate::ui::widget::Look;
use crate::ui::{names, theme};

/// How many cases one page of the list shows.
const PAGE: usize = 100;

#[derive(Debug, Clone, Default)]
pub struct CaseList {
    state: Option<CaseState>,
    item: Option<String>,
    village: Option<String>,
    agent: Option<i64>,
    overdue: bool,
    search: String,
    rows: Vec<CaseSummary>,
    /// Whether each listed case has reached the county.
    badges: HashMap<String, CaseSyncState>,
    /// Every account, for the agent filter.
    agents: Vec<(i64, String)>,
    /// Staff and admins see how many 差评 follow-ups wait (agents do not work them).
    staff: bool,
    follow_ups: Option<FollowUpCounts>,
    /// The latest query asked for; older answers are dropped.
    asked: u64,
    /// A query is on its way.
    loading: bool,
    error: Option<String>,
}

/// One answer to the list's query.
#[derive(Debug, Clone)]
pub struct Listing {
    rows: Vec<CaseSummary>,
    badges: HashMap<String, CaseSyncState>,
    agents: Vec<(i64, String)>,
    follow_ups: Option<FollowUpCounts>,
}

#[derive(Debug, Clone)]
pub enum Message {
    State(Choice<Option<CaseState>>),
    Item(Choice<Option<String>>),
    Village(Choice<Option<String>>),
    Agent(Choice<Option<i64>>),
    Overdue(bool),
    Search(String),
    /// 生僻字 beside the search: the desk opens its picker for it.
    PickRare,
    Open(String),
    Loaded(u64, Result<Listing, Arc<StoreError>>),
}

impl CaseList {
    /// The list with the default filters, its first page on its way; for `staff`, with the
    /// count of open 差评 follow-ups.
    pub fn open(office: &Office, today: NaiveDate, staff: bool) -> (CaseList, Task<Message>) {
        let mut list = CaseList {
            staff,
            ..CaseList::default()
        };
        let load = list.reload(office, today);
        (list, load)
    }

    /// Applies a filter change and asks again; returns the case to open when one was tapped.
    pub fn update(
        &mut self,
        message: Message,
        office: &Office,
        language: Language,
        today: NaiveDate,
    ) -> (Task<Message>, Option<String>) {
        match message {
            Message::State(choice) => self.state = choice.value,
            Message::Item(choice) => self.item = choice.value,
            Message::Village(choice) => self.village = choice.value,
            Message::Agent(choice) => self.agent = choice.value,
            Message::Overdue(overdue) => self.overdue = overdue,
            Message::Search(search) => self.search = search,
            Message::Open(id) => return (Task::none(), Some(id)),
            // The desk opens the picker (see `desk::picker::Target`).
            Message::PickRare => return (Task::none(), None),
            Message::Loaded(asked, result) => {
                if asked == self.asked {
                    self.loading = false;
                    match result {
                        Ok(listing) => {
                            self.rows = listing.rows;
                            self.badges = listing.badges;
                            self.agents = listing.agents;
                            self.follow_ups = listing.follow_ups;
                            self.error = None;
                        }
                        Err(error) => self.error = Some(shown(language, &*error)),
                    }
                }
                return (Task::none(), None);
            }
        }
        (self.reload(office, today), None)
    }

    /// The search as typed.
    pub fn search(&self) -> &str {
        &self.search
    }

    /// Asks for the rows the filters select (on the store's thread).
    pub fn reload(&mut self, office: &Office, today: NaiveDate) -> Task<Message> {
        let filter = CaseFilter {
            state: self.state,
            item_id: self.item.clone(),
            village: self.village.clone(),
            agent: self.agent,
            overdue_on: self.overdue.then_some(today),
            search: self.search.clone(),
            limit: PAGE,
        };
        self.asked += 1;
        self.loading = true;
        let (asked, staff) = (self.asked, self.staff);
        office.run(
            move |store, _| {
                let rows = store.cases(&filter)?;
                let ids: Vec<&str> = rows.iter().map(|case| case.id.as_str()).collect();
                let badges = store.case_sync_states(&ids)?;
                let agents = store
                    .accounts(None)?
                    .into_iter()
                    .map(|account| (account.id, account.name))
                    .collect();
                let follow_ups = staff.then(|| store.follow_up_counts(today)).transpose()?;
                Ok::<_, StoreError>(Listing {
                    rows,
                    badges,
                    agents,
                    follow_ups,
                })
            },
            move |result| Message::Loaded(asked, result),
        )
    }

    pub fn view<'a>(
        &'a self,
        look: Look,
        content: &'a Content,
        office: &'a Office,
        today: NaiveDate,
    ) -> Element<'a, Message> {
        let language = look.language;
        let any = t!(language, "filter-any");
        let states: Vec<Choice<Option<CaseState>>> =
            std::iter::once(Choice::new(None, any.clone()))
                .chain(
                    CaseState::ALL
                        .into_iter()
                        .map(|state| Choice::new(Some(state), words::state(language, state))),
                )
                .collect();
        let items: Vec<Choice<Option<String>>> = std::iter::once(Choice::new(None, any.clone()))
            .chain(content.items.iter().map(|item| {
                Choice::new(
                    Some(item.id.clone()),
                    format!(
                        "{}. {}",
                        item.number,
                        language.pick(&item.name, &item.name_en)
                    ),
                )
            }))
            .collect();
        let agents: Vec<Choice<Option<i64>>> = std::iter::once(Choice::new(None, any.clone()))
            .chain(
                self.agents
                    .iter()
                    .map(|(id, name)| Choice::new(Some(*id), name.clone())),
            )
            .collect();
        let villages: Vec<Choice<Option<String>>> = std::iter::once(Choice::new(None, any))
            .chain(
                content
                    .villages
                    .iter()
                    .map(|village| Choice::new(Some(village.name.clone()), village.name.clone())),
            )
            .collect();
        let filters = row![
            labelled(
                look,
                t!(language, "filter-state"),
                target(
                    "filter-state",
                    choice_list(
                        look,
                        pick_list(
                            states.clone(),
                            selected(&states, &self.state),
                            Message::State
                        )
                    )
                )
            ),
            labelled(
                look,
                t!(language, "filter-item"),
                target(
                    "filter-item",
                    choice_list(
                        look,
                        pick_list(items.clone(), selected(&items, &self.item), Message::Item)
                            .width(look.scale.body * 16.0)
                    )
                )
            ),
            labelled(
                look,
                t!(language, "filter-village"),
                target(
                    "filter-village",
                    choice_list(
                        look,
                        pick_list(
                            villages.clone(),
                            selected(&villages, &self.village),
                            Message::Village
                        )
                    )
                )
            ),
        ]
        .spacing(look.scale.space)
        .wrap()
        .vertical_spacing(look.scale.space);
        let toggles = row![
            labelled(
                look,
                t!(language, "filter-agent"),
                target(
                    "filter-agent",
                    choice_list(
                        look,
                        pick_list(
                            agents.clone(),
                            selected(&agents, &self.agent),
                            Message::Agent
                        )
                    )
                )
            ),
            tick(
                look,
                "filter-overdue",
                self.overdue,
                t!(language, "filter-overdue"),
                Message::Overdue
            ),
        ]
        .spacing(look.scale.space * 2.0);
        let search = row![
            text_box(look, &t!(language, "filter-search"), &self.search)
                .id("case-search")
                .on_input(Message::Search),
            look.tap(
                "picker-open-cases",
                look.strong(t!(language, "picker-open")),
                Message::PickRare,
                theme::secondary_button
            ),
        ]
        .spacing(look.scale.pad)
        .align_y(iced::Alignment::Center);
        let mut page = column![look.title(t!(language, "cases-title"))].spacing(look.scale.space);
        // Where staff start their day: the 差评 follow-ups waiting for them (menu: 差评回访).
        // Its room is kept while it loads, so the filters below never move.
        if self.staff {
            let (words, color) = match self.follow_ups {
                None => (None, theme::TEXT),
                Some(counts) if counts.open == 0 => (
                    Some(t!(language, "follow-up-start-none")),
                    theme::MUTED_TEXT,
                ),
                Some(counts) => (
                    Some(t!(
                        language,
                        "follow-up-start-count",
                        open = counts.open,
                        overdue = counts.overdue
                    )),
                    if counts.overdue > 0 {
                        theme::ALERT
                    } else {
                        theme::TEXT
                    },
                ),
            };
            page = page.push(slot(look.scale.body, words.as_deref(), color));
        }
        page = page.push(filters).push(toggles).push(search);
        if let Some(error) = &self.error {
            page = page.push(error_line(look, error));
        }
        let count = if self.loading && self.rows.is_empty() {
            t!(language, "desk-loading")
        } else if self.rows.len() >= PAGE {
            t!(language, "cases-first-page", count = PAGE)
        } else {
            t!(language, "cases-count", count = self.rows.len())
        };
        page = page.push(look.heading(count));
        for case in &self.rows {
            let badge = self.badges.get(&case.id).copied();
            page = page.push(case_row(look, content, office, case, badge, today));
        }
        page.into()
    }
}

fn labelled<'a>(look: Look, label: String, widget: Element<'a, Message>) -> Element<'a, Message> {
    column![look.strong(label), widget]
        .spacing(look.scale.space * 0.3)
        .into()
}

fn case_row<'a>(
    look: Look,
    content: &'a Content,
    office: &Office,
    case: &'a CaseSummary,
    badge: Option<CaseSyncState>,
    today: NaiveDate,
) -> Element<'a, Message> {
    let language = look.language;
    let item = content
        .item(&case.item_id)
        .map(|item| language.pick(&item.name, &item.name_en).to_owned())
        .unwrap_or_else(|| case.item_id.clone());
    let mut facts = row![
        look.small(words::state(language, case.state)),
        look.small(names::shown(&format!(
            "{} · {}",
            case.applicant_name, case.id_number_masked
        ))),
        look.small(case.village.as_str()),
        look.small(names::shown(&t!(
            language,
            "cases-agent",
            agent = case.agent.as_str()
        ))),
    ]
    .spacing(look.scale.space);
    if let Some(due) = case.due_date {
        facts = facts.push(look.small(t!(language, "cases-due", date = due.to_string())));
        if case.state.is_open()
            && let Some(tag) = words::urgency(language, urgency(office.calendar(), due, today))
        {
            facts = facts.push(
                text(tag)
                    .size(look.scale.body)
                    .font(crate::ui::fonts::BOLD)
                    .color(theme::ALERT),
            );
        }
    }
    if let Some(badge) = badge {
        let color = match badge {
            CaseSyncState::Synced | CaseSyncState::Pending => theme::MUTED_TEXT,
            CaseSyncState::Failed | CaseSyncState::Rejected | CaseSyncState::Conflict => {
                theme::ALERT
            }
        };
        facts = facts.push(
            text(words::sync_badge(language, badge))
                .size(look.scale.small)
                .color(color),
        );
    }
    look.tap_wide(
        &format!("case-{}", case.id),
        column![
            look.strong(format!(
                "{}  {}",
                case.number
                    .as_deref()
                    .unwrap_or(&t!(language, "cases-no-number")),
                item
            )),
            facts.wrap(),
        ]
        .spacing(look.scale.space * 0.3),
        Message::Open(case.id.clone()),
        theme::secondary_button,
    )
}
