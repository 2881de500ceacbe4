//! How the print screen looks: the preview of the actual pages on the left, the choices and the
//! printer on the right (each in a box of its own height, so the page never jumps), the latest
//! print records under the choices. At large type the two stack.

use iced::widget::{column, container, pick_list, row, scrollable};
use iced::{Alignment, Element, Length};

use super::{Kind, Message, Outcome, PrintScreen, Printers, log, printer_choice};
use crate::domain::Content;
use crate::print::CardLayout;
use crate::t;
use crate::ui::desk::choice::Choice;
use crate::ui::desk::form::{choice_list, error_line, target, text_box, tick};
use crate::ui::theme;
use crate::ui::widget::Look;
use crate::ui::widget::page_preview::page_preview;

/// Above this body size the preview and the choices stack instead of sitting side by side.
const SIDE_BY_SIDE_UP_TO: f32 = 24.0;
/// The height of the two panes side by side: fits under the desk's menu on a 1024 × 768 screen.
/// (The desk's page scrolls as a whole, so the panes cannot take the window's height.)
const PANE_HEIGHT: f32 = 500.0;
/// The width a zoomed page is given its height for (a desk screen's width less the margins).
const ZOOMED_WIDTH: f32 = 980.0;

impl PrintScreen {
    pub fn view<'a>(&'a self, look: Look, content: &'a Content) -> Element<'a, Message> {
        let language = look.language;
        let mut heading = row![
            look.title(t!(language, "print-screen-title"))
                .width(Length::Fill)
        ]
        .spacing(look.scale.pad)
        .align_y(Alignment::Center);
        if self.from_case.is_some() {
            heading = heading.push(look.tap(
                "print-back-to-case",
                look.strong(t!(language, "print-screen-back-to-case")),
                Message::BackToCase,
                theme::secondary_button,
            ));
        }
        // Always in the tree, so that the panes below keep their scroll position when it shows.
        let outcome: Element<'_, Message> = match &self.outcome {
            Some(Outcome::Done(message) | Outcome::Working(message)) => {
                look.caution(message.clone())
            }
            Some(Outcome::Failed(message)) => error_line(look, message),
            None => iced::widget::Space::new().into(),
        };
        let mut page = column![heading, outcome].spacing(look.scale.space);
        let side_by_side = look.scale.body <= SIDE_BY_SIDE_UP_TO && !self.zoomed;
        let mut choices = column![].spacing(look.scale.space);
        // From a case, the document is that case's: nothing to choose.
        if self.from_case.is_none() {
            choices = choices.push(self.chooser(look, content));
        }
        let choices = choices
            .push(self.output(look))
            .push(self.log_view(look))
            // Room for the pane's scrollbar.
            .padding(iced::Padding::ZERO.right(look.scale.pad * 2.0));
        if side_by_side {
            let preview = self.preview(look, PANE_HEIGHT);
            let choices =
                scrollable(choices)
                    .height(PANE_HEIGHT)
                    .direction(scrollable::Direction::Vertical(
                        scrollable::Scrollbar::new()
                            .width(look.scale.pad * 1.5)
                            .scroller_width(look.scale.pad * 1.5),
                    ));
            page = page.push(
                row![
                    container(preview).width(Length::FillPortion(5)),
                    container(choices).width(Length::FillPortion(6)),
                ]
                .spacing(look.scale.space * 1.5),
            );
        } else {
            let height = match (&self.prepared, self.zoomed) {
                // As wide as the screen allows, for reading the small print.
                (Some(prepared), true) => prepared
                    .document
                    .pages
                    .get(self.page)
                    .map_or(PANE_HEIGHT, |page| {
                        (page.height / page.width * ZOOMED_WIDTH).clamp(PANE_HEIGHT, 1400.0)
                    }),
                _ => look.scale.body * 22.0,
            };
            page = page.push(self.preview(look, height));
            page = page.push(choices);
        }
        page.width(Length::Fill).into()
    }

    /// The pages as printed, with page n of N and previous/next.
    fn preview(&self, look: Look, height: f32) -> Element<'_, Message> {
        let language = look.language;
        let Some(prepared) = &self.prepared else {
            return container(look.body(t!(language, "print-screen-preview-empty")))
                .padding(look.scale.pad * 2.0)
                .width(Length::Fill)
                .height(height)
                .center_y(height)
                .style(theme::card)
                .into();
        };
        let pages = prepared.document.pages.len();
        let page = self.page.min(pages.saturating_sub(1));
        let shown = page + 1;
        let navigation = row![
            look.tap(
                "print-previous",
                look.strong(t!(language, "print-screen-previous")),
                Message::Previous,
                theme::secondary_button
            ),
            look.body(t!(
                language,
                "print-screen-page-of",
                page = shown,
                pages = pages
            ))
            .width(Length::Fill)
            .center(),
            look.tap(
                "print-next",
                look.strong(t!(language, "print-screen-next")),
                Message::Next,
                theme::secondary_button
            ),
            look.tap(
                "print-zoom",
                look.strong(if self.zoomed {
                    t!(language, "print-screen-zoom-out")
                } else {
                    t!(language, "print-screen-zoom-in")
                }),
                Message::Zoom,
                theme::secondary_button
            ),
        ]
        .spacing(look.scale.pad)
        .align_y(Alignment::Center);
        // The title line, the navigation row and the spacing come off the canvas's height.
        let canvas_height =
            (height - look.scale.target - look.scale.body * 1.6 - look.scale.space * 2.0)
                .max(120.0);
        let sheet: Element<'_, Message> = match prepared.document.pages.get(page) {
            Some(sheet) => page_preview(
                sheet,
                prepared.generation << 16 | page as u64,
                canvas_height,
            ),
            None => look.body("").into(),
        };
        // The page buttons above the page, where they stay when a zoomed page is long.
        column![
            look.strong(prepared.document.title.as_str()),
            navigation,
            container(sheet).style(theme::bar),
        ]
        .spacing(look.scale.space)
        .width(Length::Fill)
        .into()
    }

    /// What to print: the kind, then that kind's own choice.
    fn chooser<'a>(&'a self, look: Look, content: &'a Content) -> Element<'a, Message> {
        let language = look.language;
        let mut kinds = row![].spacing(look.scale.pad);
        for kind in Kind::ALL {
            let style = if kind == self.kind {
                theme::selected_button
            } else {
                theme::secondary_button
            };
            kinds = kinds.push(look.tap(
                &format!("print-kind-{}", kind.key()),
                look.strong(kind_label(look, kind)),
                Message::Kind(kind),
                style,
            ));
        }
        let body = column![kinds.wrap().vertical_spacing(look.scale.pad)]
            .spacing(look.scale.space)
            .push(match self.kind {
                Kind::Card => self.household_choice(look),
                Kind::Village => self.village_choice(look, content),
                Kind::Receipt => self.case_choice(look),
                Kind::PolicyHandbook | Kind::ServiceHandbook => {
                    let booklet = tick(
                        look,
                        "print-booklet",
                        self.booklet,
                        t!(language, "print-screen-booklet"),
                        Message::Booklet,
                    );
                    let mut choice = column![booklet].spacing(look.scale.pad);
                    if self.booklet {
                        // How to fold and bind what comes out.
                        choice = choice.push(look.small(t!(language, "print-screen-booklet-help")));
                    }
                    choice.into()
                }
            });
        look.section(t!(language, "print-screen-what"), body)
    }

    fn household_choice(&self, look: Look) -> Element<'_, Message> {
        let language = look.language;
        let mut body = column![
            text_box(
                look,
                &t!(language, "print-screen-household-search"),
                &self.search
            )
            .id("print-search")
            .on_input(Message::Search)
        ]
        .spacing(look.scale.space * 0.5);
        if self.found.is_empty() && !self.search.trim().is_empty() {
            body = body.push(look.small(t!(language, "print-screen-household-none")));
        }
        for found in &self.found {
            let style = if self.household.as_deref() == Some(found.id.as_str()) {
                theme::selected_button
            } else {
                theme::secondary_button
            };
            body = body.push(look.tap_wide(
                &format!("print-household-{}", found.id),
                crate::ui::names::line(
                    look,
                    &format!(
                        "{}  {}  {}",
                        found.head_name, found.village, found.id_number_masked
                    ),
                ),
                Message::Household(found.id.clone()),
                style,
            ));
        }
        body.push(self.layout_choice(look)).into()
    }

    fn village_choice<'a>(&'a self, look: Look, content: &'a Content) -> Element<'a, Message> {
        let language = look.language;
        let villages: Vec<Choice<String>> = content
            .villages
            .iter()
            .map(|village| Choice::new(village.name.clone(), village.name.clone()))
            .collect();
        column![
            target(
                "print-village",
                choice_list(
                    look,
                    pick_list(villages, self.village.clone(), Message::Village)
                        .placeholder(t!(language, "print-screen-village-choose"))
                        .width(Length::Fill)
                )
            ),
            self.layout_choice(look),
        ]
        .spacing(look.scale.space * 0.5)
        .into()
    }

    /// Card printer or A4 sheets of ten.
    fn layout_choice(&self, look: Look) -> Element<'_, Message> {
        let language = look.language;
        let option = |key: &str, label: String, layout: CardLayout| {
            let style = if self.layout == layout {
                theme::selected_button
            } else {
                theme::secondary_button
            };
            look.tap(key, look.strong(label), Message::Layout(layout), style)
        };
        row![
            option(
                "print-layout-sheet",
                t!(language, "print-screen-layout-sheet"),
                CardLayout::A4Sheet
            ),
            option(
                "print-layout-single",
                t!(language, "print-screen-layout-single"),
                CardLayout::Single
            ),
        ]
        .spacing(look.scale.pad)
        .wrap()
        .vertical_spacing(look.scale.pad)
        .into()
    }

    fn case_choice(&self, look: Look) -> Element<'_, Message> {
        let language = look.language;
        column![
            text_box(
                look,
                &t!(language, "print-screen-case-number"),
                &self.case_number
            )
            .id("print-case-number")
            .on_input(Message::CaseNumber)
            .on_submit(Message::ShowCase),
            look.tap(
                "print-case-show",
                look.strong(t!(language, "print-screen-case-show")),
                Message::ShowCase,
                theme::secondary_button,
            ),
        ]
        .spacing(look.scale.space * 0.5)
        .into()
    }

    /// The printer, copies and duplex, Print; or a folder and Save PDF.
    fn output(&self, look: Look) -> Element<'_, Message> {
        let language = look.language;
        let mut body = column![].spacing(look.scale.space * 0.6);
        let listed = match &self.printers {
            Printers::Listed(printers) => printers.as_slice(),
            Printers::Unavailable(why) => {
                body = body.push(look.caution(why.clone()));
                &[]
            }
            Printers::Loading => {
                body = body.push(look.body(t!(language, "print-screen-printers-loading")));
                &[]
            }
        };
        if listed.is_empty() {
            if matches!(self.printers, Printers::Listed(_)) {
                body = body.push(look.caution(t!(language, "print-screen-no-printers")));
            }
        } else {
            let choices: Vec<Choice<String>> = listed
                .iter()
                .map(|printer| printer_choice(language, printer))
                .collect();
            body = body.push(target(
                "print-printer",
                choice_list(
                    look,
                    pick_list(choices, self.printer.clone(), Message::Printer)
                        .placeholder(t!(language, "print-screen-printer-choose"))
                        .width(Length::Fill),
                ),
            ));
        }
        body = body.push(look.tap(
            "print-refresh",
            look.strong(t!(language, "print-screen-refresh")),
            Message::RefreshPrinters,
            theme::secondary_button,
        ));
        if !listed.is_empty() || self.printer.is_some() {
            let copies = row![
                look.tap(
                    "print-fewer",
                    look.strong(t!(language, "print-screen-fewer")),
                    Message::Fewer,
                    theme::secondary_button
                ),
                look.strong(t!(language, "print-screen-copies", copies = self.copies)),
                look.tap(
                    "print-more",
                    look.strong(t!(language, "print-screen-more")),
                    Message::More,
                    theme::secondary_button
                ),
            ]
            .spacing(look.scale.pad)
            .align_y(Alignment::Center)
            .wrap()
            .vertical_spacing(look.scale.pad);
            body = body
                .push(copies)
                .push(tick(
                    look,
                    "print-duplex",
                    self.duplex,
                    t!(language, "print-screen-duplex"),
                    Message::Duplex,
                ))
                .push(
                    look.tap_wide(
                        "print-print",
                        look.heading(t!(language, "print-screen-print"))
                            .color(theme::ON_PRIMARY),
                        Message::Print,
                        theme::primary_button,
                    ),
                );
        }
        body = body
            .push(look.strong(t!(language, "print-screen-folder")))
            .push(
                text_box(look, "", &self.folder)
                    .id("print-folder")
                    .on_input(Message::Folder),
            )
            .push(look.tap_wide(
                "print-save",
                look.strong(t!(language, "print-screen-save")),
                Message::Save,
                theme::secondary_button,
            ));
        look.section(t!(language, "print-screen-output"), body)
    }

    fn log_view(&self, look: Look) -> Element<'_, Message> {
        let language = look.language;
        let lines: Vec<String> = self
            .log
            .iter()
            .map(|print| log::line(language, print))
            .collect();
        let body: Element<'_, Message> = if lines.is_empty() {
            look.small(t!(language, "print-screen-log-empty")).into()
        } else {
            column(lines.into_iter().map(|line| look.small(line).into()))
                .spacing(look.scale.space * 0.3)
                .into()
        };
        look.section(t!(language, "print-screen-log"), body)
    }
}

fn kind_label(look: Look, kind: Kind) -> String {
    let language = look.language;
    match kind {
        Kind::Card => t!(language, "print-screen-kind-card"),
        Kind::Village => t!(language, "print-screen-kind-village"),
        Kind::Receipt => t!(language, "print-screen-kind-receipt"),
        Kind::PolicyHandbook => t!(language, "print-screen-kind-policy"),
        Kind::ServiceHandbook => t!(language, "print-screen-kind-service"),
    }
}
