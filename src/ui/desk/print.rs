//! The print screen (staff and admins): choose a document, see its actual pages, send it to a
//! printer of the system's print service or save the PDF to a folder (a USB stick). An agent
//! reaches the same screen from a case's 打印回执, limited to that case's receipt.
//!
//! The preview is the document's own page model (see `widget::page_preview`); what is printed or
//! saved is that same document. A document that cannot be printed stays on screen with the reason.

pub mod log;
mod view;

use crate::explain::Explain;
use std::path::PathBuf;
use std::sync::Arc;

use iced::Task;

use super::choice::Choice;
use super::office::Office;
use crate::clock::Timestamp;
use crate::explain::shown;
use crate::i18n::Language;
use crate::print::cups::{self, Printer, Target};
use crate::print::job::{Delivered, PrintJob, RenderedPdf, deliver_rendered};
use crate::print::page::Document;
use crate::print::{CardLayout, HandbookKind, PrintError};
use crate::store::{Account, Case, HouseholdSummary, StoreError};
use crate::t;

const SEARCH_LIMIT: usize = 12;
pub const MAX_COPIES: u32 = 99;

/// The kinds of document the screen offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Card,
    Village,
    Receipt,
    PolicyHandbook,
    ServiceHandbook,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Card,
        Kind::Village,
        Kind::Receipt,
        Kind::PolicyHandbook,
        Kind::ServiceHandbook,
    ];

    /// The part of this kind's tap key ("print-kind-village").
    pub fn key(self) -> &'static str {
        match self {
            Kind::Card => "card",
            Kind::Village => "village",
            Kind::Receipt => "receipt",
            Kind::PolicyHandbook => "policy",
            Kind::ServiceHandbook => "service",
        }
    }
}

/// The document on screen and the job it was made from.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub job: PrintJob,
    pub document: Arc<Document>,
    /// Changes with every new document, so the preview redraws.
    pub generation: u64,
}

/// The print service's printers, or why there are none to show.
#[derive(Debug, Clone)]
pub enum Printers {
    /// The print service is being asked (it may take seconds, off the window's thread).
    Loading,
    Listed(Vec<Printer>),
    /// No print service, or it is not running (already in the staff's words).
    Unavailable(String),
}

/// The last action's outcome, already in the staff's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The PDF is being drawn on another thread.
    Working(String),
    Done(String),
    Failed(String),
}

#[derive(Debug, Clone)]
pub struct PrintScreen {
    kind: Kind,
    /// Opened from a case: only that case's receipt (an agent's way in).
    from_case: Option<String>,
    search: String,
    found: Vec<HouseholdSummary>,
    /// The household whose card is chosen, by id.
    household: Option<String>,
    village: Option<Choice<String>>,
    layout: CardLayout,
    case_number: String,
    booklet: bool,
    prepared: Option<Prepared>,
    generation: u64,
    page: usize,
    zoomed: bool,
    printers: Printers,
    printer: Option<Choice<String>>,
    copies: u32,
    duplex: bool,
    folder: String,
    outcome: Option<Outcome>,
    log: Vec<log::PrintLine>,
    /// Where the document being drawn goes, with the layout it was drawn from.
    pending: Option<(Target, u64)>,
    /// The latest layout asked for; older answers are dropped.
    asked: u64,
    /// A card laid out again after printing keeps its page, sides and message.
    relayout: Option<(usize, bool, Option<Outcome>)>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Kind(Kind),
    Search(String),
    Household(String),
    Village(Choice<String>),
    Layout(CardLayout),
    CaseNumber(String),
    ShowCase,
    Booklet(bool),
    Previous,
    Next,
    /// The page as large as the screen allows, or back beside the choices.
    Zoom,
    Printer(Choice<String>),
    RefreshPrinters,
    Fewer,
    More,
    Duplex(bool),
    Print,
    Folder(String),
    Save,
    BackToCase,
    /// Households found for the search typed.
    Found(String, Result<Vec<HouseholdSummary>, Arc<StoreError>>),
    /// The pages of layout request `asked`, laid out on the store's thread.
    Prepared(u64, PrintJob, Result<Arc<Document>, Arc<PrintError>>),
    /// The PDF of layout `generation`, drawn off the window's thread.
    Rendered(u64, Result<Arc<RenderedPdf>, Arc<PrintError>>),
    /// The drawn document was printed or saved (and recorded), or why not.
    Delivered(Result<Delivered, Arc<PrintError>>),
    PrintersListed(Result<Vec<Printer>, Arc<PrintError>>),
    LogLoaded(Result<Vec<log::PrintLine>, Arc<StoreError>>),
}

/// What the print screen asks the desk to do.
#[derive(Debug, Clone)]
pub enum Event {
    /// Back to the case (by id) the screen was opened from.
    OpenCase(String),
}

impl PrintScreen {
    /// The full screen, nothing chosen yet; the printers and the latest prints are on their way.
    pub fn open(office: &Office, language: Language) -> (PrintScreen, Task<Message>) {
        let screen = PrintScreen {
            kind: Kind::Card,
            from_case: None,
            search: String::new(),
            found: Vec::new(),
            household: None,
            village: None,
            layout: CardLayout::A4Sheet,
            case_number: String::new(),
            booklet: false,
            prepared: None,
            generation: 0,
            page: 0,
            zoomed: false,
            printers: Printers::Loading,
            printer: None,
            copies: 1,
            duplex: false,
            folder: office.save_folder().display().to_string(),
            outcome: None,
            log: Vec::new(),
            pending: None,
            asked: 0,
            relayout: None,
        };
        let load = Task::batch([list_printers(), reload_log(office, language)]);
        (screen, load)
    }

    /// The receipt (or one-time notice) of `case`, ready to print: the agent's 打印回执.
    pub fn for_case(
        case: &Case,
        office: &Office,
        language: Language,
        now: Timestamp,
    ) -> (PrintScreen, Task<Message>) {
        let (mut screen, load) = PrintScreen::open(office, language);
        screen.kind = Kind::Receipt;
        screen.from_case = Some(case.id.clone());
        screen.case_number = case.number.clone().unwrap_or_else(|| case.id.clone());
        let prepare = screen.prepare(office, language, now);
        (screen, Task::batch([load, prepare]))
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    pub fn prepared(&self) -> Option<&Prepared> {
        self.prepared.as_ref()
    }

    pub fn page(&self) -> usize {
        self.page
    }

    pub fn outcome(&self) -> Option<&Outcome> {
        self.outcome.as_ref()
    }

    pub fn printers(&self) -> &Printers {
        &self.printers
    }

    pub fn copies(&self) -> u32 {
        self.copies
    }

    pub fn is_for_case(&self) -> bool {
        self.from_case.is_some()
    }

    pub fn update(
        &mut self,
        message: Message,
        office: &Office,
        account: &Account,
        language: Language,
        now: Timestamp,
    ) -> (Task<Message>, Option<Event>) {
        let task = match message {
            Message::Kind(kind) if self.from_case.is_none() && kind != self.kind => {
                self.kind = kind;
                self.outcome = None;
                self.prepared = None;
                self.page = 0;
                if self.kind != Kind::Receipt && self.job().is_some() {
                    self.prepare(office, language, now)
                } else {
                    Task::none()
                }
            }
            Message::Kind(_) => Task::none(),
            Message::Search(search) => {
                self.search = search.clone();
                if search.trim().is_empty() {
                    self.found.clear();
                    Task::none()
                } else {
                    let asked = search.clone();
                    office.run(
                        move |store, _| store.households(&asked, SEARCH_LIMIT),
                        move |found| Message::Found(search, found),
                    )
                }
            }
            // Only the answer to what is in the box now counts.
            Message::Found(search, found) if search == self.search => {
                match found {
                    Ok(found) => self.found = found,
                    Err(error) => self.outcome = Some(Outcome::Failed(shown(language, &*error))),
                }
                Task::none()
            }
            Message::Found(..) => Task::none(),
            Message::Household(id) => {
                self.found.retain(|found| found.id == id);
                self.household = Some(id);
                self.prepare(office, language, now)
            }
            Message::Village(village) => {
                self.village = Some(village);
                self.prepare(office, language, now)
            }
            Message::Layout(layout) => {
                self.layout = layout;
                self.prepare(office, language, now)
            }
            Message::CaseNumber(number) => {
                if self.from_case.is_none() {
                    self.case_number = number;
                }
                Task::none()
            }
            Message::ShowCase => self.prepare(office, language, now),
            Message::Booklet(booklet) => {
                self.booklet = booklet;
                self.prepare(office, language, now)
            }
            Message::Prepared(asked, job, result) => {
                if asked == self.asked {
                    self.prepared_job(job, result, language);
                }
                Task::none()
            }
            Message::Previous => {
                self.page = self.page.saturating_sub(1);
                Task::none()
            }
            Message::Next => {
                let pages = self.page_count();
                self.page = (self.page + 1).min(pages.saturating_sub(1));
                Task::none()
            }
            Message::Zoom => {
                self.zoomed = !self.zoomed;
                Task::none()
            }
            Message::Printer(printer) => {
                self.printer = Some(printer);
                Task::none()
            }
            Message::RefreshPrinters => {
                self.outcome = None;
                self.printers = Printers::Loading;
                list_printers()
            }
            Message::PrintersListed(result) => {
                self.printers_listed(result, office.preferred_printer(), language);
                Task::none()
            }
            Message::Fewer => {
                self.copies = self.copies.saturating_sub(1).max(1);
                Task::none()
            }
            Message::More => {
                self.copies = (self.copies + 1).min(MAX_COPIES);
                Task::none()
            }
            Message::Duplex(duplex) => {
                self.duplex = duplex;
                Task::none()
            }
            Message::Print => match &self.printer {
                None => {
                    self.outcome =
                        Some(Outcome::Failed(t!(language, "print-screen-choose-printer")));
                    Task::none()
                }
                Some(printer) => {
                    let target = Target::Printer {
                        name: printer.value.clone(),
                        copies: self.copies,
                        duplex: self.duplex,
                    };
                    self.render(target, language)
                }
            },
            Message::Folder(folder) => {
                self.folder = folder;
                Task::none()
            }
            Message::Save => match folder_path(&self.folder) {
                None => {
                    self.outcome = Some(Outcome::Failed(t!(language, "print-screen-folder-empty")));
                    Task::none()
                }
                Some(folder) => self.render(Target::Folder(folder), language),
            },
            Message::Rendered(generation, rendered) => match self.pending.take() {
                Some((target, pending)) if pending == generation => {
                    self.deliver(target, rendered, office, account, language, now)
                }
                other => {
                    self.pending = other;
                    Task::none()
                }
            },
            Message::Delivered(result) => self.delivered(result, office, language, now),
            Message::LogLoaded(result) => {
                match result {
                    Ok(log) => self.log = log,
                    Err(error) => self.outcome = Some(Outcome::Failed(shown(language, &*error))),
                }
                Task::none()
            }
            Message::BackToCase => {
                return (Task::none(), self.from_case.clone().map(Event::OpenCase));
            }
        };
        (task, None)
    }

    fn page_count(&self) -> usize {
        self.prepared
            .as_ref()
            .map_or(0, |prepared| prepared.document.pages.len())
    }

    /// The job the current choices describe, if they are complete.
    fn job(&self) -> Option<PrintJob> {
        match self.kind {
            Kind::Card => self.household.as_ref().map(|household| PrintJob::Card {
                household: household.clone(),
                layout: self.layout,
            }),
            Kind::Village => self.village.as_ref().map(|village| PrintJob::VillageCards {
                village: village.value.clone(),
                layout: self.layout,
            }),
            Kind::Receipt => (!self.case_number.trim().is_empty()).then(|| PrintJob::Receipt {
                case: self.case_number.trim().to_owned(),
            }),
            Kind::PolicyHandbook => Some(PrintJob::Handbook {
                kind: HandbookKind::Policy,
                booklet: self.booklet,
            }),
            Kind::ServiceHandbook => Some(PrintJob::Handbook {
                kind: HandbookKind::Service,
                booklet: self.booklet,
            }),
        }
    }

    fn prepare(&mut self, office: &Office, language: Language, now: Timestamp) -> Task<Message> {
        match self.job() {
            Some(job) => self.prepare_job(job, office, language, now),
            None => {
                self.prepared = None;
                if self.kind == Kind::Receipt {
                    self.outcome = Some(Outcome::Failed(t!(language, "print-screen-nothing")));
                }
                Task::none()
            }
        }
    }

    /// Asks for `job`'s pages, laid out on the store's thread (a village's thousand cards take
    /// a second).
    fn prepare_job(
        &mut self,
        job: PrintJob,
        office: &Office,
        language: Language,
        now: Timestamp,
    ) -> Task<Message> {
        self.asked += 1;
        self.relayout = None;
        let asked = self.asked;
        self.outcome = Some(Outcome::Working(t!(language, "print-screen-preparing")));
        let laid_out = job.clone();
        office.run(
            move |store, rules| {
                laid_out
                    .document(store, rules.content, language, now)
                    .map(Arc::new)
            },
            move |result| Message::Prepared(asked, job, result),
        )
    }

    /// The pages are laid out: show them. A job that cannot be laid out (an unknown case, a
    /// character the font lacks) shows why, and nothing stays ready to print.
    fn prepared_job(
        &mut self,
        job: PrintJob,
        result: Result<Arc<Document>, Arc<PrintError>>,
        language: Language,
    ) {
        self.page = 0;
        match result {
            Ok(document) => {
                self.generation += 1;
                // Card sheets and booklets are made to be printed on both sides.
                self.duplex = matches!(
                    job,
                    PrintJob::VillageCards {
                        layout: CardLayout::A4Sheet,
                        ..
                    } | PrintJob::Handbook { booklet: true, .. }
                );
                // Refused now rather than at the printer.
                let missing = document.missing_glyphs();
                self.outcome = if !missing.is_empty() {
                    Some(Outcome::Failed(
                        PrintError::MissingGlyphs(missing).words(language),
                    ))
                } else {
                    // The village prints; the households left off are named.
                    crate::print::job::skipped_message(&document, language).map(Outcome::Failed)
                };
                self.prepared = Some(Prepared {
                    job,
                    document,
                    generation: self.generation,
                });
            }
            Err(error) => {
                self.prepared = None;
                self.outcome = Some(Outcome::Failed(shown(language, &*error)));
            }
        }
        if let Some((page, duplex, outcome)) = self.relayout.take()
            && self.prepared.is_some()
        {
            self.page = page.min(self.page_count().saturating_sub(1));
            self.duplex = duplex;
            self.outcome = outcome;
        }
    }

    /// Draws the PDF of the document on screen on its own thread, to go to `target` once drawn.
    fn render(&mut self, target: Target, language: Language) -> Task<Message> {
        if self.pending.is_some() {
            return Task::none();
        }
        let Some(prepared) = &self.prepared else {
            self.outcome = Some(Outcome::Failed(t!(language, "print-screen-nothing")));
            return Task::none();
        };
        let generation = prepared.generation;
        self.pending = Some((target, generation));
        self.outcome = Some(Outcome::Working(t!(language, "print-screen-working")));
        let document = Arc::clone(&prepared.document);
        crate::ui::background::on_thread(
            "bianmin-print",
            move || {
                RenderedPdf::render(&document)
                    .map(Arc::new)
                    .map_err(Arc::new)
            },
            || {
                Err(Arc::new(PrintError::Pdf(
                    "the drawing thread stopped".into(),
                )))
            },
            move |rendered| Message::Rendered(generation, rendered),
        )
    }

    /// Prints or saves the drawn document and records it. It runs on the store's thread, which
    /// records the print in the same step; the print service answers within its time limit.
    fn deliver(
        &mut self,
        target: Target,
        rendered: Result<Arc<RenderedPdf>, Arc<PrintError>>,
        office: &Office,
        account: &Account,
        language: Language,
        now: Timestamp,
    ) -> Task<Message> {
        let Some(Prepared { job, .. }) = self.prepared.clone() else {
            self.outcome = Some(Outcome::Failed(t!(language, "print-screen-nothing")));
            return Task::none();
        };
        let pdf = match rendered {
            Ok(pdf) => pdf,
            Err(error) => {
                self.outcome = Some(Outcome::Failed(shown(language, &*error)));
                return Task::none();
            }
        };
        let actor = crate::print::job::Actor::account(account.id);
        office.run(
            move |store, rules| {
                deliver_rendered(store, rules.content, &job, &pdf, &target, &actor, now)
            },
            Message::Delivered,
        )
    }

    /// The print is done (or refused): say so, list it, and lay a card out again so its next
    /// print shows the reprint count.
    fn delivered(
        &mut self,
        result: Result<Delivered, Arc<PrintError>>,
        office: &Office,
        language: Language,
        now: Timestamp,
    ) -> Task<Message> {
        self.outcome = Some(match result {
            Ok(Delivered::Printed { printer, .. }) => Outcome::Done(t!(
                language,
                "print-screen-printed",
                printer = printer.as_str(),
                copies = self.copies
            )),
            Ok(Delivered::Saved(path)) => Outcome::Done(t!(
                language,
                "print-screen-saved",
                path = path.display().to_string()
            )),
            Err(error) => Outcome::Failed(shown(language, &*error)),
        });
        let Some(Prepared { job, document, .. }) = self.prepared.clone() else {
            return reload_log(office, language);
        };
        // The households a village's sheet left off stay named after it is printed.
        if let (Some(Outcome::Done(done)), Some(skipped)) = (
            &self.outcome,
            crate::print::job::skipped_message(&document, language),
        ) {
            self.outcome = Some(Outcome::Done(format!("{done}\n{skipped}")));
        }
        let mut tasks = vec![reload_log(office, language)];
        if matches!(self.outcome, Some(Outcome::Done(_)))
            && matches!(job, PrintJob::Card { .. } | PrintJob::VillageCards { .. })
        {
            let (page, duplex, outcome) = (self.page, self.duplex, self.outcome.clone());
            tasks.push(self.prepare_job(job, office, language, now));
            self.relayout = Some((page, duplex, outcome.clone()));
            self.outcome = outcome;
        }
        Task::batch(tasks)
    }

    /// Keeps the printer chosen while it is still there; else this terminal's preferred one,
    /// the print service's default, or the first that takes jobs.
    fn printers_listed(
        &mut self,
        result: Result<Vec<Printer>, Arc<PrintError>>,
        preferred: Option<&str>,
        language: Language,
    ) {
        self.printers = match result {
            Ok(printers) => Printers::Listed(printers),
            Err(error) => Printers::Unavailable(shown(language, &*error)),
        };
        let listed = match &self.printers {
            Printers::Listed(printers) => printers.as_slice(),
            Printers::Unavailable(_) | Printers::Loading => &[],
        };
        let still_there = self
            .printer
            .as_ref()
            .is_some_and(|chosen| listed.iter().any(|printer| printer.name == chosen.value));
        if !still_there {
            self.printer = listed
                .iter()
                .find(|printer| Some(printer.name.as_str()) == preferred && printer.accepting)
                .or_else(|| {
                    listed
                        .iter()
                        .find(|printer| printer.is_default && printer.accepting)
                })
                .or_else(|| listed.iter().find(|printer| printer.accepting))
                .map(|printer| printer_choice(language, printer));
        }
    }
}

/// Asks the print service for its printers on a thread of its own: `lpstat` may take seconds
/// (or its full time limit when the service hangs).
fn list_printers() -> Task<Message> {
    crate::ui::background::on_thread(
        "bianmin-printers",
        || cups::printers().map_err(Arc::new),
        || {
            Err(Arc::new(PrintError::PrintServiceStopped(
                "the thread stopped".into(),
            )))
        },
        Message::PrintersListed,
    )
}

/// The latest prints, read on the store's thread.
fn reload_log(office: &Office, language: Language) -> Task<Message> {
    office.run(
        move |store, _| log::latest(store, language),
        Message::LogLoaded,
    )
}

/// A printer as the list shows it.
pub fn printer_choice(language: Language, printer: &Printer) -> Choice<String> {
    let name = if printer.description.is_empty() || printer.description == printer.name {
        printer.name.clone()
    } else {
        format!("{} · {}", printer.name, printer.description)
    };
    let label = if !printer.accepting {
        t!(language, "print-screen-printer-paused", name = name)
    } else if printer.is_default {
        t!(language, "print-screen-printer-default", name = name)
    } else {
        name
    };
    Choice::new(printer.name.clone(), label)
}

/// The folder typed, with a leading `~` for the home folder. A folder that does not exist is not
/// made: a USB stick that is not plugged in must not turn into a folder on the desk's own disk.
fn folder_path(typed: &str) -> Option<PathBuf> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    let home = || directories::UserDirs::new().map(|dirs| dirs.home_dir().to_path_buf());
    if typed == "~" {
        return home();
    }
    match (typed.strip_prefix("~/"), home()) {
        (Some(rest), Some(home)) => Some(home.join(rest)),
        _ => Some(PathBuf::from(typed)),
    }
}
