//! The print screen (staff and admins): choose a document, see its actual pages, send it to a
//! printer of the system's print service or save the PDF to a folder (a USB stick). An agent
//! reaches the same screen from a case's 打印回执, limited to that case's receipt.
//!
//! The preview is the document's own page model (see `widget::page_preview`); what is printed or
//! saved is that same document. A document that cannot be printed stays on screen with the reason.

pub mod log;
mod view;

use std::path::PathBuf;
use std::sync::Arc;

use super::choice::Choice;
use super::office::Office;
use crate::clock::Timestamp;
use crate::domain::Content;
use crate::i18n::Language;
use crate::print::cups::{self, Printer, Target};
use crate::print::job::{Delivered, PrintJob, RenderedPdf, deliver_rendered};
use crate::print::page::Document;
use crate::print::{CardLayout, HandbookKind, PrintError};
use crate::store::{Account, Case, HouseholdSummary};
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
    /// The PDF of layout `generation`, drawn off the window's thread.
    Rendered(u64, Result<Arc<RenderedPdf>, Arc<PrintError>>),
}

/// What the print screen asks the desk to do.
#[derive(Debug, Clone)]
pub enum Event {
    /// Back to the case (by id) the screen was opened from.
    OpenCase(String),
    /// Draw this layout's PDF on another thread and answer with [`Message::Rendered`].
    Render(Arc<Document>, u64),
}

impl PrintScreen {
    /// The full screen, nothing chosen yet.
    pub fn new(office: &Office, language: Language) -> PrintScreen {
        let mut screen = PrintScreen {
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
            printers: Printers::Listed(Vec::new()),
            printer: None,
            copies: 1,
            duplex: false,
            folder: office.save_folder().display().to_string(),
            outcome: None,
            log: Vec::new(),
            pending: None,
        };
        screen.refresh_printers(language);
        screen.reload_log(office, language);
        screen
    }

    /// The receipt (or one-time notice) of `case`, ready to print: the agent's 打印回执.
    pub fn for_case(
        case: &Case,
        office: &Office,
        content: &Content,
        language: Language,
        now: Timestamp,
    ) -> PrintScreen {
        let mut screen = PrintScreen::new(office, language);
        screen.kind = Kind::Receipt;
        screen.from_case = Some(case.id.clone());
        screen.case_number = case.number.clone().unwrap_or_else(|| case.id.clone());
        screen.prepare(office, content, language, now);
        screen
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
        office: &mut Office,
        content: &Content,
        account: &Account,
        language: Language,
        now: Timestamp,
    ) -> Option<Event> {
        match message {
            Message::Kind(kind) if self.from_case.is_none() && kind != self.kind => {
                self.kind = kind;
                self.outcome = None;
                self.prepared = None;
                self.page = 0;
                if self.kind != Kind::Receipt && self.job().is_some() {
                    self.prepare(office, content, language, now);
                }
            }
            Message::Kind(_) => {}
            Message::Search(search) => {
                self.found = if search.trim().is_empty() {
                    Vec::new()
                } else {
                    office
                        .store
                        .households(&search, SEARCH_LIMIT)
                        .unwrap_or_default()
                };
                self.search = search;
            }
            Message::Household(id) => {
                self.found.retain(|found| found.id == id);
                self.household = Some(id);
                self.prepare(office, content, language, now);
            }
            Message::Village(village) => {
                self.village = Some(village);
                self.prepare(office, content, language, now);
            }
            Message::Layout(layout) => {
                self.layout = layout;
                self.prepare(office, content, language, now);
            }
            Message::CaseNumber(number) if self.from_case.is_none() => self.case_number = number,
            Message::CaseNumber(_) => {}
            Message::ShowCase => self.prepare(office, content, language, now),
            Message::Booklet(booklet) => {
                self.booklet = booklet;
                self.prepare(office, content, language, now);
            }
            Message::Previous => self.page = self.page.saturating_sub(1),
            Message::Next => {
                let pages = self.page_count();
                self.page = (self.page + 1).min(pages.saturating_sub(1));
            }
            Message::Zoom => self.zoomed = !self.zoomed,
            Message::Printer(printer) => self.printer = Some(printer),
            Message::RefreshPrinters => {
                self.outcome = None;
                self.refresh_printers(language);
            }
            Message::Fewer => self.copies = self.copies.saturating_sub(1).max(1),
            Message::More => self.copies = (self.copies + 1).min(MAX_COPIES),
            Message::Duplex(duplex) => self.duplex = duplex,
            Message::Print => {
                let Some(printer) = &self.printer else {
                    self.outcome =
                        Some(Outcome::Failed(t!(language, "print-screen-choose-printer")));
                    return None;
                };
                let target = Target::Printer {
                    name: printer.value.clone(),
                    copies: self.copies,
                    duplex: self.duplex,
                };
                return self.render(target, language);
            }
            Message::Folder(folder) => self.folder = folder,
            Message::Save => {
                let Some(folder) = folder_path(&self.folder) else {
                    self.outcome = Some(Outcome::Failed(t!(language, "print-screen-folder-empty")));
                    return None;
                };
                return self.render(Target::Folder(folder), language);
            }
            Message::Rendered(generation, rendered) => {
                if let Some((target, pending)) = self.pending.take()
                    && pending == generation
                {
                    self.deliver(target, rendered, office, content, account, language, now);
                }
            }
            Message::BackToCase => return self.from_case.clone().map(Event::OpenCase),
        }
        None
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

    fn prepare(&mut self, office: &Office, content: &Content, language: Language, now: Timestamp) {
        match self.job() {
            Some(job) => self.prepare_job(job, office, content, language, now),
            None => {
                self.prepared = None;
                if self.kind == Kind::Receipt {
                    self.outcome = Some(Outcome::Failed(t!(language, "print-screen-nothing")));
                }
            }
        }
    }

    /// Lays out `job`'s pages for the preview. A job that cannot be laid out (an unknown case,
    /// a character the font lacks) shows why, and nothing stays ready to print.
    fn prepare_job(
        &mut self,
        job: PrintJob,
        office: &Office,
        content: &Content,
        language: Language,
        now: Timestamp,
    ) {
        self.page = 0;
        match job.document(&office.store, content, language, now) {
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
                        PrintError::MissingGlyphs(missing).localized(language),
                    ))
                } else {
                    // The village prints; the households left off are named.
                    crate::print::job::skipped_message(&document, language).map(Outcome::Failed)
                };
                self.prepared = Some(Prepared {
                    job,
                    document: Arc::new(document),
                    generation: self.generation,
                });
            }
            Err(error) => {
                tracing::warn!(?error, "document not prepared");
                self.prepared = None;
                self.outcome = Some(Outcome::Failed(error.localized(language)));
            }
        }
    }

    /// Asks for the PDF of the document on screen, to go to `target` once drawn.
    fn render(&mut self, target: Target, language: Language) -> Option<Event> {
        if self.pending.is_some() {
            return None;
        }
        let Some(prepared) = &self.prepared else {
            self.outcome = Some(Outcome::Failed(t!(language, "print-screen-nothing")));
            return None;
        };
        self.pending = Some((target, prepared.generation));
        self.outcome = Some(Outcome::Working(t!(language, "print-screen-working")));
        Some(Event::Render(
            prepared.document.clone(),
            prepared.generation,
        ))
    }

    /// Prints or saves the drawn document and records it; on failure the document stays.
    #[allow(clippy::too_many_arguments)]
    fn deliver(
        &mut self,
        target: Target,
        rendered: Result<Arc<RenderedPdf>, Arc<PrintError>>,
        office: &mut Office,
        content: &Content,
        account: &Account,
        language: Language,
        now: Timestamp,
    ) {
        let Some(Prepared { job, document, .. }) = self.prepared.clone() else {
            self.outcome = Some(Outcome::Failed(t!(language, "print-screen-nothing")));
            return;
        };
        let result = rendered
            .map_err(|error| {
                tracing::error!(?error, "PDF not drawn");
                error.localized(language)
            })
            .and_then(|pdf| {
                deliver_rendered(
                    &mut office.store,
                    content,
                    &job,
                    &pdf,
                    &target,
                    &crate::print::job::Actor::account(account.id),
                    now,
                )
                .map_err(|error| {
                    tracing::error!(?error, "print or save failed");
                    error.localized(language)
                })
            });
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
            Err(message) => Outcome::Failed(message),
        });
        // The households a village's sheet left off stay named after it is printed.
        if let (Some(Outcome::Done(done)), Some(skipped)) = (
            &self.outcome,
            crate::print::job::skipped_message(&document, language),
        ) {
            self.outcome = Some(Outcome::Done(format!("{done}\n{skipped}")));
        }
        self.reload_log(office, language);
        // A card's next print shows its reprint count: lay it out again.
        if matches!(self.outcome, Some(Outcome::Done(_)))
            && matches!(job, PrintJob::Card { .. } | PrintJob::VillageCards { .. })
        {
            let (page, duplex, outcome) = (self.page, self.duplex, self.outcome.take());
            self.prepare_job(job, office, content, language, now);
            self.page = page.min(self.page_count().saturating_sub(1));
            self.duplex = duplex;
            self.outcome = outcome;
        }
    }

    fn refresh_printers(&mut self, language: Language) {
        self.printers = match cups::printers() {
            Ok(printers) => Printers::Listed(printers),
            Err(error) => Printers::Unavailable(error.localized(language)),
        };
        let listed = match &self.printers {
            Printers::Listed(printers) => printers.as_slice(),
            Printers::Unavailable(_) => &[],
        };
        let still_there = self
            .printer
            .as_ref()
            .is_some_and(|chosen| listed.iter().any(|printer| printer.name == chosen.value));
        if !still_there {
            self.printer = listed
                .iter()
                .find(|printer| printer.is_default && printer.accepting)
                .or_else(|| listed.iter().find(|printer| printer.accepting))
                .map(|printer| printer_choice(language, printer));
        }
    }

    fn reload_log(&mut self, office: &Office, language: Language) {
        self.log = log::latest(&office.store, language);
    }
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
