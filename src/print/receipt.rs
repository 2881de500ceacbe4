//! The A5 受理回执 for an accepted case, and the 一次性告知单 (补正材料通知) for a case whose
//! materials are incomplete, listing every missing material at once.

use crate::clock::{self, Timestamp};
use crate::domain::application::CaseState;
use crate::domain::case_number::CaseNumber;
use crate::domain::reference::Reference;
use crate::domain::{Content, ItemKind, ServiceItem};
use crate::i18n::Language;
use crate::store::{Account, Case, Store};
use crate::t;

use super::PrintError;
use super::flow::{Cell, Flow, Margins, baseline_offset};
use super::linebreak::WrapOptions;
use super::notice::{decision_notice, decision_of, one_time_notice};
use super::page::{A5, Align, Color, Document, Style, mm};
use super::qr::{QrMatrix, case_payload};
use super::text::{date, date_time, grouped_case_number, phone};

const BODY: f32 = 10.0;
const SMALL: f32 = 8.0;

/// The receipt (or, for a 待补正 case, the one-time notice) as PDF, printed now.
pub fn receipt_pdf(
    store: &Store,
    content: &Content,
    case_number_or_id: &str,
    language: Language,
) -> Result<Vec<u8>, PrintError> {
    receipt_pdf_at(store, content, case_number_or_id, language, clock::now())
}

/// [`receipt_pdf`] printed at a given time.
pub fn receipt_pdf_at(
    store: &Store,
    content: &Content,
    case_number_or_id: &str,
    language: Language,
    printed_at: Timestamp,
) -> Result<Vec<u8>, PrintError> {
    let document = receipt_document(store, content, case_number_or_id, language, printed_at)?;
    super::pdf::render(&document)
}

/// The laid-out pages of the receipt or notice (what a preview shows).
pub fn receipt_document(
    store: &Store,
    content: &Content,
    case_number_or_id: &str,
    language: Language,
    printed_at: Timestamp,
) -> Result<Document, PrintError> {
    let case = find_case(store, case_number_or_id)?;
    let item = content
        .item(&case.item_id)
        .ok_or_else(|| PrintError::UnknownItem(case.item_id.clone()))?;
    let facts = Facts {
        content,
        item,
        agent: store.account(case.agent_id)?,
        group: store.household(&case.household_id)?.map(|h| h.group),
        language,
        printed_at,
        case: &case,
    };
    if let Some(decision) = decision_of(case.state) {
        return decision_notice(&facts, decision);
    }
    match (case.state, &case.number) {
        (CaseState::AwaitingCorrection, _) => one_time_notice(&facts),
        (_, Some(number)) => {
            // A completed case was given its receipt when it was accepted; so was any case
            // whose receipt is in the print log. Printing it again is a 补打.
            let reprint =
                case.state == CaseState::Completed || store.times_printed(RECEIPT, number)? > 0;
            // A long item name or a wordier language may push the signatures over the page:
            // then the receipt is set once more, tighter, so that it stays one sheet.
            let document = receipt(&facts, number, reprint, Density::Normal)?;
            if document.pages.len() > 1 {
                receipt(&facts, number, reprint, Density::Compact)
            } else {
                Ok(document)
            }
        }
        (_, None) => Err(PrintError::NothingToPrint(
            case_number_or_id.trim().to_owned(),
        )),
    }
}

/// What the print log calls a receipt.
pub const RECEIPT: &str = "receipt";

/// What a case's document is called in the print log: `receipt`, `notice` (一次性告知单),
/// `refusal` (不予受理告知书) or `return` (退回通知书).
pub fn document_kind(state: CaseState) -> &'static str {
    match state {
        CaseState::AwaitingCorrection => "notice",
        CaseState::Refused => "refusal",
        CaseState::Returned => "return",
        _ => RECEIPT,
    }
}

/// A case by its number (spaces allowed), its 登记号 (spaces or hyphens allowed) or its id.
pub(super) fn find_case(store: &Store, key: &str) -> Result<Case, PrintError> {
    let key = key.trim();
    let id = match (CaseNumber::parse(key), Reference::parse(key)) {
        (Some(number), _) => store.case_id_by_number(&number)?,
        (None, Some(reference)) => store.case_id_by_reference(&reference)?,
        (None, None) => Some(key.to_owned()),
    };
    let case = match id {
        Some(id) => store.case(&id)?,
        None => None,
    };
    case.ok_or_else(|| PrintError::UnknownCase(key.to_owned()))
}

/// Everything the case's documents draw from.
pub(super) struct Facts<'a> {
    pub(super) content: &'a Content,
    pub(super) item: &'a ServiceItem,
    pub(super) agent: Option<Account>,
    pub(super) group: Option<u32>,
    pub(super) language: Language,
    pub(super) printed_at: Timestamp,
    pub(super) case: &'a Case,
}

impl Facts<'_> {
    /// How to reach the case's agent: by name and phone, or by name when the account is gone.
    pub(super) fn agent_contact(&self) -> String {
        match &self.agent {
            Some(agent) => t!(
                self.language,
                "receipt-progress-agent",
                name = agent.name.as_str(),
                phone = phone(&agent.phone)
            ),
            None => t!(
                self.language,
                "receipt-progress-agent-name",
                name = self.case.agent.as_str()
            ),
        }
    }

    pub(super) fn item_name(&self) -> &str {
        self.language.pick(&self.item.name, &self.item.name_en)
    }

    pub(super) fn hall_name(&self) -> &str {
        let hall = &self.content.hall;
        self.language.pick(&hall.name, &hall.name_en)
    }

    pub(super) fn village(&self) -> String {
        match self.group {
            Some(group) => t!(
                self.language,
                "print-village-group",
                village = self.case.village.as_str(),
                group = group.to_string()
            ),
            None => self.case.village.clone(),
        }
    }

    pub(super) fn agent(&self) -> String {
        match &self.agent {
            Some(agent) => format!("{}  {}", agent.name, phone(&agent.phone)),
            None => self.case.agent.clone(),
        }
    }

    pub(super) fn window(&self) -> String {
        match self.content.window(self.item.window) {
            Some(window) => t!(
                self.language,
                "print-window",
                number = window.number.to_string(),
                name = self.language.pick(&window.name, &window.name_en)
            ),
            None => t!(
                self.language,
                "print-window-number",
                number = self.item.window.to_string()
            ),
        }
    }

    pub(super) fn fee(&self) -> String {
        let fee = if self.item.fee_yuan == 0 {
            t!(self.language, "print-fee-free")
        } else {
            t!(
                self.language,
                "print-fee-yuan",
                yuan = self.item.fee_yuan.to_string()
            )
        };
        match &self.item.fee_note {
            Some(note) if !note.trim().is_empty() => format!("{fee}（{note}）"),
            _ => fee,
        }
    }

    /// A material's 份数规格 from the item, by name.
    pub(super) fn form_of(&self, name: &str) -> Option<&crate::domain::Material> {
        self.item
            .materials
            .iter()
            .find(|material| material.name == name)
    }

    pub(super) fn supervision(&self) -> String {
        let hall = &self.content.hall;
        t!(
            self.language,
            "print-supervision",
            phone = self.item.supervision_phone.as_str(),
            note = hall.supervision_note.as_str()
        )
    }
}

/// The day of a stored RFC 3339 time.
pub(super) fn created_on(language: Language, stored: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(stored) {
        Ok(at) => date(language, at.date_naive()),
        Err(_) => date_time(language, stored),
    }
}

fn a5_flow() -> Flow {
    Flow::new(
        A5,
        Margins {
            top: mm(13.0),
            right: mm(14.0),
            bottom: mm(14.0),
            left: mm(14.0),
        },
    )
}

/// The hall's name in red over a red double rule, then the document's title.
pub(super) fn letterhead(flow: &mut Flow, hall: &str, title: &str, subtitle: Option<&str>) {
    let center = (flow.left() + flow.right()) / 2.0;
    let (left, right) = (flow.left(), flow.right());
    let width = right - left;
    let hall_style = Style::bold(14.0).color(Color::RED).fitted(hall, width, 9.0);
    let y = flow.y - baseline_offset(hall_style, 18.0);
    flow.page().text_spaced(
        center,
        y,
        hall_style,
        Align::Center,
        hall,
        tracking(hall, 1.5),
    );
    flow.gap(18.0);
    let y = flow.y;
    flow.page().rule((left, y), (right, y), 1.6, Color::RED);
    flow.page()
        .rule((left, y - 2.8), (right, y - 2.8), 0.5, Color::RED);
    flow.gap(11.0);
    let title_style = Style::bold(19.0);
    let y = flow.y - baseline_offset(title_style, 24.0);
    flow.page().text_spaced(
        center,
        y,
        title_style,
        Align::Center,
        title,
        tracking(title, 6.0),
    );
    flow.gap(23.0);
    if let Some(subtitle) = subtitle {
        let style = Style::regular(BODY).color(Color::GRAY);
        let y = flow.y - baseline_offset(style, 14.0);
        flow.page().text(center, y, style, Align::Center, subtitle);
        flow.gap(16.0);
    }
    flow.gap(4.0);
}

/// Letter spacing for a title: Chinese titles are set wide, Latin ones solid.
fn tracking(text: &str, points: f32) -> f32 {
    if text.chars().any(|ch| ch.is_ascii_alphabetic()) {
        0.0
    } else {
        points
    }
}

/// How tightly the receipt is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Density {
    Normal,
    Compact,
}

impl Density {
    /// The body size of the table's values.
    fn body(self) -> f32 {
        match self {
            Density::Normal => BODY,
            Density::Compact => BODY - 1.0,
        }
    }

    fn qr_side(self) -> f32 {
        match self {
            Density::Normal => mm(22.0),
            Density::Compact => mm(18.0),
        }
    }

    fn list_leading(self) -> f32 {
        match self {
            Density::Normal => 13.5,
            Density::Compact => 12.0,
        }
    }
}

fn receipt(
    facts: &Facts<'_>,
    number: &str,
    reprint: bool,
    density: Density,
) -> Result<Document, PrintError> {
    let language = facts.language;
    let case = facts.case;
    let body = density.body();
    let mut flow = a5_flow();
    let completed = case
        .history
        .iter()
        .rev()
        .find(|event| event.to == Some(CaseState::Completed))
        .map(|event| created_on(language, &event.at));
    let subtitle = match (reprint, completed) {
        (true, Some(day)) => Some(t!(language, "receipt-reprint-completed", date = day)),
        (true, None) => Some(t!(language, "receipt-reprint")),
        (false, _) => None,
    };
    letterhead(
        &mut flow,
        facts.hall_name(),
        &t!(language, "receipt-title"),
        subtitle.as_deref(),
    );

    let label = Style::regular(body - 1.0).color(Color::GRAY);
    let value = Style::regular(body);
    let due = if facts.item.kind == ItemKind::Instant || facts.item.promised_days == 0 {
        t!(language, "receipt-due-instant")
    } else if let Some(day) = case.due_date {
        t!(
            language,
            "receipt-due-date",
            date = date(language, day),
            days = facts.item.promised_days.to_string()
        )
    } else {
        t!(
            language,
            "receipt-due-days",
            days = facts.item.promised_days.to_string()
        )
    };
    let accepted = case
        .accepted_at
        .as_deref()
        .map(|at| date_time(language, at))
        .unwrap_or_default();
    let cell = |key: String, value: String, style: Style| Cell::new(key, value, style);
    let rows = vec![
        vec![cell(
            t!(language, "receipt-number"),
            grouped_case_number(number),
            Style::bold(12.0).color(Color::RED),
        )],
        vec![cell(
            t!(language, "receipt-item"),
            facts.item_name().to_owned(),
            Style::bold(body + 0.5),
        )],
        vec![
            cell(
                t!(language, "receipt-applicant"),
                case.applicant_name.clone(),
                Style::bold(body),
            ),
            cell(
                t!(language, "receipt-id-number"),
                case.applicant_id_number.masked(),
                value,
            ),
        ],
        vec![
            cell(t!(language, "receipt-village"), facts.village(), value),
            cell(t!(language, "receipt-agent"), facts.agent(), value),
        ],
        vec![
            cell(t!(language, "receipt-accepted-at"), accepted, value),
            cell(t!(language, "receipt-due"), due, Style::bold(body)),
        ],
        vec![cell(
            t!(language, "receipt-department"),
            facts.item.department.clone(),
            value,
        )],
        vec![cell(t!(language, "receipt-window"), facts.window(), value)],
        vec![cell(t!(language, "receipt-fee"), facts.fee(), value)],
    ];
    let label_width = match language {
        Language::ZhCn => 50.0,
        Language::En => 62.0,
    };
    flow.table(&rows, label_width, label);
    flow.gap(9.0);

    let received: Vec<_> = case
        .materials
        .iter()
        .filter(|material| material.received)
        .collect();
    flow.heading(
        &t!(
            language,
            "receipt-materials",
            count = received.len().to_string()
        ),
        Style::bold(10.5),
        Color::RED,
    );
    if received.is_empty() {
        let x = flow.left() + 7.0;
        let width = flow.width() - 7.0;
        flow.text(
            x,
            width,
            Style::regular(9.5).color(Color::GRAY),
            15.0,
            &t!(language, "receipt-materials-none"),
        );
    }
    for (index, material) in received.iter().enumerate() {
        let text = match facts.form_of(&material.name) {
            Some(item_material) if !item_material.form.trim().is_empty() => {
                format!("{}（{}）", material.name, item_material.form)
            }
            _ => material.name.clone(),
        };
        flow.entry(
            &format!("{}.", index + 1),
            Style::bold(9.5).color(Color::GRAY),
            16.0,
            Style::regular(9.5),
            density.list_leading(),
            &text,
        );
    }
    flow.gap(8.0);

    progress_block(&mut flow, facts, number, density.qr_side())?;
    flow.gap(6.0);
    supervision_box(&mut flow, &facts.supervision());
    flow.gap(3.0);
    signatures(&mut flow, facts, &t!(language, "receipt-seal"));
    let title = if reprint {
        t!(language, "receipt-document-title-reprint", number = number)
    } else {
        t!(language, "receipt-document-title", number = number)
    };
    Ok(finish(
        flow,
        title,
        Some(t!(language, "receipt-keep")),
        facts,
    ))
}

/// How to follow the case: the kiosk, the hall's phone, the agent; a QR with the case number.
fn progress_block(
    flow: &mut Flow,
    facts: &Facts<'_>,
    number: &str,
    side: f32,
) -> Result<(), PrintError> {
    let language = facts.language;
    flow.heading(
        &t!(language, "receipt-progress"),
        Style::bold(10.5),
        Color::RED,
    );
    let caption = Style::regular(7.0).color(Color::GRAY);
    flow.keep(side + 12.0);
    let top = flow.y;
    let qr_x = flow.right() - side;
    let matrix = QrMatrix::encode(&case_payload(number))
        .map_err(|error| PrintError::Qr(error.to_string()))?;
    flow.page().qr(qr_x, top - side, side, matrix);
    let text = t!(language, "receipt-qr-caption");
    flow.page().text(
        qr_x + side / 2.0,
        top - side - 7.0,
        caption.fitted(&text, side + 8.0, 5.0),
        Align::Center,
        &text,
    );
    let hall = &facts.content.hall;
    let agent = facts.agent_contact();
    let ways = [
        t!(language, "receipt-progress-kiosk"),
        t!(
            language,
            "receipt-progress-phone",
            phone = hall.phone.as_str()
        ),
        agent,
        t!(language, "receipt-progress-qr"),
    ];
    let saved = flow.margins.right;
    flow.margins.right += side + 10.0;
    for way in &ways {
        flow.entry(
            "·",
            Style::bold(9.5).color(Color::RED),
            10.0,
            Style::regular(9.5),
            14.0,
            way,
        );
    }
    flow.margins.right = saved;
    flow.y = flow.y.min(top - side - 14.0);
    Ok(())
}

pub(super) fn supervision_box(flow: &mut Flow, text: &str) {
    let style = Style::bold(9.5).color(Color::RED);
    let height = 22.0;
    flow.keep(height);
    let (x, width, top) = (flow.left(), flow.width(), flow.y);
    flow.page()
        .fill(x, top - height, width, height, Color::RED_TINT);
    let baseline = top - baseline_offset(style, height);
    flow.page()
        .text(x + width / 2.0, baseline, style, Align::Center, text);
    flow.gap(height);
}

/// The applicant's signature on the left; on the right the issuing office and the date, which
/// the hall's seal covers (落款).
pub(super) fn signatures(flow: &mut Flow, facts: &Facts<'_>, seal_label: &str) {
    let language = facts.language;
    let height = 40.0;
    flow.keep(height);
    let top = flow.y;
    let (left, right) = (flow.left(), flow.right());
    let label = Style::regular(9.5);
    let hall = facts.hall_name().to_owned();
    let page = flow.page();
    page.text(
        right,
        top - 7.0,
        Style::regular(7.5).color(Color::GRAY),
        Align::Right,
        seal_label,
    );
    // The office's name keeps to the right half, clear of the applicant's signature line.
    let half = (right - left) / 2.0 - 6.0;
    page.text(
        right,
        top - 21.0,
        label.fitted(&hall, half, 6.5),
        Align::Right,
        &hall,
    );
    page.text(
        right,
        top - 35.0,
        label,
        Align::Right,
        &date(language, facts.printed_at.date_naive()),
    );
    for (key, baseline) in [
        ("print-applicant-signature", top - 21.0),
        ("print-signature-date", top - 35.0),
    ] {
        let text = match key {
            "print-applicant-signature" => t!(language, "print-applicant-signature"),
            _ => t!(language, "print-signature-date"),
        };
        page.text(left, baseline, label, Align::Left, &text);
        let start = left + label.width(&text) + 4.0;
        page.rule(
            (start, baseline - 3.0),
            (left + half - 4.0, baseline - 3.0),
            0.6,
            Color::GRAY,
        );
    }
    flow.gap(height);
}

/// Footer on every page: when it was printed; page numbers when there is more than one page.
pub(super) fn finish(
    flow: Flow,
    title: String,
    note: Option<String>,
    facts: &Facts<'_>,
) -> Document {
    let language = facts.language;
    let bottom = flow.margins.bottom;
    let (left, right) = (flow.left(), flow.right());
    let mut pages = flow.pages;
    let total = pages.len();
    let footer = Style::regular(SMALL - 1.0).color(Color::GRAY);
    let printed = t!(
        language,
        "print-printed-at",
        time = date_time(language, &facts.printed_at.to_rfc3339())
    );
    for (index, page) in pages.iter_mut().enumerate() {
        let y = bottom - 26.0;
        // The note tells the applicant what to do: never under 9 pt.
        let note_style = Style::regular(super::notice::MIN_INSTRUCTION).color(Color::GRAY);
        let note_lines = match &note {
            Some(note) => note_style.wrap(note, &WrapOptions::ragged(right - left)),
            None => Vec::new(),
        };
        let above = 11.0 * note_lines.len() as f32;
        page.lines(left, y + above, note_style, 11.0, &note_lines);
        page.rule(
            (left, y + above + 9.0),
            (right, y + above + 9.0),
            0.4,
            Color::LIGHT_GRAY,
        );
        page.text(left, y, footer, Align::Left, &printed);
        if total > 1 {
            page.text(
                right,
                y,
                footer,
                Align::Right,
                &t!(
                    language,
                    "print-page-of",
                    page = (index + 1).to_string(),
                    pages = total.to_string()
                ),
            );
        }
    }
    Document {
        title,
        created: facts.printed_at,
        pages,
        skipped: Vec::new(),
    }
}
