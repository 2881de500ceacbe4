//! The A4 notices of a case that has no receipt to give: the 一次性告知单 of a 待补正 case, and
//! the 不予受理告知书 or 退回通知书 of a case refused or returned.
//!
//! The one-time notice carries everything the 一次性告知 duty asks for in one sheet: the item,
//! its conditions, procedure, every missing material with where to get it and what is checked,
//! the fee, the legal and promised time limits, the legal basis, the phones for questions and
//! complaints, and what happens when a case is refused. Its 登记号 (and a QR of it) finds the case
//! at the kiosk and the desk. A decision notice gives the reason recorded with the decision, the
//! legal basis, what the applicant can do next and the appeal routes.
//!
//! A4 rather than the receipt's A5: the one-time notice of an item with four missing materials,
//! six steps and four conditions does not fit A5 at the sizes an applicant reads (≥ 9 pt).

use crate::domain::application::CaseState;
use crate::domain::reference::Reference;
use crate::i18n::Language;
use crate::t;

use super::PrintError;
use super::flow::{Cell, Flow, Margins};
use super::page::{A4, Color, Document, Style, mm};
use super::qr::QrMatrix;
use super::receipt::{Facts, created_on, finish, letterhead, signatures, supervision_box};
use super::text::grouped_case_number;
use crate::store::CaseEvent;

/// Body text of the notices; nothing an applicant must read is smaller than [`MIN_INSTRUCTION`].
const BODY: f32 = 10.5;
/// The smallest type of any instruction to the applicant, in points.
pub const MIN_INSTRUCTION: f32 = 9.0;
const DETAIL: f32 = MIN_INSTRUCTION;
const HEADING: f32 = 11.0;
const QR_SIDE: f32 = 24.0 * super::page::MM;

/// Which decision a notice tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// 不予受理.
    Refused,
    /// 退回.
    Returned,
}

fn a4_flow() -> Flow {
    Flow::new(
        A4,
        Margins {
            top: mm(10.0),
            right: mm(18.0),
            bottom: mm(15.0),
            left: mm(18.0),
        },
    )
}

/// The case's reference as printed and as encoded in its QR: the case number when it has one,
/// else the 登记号.
fn reference_of(facts: &Facts<'_>) -> Option<(String, String)> {
    let case = facts.case;
    if let Some(number) = &case.number {
        return Some((grouped_case_number(number), number.clone()));
    }
    let reference = case.reference.as_deref().and_then(Reference::parse)?;
    Some((reference.grouped(), reference.as_str().to_owned()))
}

/// The QR payload of a 登记号, like the case number's `BIANMIN:CASE:…`.
pub fn reference_payload(reference: &str) -> String {
    format!("{}{reference}", crate::domain::scan::REF_PREFIX)
}

/// The facts table at the top, with the reference's QR to its right.
fn facts_table(flow: &mut Flow, facts: &Facts<'_>, rows: Vec<Vec<Cell>>) -> Result<(), PrintError> {
    let language = facts.language;
    let top = flow.y;
    let reference = reference_of(facts);
    let saved = flow.margins.right;
    if let Some((_, raw)) = &reference {
        let payload = if facts.case.number.is_some() {
            super::qr::case_payload(raw)
        } else {
            reference_payload(raw)
        };
        let matrix =
            QrMatrix::encode(&payload).map_err(|error| PrintError::Qr(error.to_string()))?;
        let x = flow.right() - QR_SIDE;
        flow.page().qr(x, top - QR_SIDE, QR_SIDE, matrix);
        let caption = t!(language, "notice-qr-caption");
        let style = Style::regular(7.0).color(Color::GRAY);
        flow.page().text(
            x + QR_SIDE / 2.0,
            top - QR_SIDE - 7.0,
            style.fitted(&caption, QR_SIDE + 10.0, 7.0),
            super::page::Align::Center,
            &caption,
        );
        flow.margins.right += QR_SIDE + 8.0;
    }
    let label = Style::regular(DETAIL).color(Color::GRAY);
    let label_width = match language {
        Language::ZhCn => 58.0,
        Language::En => 74.0,
    };
    flow.table(&rows, label_width, label);
    flow.margins.right = saved;
    if reference.is_some() {
        flow.y = flow.y.min(top - QR_SIDE - 12.0);
    }
    flow.gap(5.0);
    Ok(())
}

/// 登记号 (or 办件编号), 申请事项, 申请人 and ID, village and agent, the day of application.
fn case_rows(facts: &Facts<'_>) -> Vec<Vec<Cell>> {
    let language = facts.language;
    let case = facts.case;
    let value = Style::regular(BODY);
    let mut rows = Vec::new();
    let applied = Cell::new(
        t!(language, "notice-applied-on"),
        created_on(language, &case.created_at),
        value,
    );
    // A 登记号 is short: it shares its row with the day of application.
    let mut applied = Some(applied);
    match (reference_of(facts), &case.number) {
        (Some((shown, _)), Some(_)) => rows.push(vec![Cell::new(
            t!(language, "receipt-number"),
            shown,
            Style::bold(12.0).color(Color::RED),
        )]),
        (Some((shown, _)), None) => rows.push(vec![
            Cell::new(
                t!(language, "notice-reference-label"),
                shown,
                Style::bold(12.0).color(Color::RED),
            ),
            applied.take().expect("the day of application"),
        ]),
        (None, _) => {}
    }
    rows.push(vec![Cell::new(
        t!(language, "receipt-item"),
        facts.item_name().to_owned(),
        Style::bold(BODY + 0.5),
    )]);
    rows.push(vec![
        Cell::new(
            t!(language, "receipt-applicant"),
            case.applicant_name.clone(),
            Style::bold(BODY),
        ),
        Cell::new(
            t!(language, "receipt-id-number"),
            case.applicant_id_number.masked(),
            value,
        ),
    ]);
    rows.push(vec![
        Cell::new(t!(language, "receipt-village"), facts.village(), value),
        Cell::new(t!(language, "receipt-agent"), facts.agent(), value),
    ]);
    rows.extend(applied.map(|cell| vec![cell]));
    rows
}

fn heading(flow: &mut Flow, title: &str) {
    flow.gap(1.5);
    flow.heading(title, Style::bold(HEADING), Color::RED);
}

fn bullet(flow: &mut Flow, marker: &str, style: Style, text: &str) {
    flow.entry(
        marker,
        Style::bold(style.size).color(Color::RED),
        16.0,
        style,
        style.size * 1.4,
        text,
    );
}

/// The procedure on one line of steps: "1 申请 → 2 受理（1 个工作日）→ …".
fn procedure(facts: &Facts<'_>) -> String {
    let language = facts.language;
    facts
        .item
        .steps
        .iter()
        .enumerate()
        .map(|(index, step)| match step.days {
            Some(days) if days > 0 => t!(
                language,
                "notice-step-days",
                number = (index + 1).to_string(),
                title = step.title.as_str(),
                actor = step.actor.as_str(),
                days = days.to_string()
            ),
            _ => t!(
                language,
                "notice-step",
                number = (index + 1).to_string(),
                title = step.title.as_str(),
                actor = step.actor.as_str()
            ),
        })
        .collect::<Vec<_>>()
        .join(" → ")
}

/// 法定时限, 承诺时限, 收费, 承办部门 and 窗口 as a small table.
fn terms_rows(facts: &Facts<'_>) -> Vec<Vec<Cell>> {
    let language = facts.language;
    let item = facts.item;
    let value = Style::regular(BODY);
    let legal = match item.legal_days {
        Some(days) => t!(language, "notice-days", days = days.to_string()),
        None => t!(language, "notice-days-none"),
    };
    // What the applicant is promised, once the materials are complete.
    let promised = if item.promised_days == 0 {
        t!(language, "notice-promise-instant")
    } else {
        t!(
            language,
            "notice-promise",
            days = item.promised_days.to_string()
        )
    };
    vec![
        vec![Cell::new(
            t!(language, "notice-promised-days"),
            promised,
            Style::bold(BODY),
        )],
        vec![
            Cell::new(t!(language, "notice-legal-days"), legal, value),
            Cell::new(t!(language, "receipt-fee"), facts.fee(), value),
        ],
        // The window is in the contacts row (到大厅 3号 … 办理).
        vec![Cell::new(
            t!(language, "receipt-department"),
            item.department.clone(),
            value,
        )],
    ]
}

/// The one-time notice's last rows: the legal basis and every phone to ask.
fn basis_and_phones_rows(facts: &Facts<'_>) -> Vec<Vec<Cell>> {
    let language = facts.language;
    let hall = &facts.content.hall;
    let value = Style::regular(DETAIL + 0.5);
    let mut rows = Vec::new();
    if !facts.item.legal_basis.is_empty() {
        rows.push(vec![Cell::new(
            t!(language, "notice-legal-basis"),
            facts.item.legal_basis.join("；"),
            value,
        )]);
    }
    let phones = contact_lines(facts);
    rows.push(vec![Cell::new(
        t!(language, "notice-contacts"),
        phones.join(""),
        value,
    )]);
    rows.push(vec![Cell::new(
        t!(language, "notice-supervision"),
        format!("{} {}", facts.item.supervision_phone, hall.supervision_note),
        Style::bold(DETAIL + 0.5).color(Color::RED),
    )]);
    rows
}

fn legal_basis(flow: &mut Flow, facts: &Facts<'_>) {
    let language = facts.language;
    if facts.item.legal_basis.is_empty() {
        return;
    }
    heading(flow, &t!(language, "notice-legal-basis"));
    let (x, width) = (flow.left() + 7.0, flow.width() - 7.0);
    flow.text(
        x,
        width,
        Style::regular(DETAIL + 0.5),
        (DETAIL + 0.5) * 1.5,
        &facts.item.legal_basis.join("；"),
    );
}

/// Who to call: the agent, the hall's window, the item's consultation line.
fn contact_lines(facts: &Facts<'_>) -> [String; 3] {
    let language = facts.language;
    let hall = &facts.content.hall;
    [
        facts.agent_contact(),
        t!(
            language,
            "notice-hall",
            window = facts.window(),
            phone = hall.phone.as_str()
        ),
        t!(
            language,
            "notice-consult",
            phone = facts.item.consult_phone.as_str()
        ),
    ]
}

fn contacts(flow: &mut Flow, facts: &Facts<'_>) {
    let language = facts.language;
    heading(flow, &t!(language, "notice-contacts"));
    let lines = contact_lines(facts);
    for line in &lines {
        bullet(flow, "·", Style::regular(DETAIL + 0.5), line);
    }
    flow.gap(5.0);
    supervision_box(flow, &facts.supervision());
}

/// The appeal routes: 行政复议 within 60 days, 行政诉讼 within six months, the hall's
/// complaint line and 12345.
fn appeal_lines(facts: &Facts<'_>) -> [String; 2] {
    let language = facts.language;
    let hall = &facts.content.hall;
    [
        t!(
            language,
            "notice-appeal-review",
            county = hall.county.as_str()
        ),
        t!(
            language,
            "notice-appeal-complaint",
            phone = hall.phone.as_str(),
            supervision = hall.supervision_phone.as_str()
        ),
    ]
}

/// The 一次性告知单 of a 待补正 case, on one A4 sheet.
pub(super) fn one_time_notice(facts: &Facts<'_>) -> Result<Document, PrintError> {
    let language = facts.language;
    let case = facts.case;
    let mut flow = a4_flow();
    letterhead(
        &mut flow,
        facts.hall_name(),
        &t!(language, "notice-title"),
        Some(&t!(language, "notice-subtitle")),
    );
    facts_table(&mut flow, facts, case_rows(facts))?;
    let body = Style::regular(BODY);
    let leading = BODY * 1.5;
    let missing = case.missing_materials();
    let (x, width) = (flow.left(), flow.width());
    // The greeting opens the paragraph: one line saved for the one page.
    let greeting = t!(
        language,
        "notice-greeting",
        name = case.applicant_name.as_str()
    );
    flow.text(
        x,
        width,
        body,
        leading,
        &format!(
            "{greeting}{}",
            t!(
                language,
                "notice-body",
                date = created_on(language, &case.created_at),
                item = facts.item_name(),
                count = missing.len().to_string()
            )
        ),
    );

    heading(
        &mut flow,
        &t!(
            language,
            "notice-missing",
            count = missing.len().to_string()
        ),
    );
    let detail = Style::regular(DETAIL).color(Color::GRAY);
    for (index, name) in missing.iter().enumerate() {
        flow.keep(BODY * 1.5 + DETAIL * 1.45);
        bullet(
            &mut flow,
            &format!("{}.", index + 1),
            Style::bold(BODY),
            name,
        );
        if let Some(material) = facts.form_of(name) {
            let parts: Vec<String> = [
                ("notice-form", &material.form),
                ("notice-source", &material.source),
                ("notice-check", &material.check),
            ]
            .into_iter()
            .filter(|(_, value)| !value.trim().is_empty())
            .map(|(key, value)| match key {
                "notice-form" => t!(language, "notice-form", form = value.as_str()),
                "notice-source" => t!(language, "notice-source", source = value.as_str()),
                _ => t!(language, "notice-check", check = value.as_str()),
            })
            .collect();
            let (x, width) = (flow.left() + 16.0, flow.width() - 16.0);
            flow.text(x, width, detail, DETAIL * 1.4, &parts.join("；"));
        }
        flow.gap(1.0);
    }
    let received: Vec<&str> = case
        .materials
        .iter()
        .filter(|material| material.received)
        .map(|material| material.name.as_str())
        .collect();
    if !received.is_empty() {
        let (x, width) = (flow.left(), flow.width());
        flow.text(
            x,
            width,
            Style::regular(DETAIL).color(Color::GRAY),
            DETAIL * 1.5,
            &t!(language, "notice-received", list = received.join("、")),
        );
    }
    flow.paragraph(Style::bold(BODY), leading, &t!(language, "notice-no-more"));

    if !facts.item.conditions.is_empty() {
        heading(&mut flow, &t!(language, "notice-conditions"));
        for (index, condition) in facts.item.conditions.iter().enumerate() {
            bullet(
                &mut flow,
                &format!("{}.", index + 1),
                Style::regular(DETAIL + 0.5),
                condition,
            );
        }
    }
    if !facts.item.steps.is_empty() {
        heading(&mut flow, &t!(language, "notice-procedure"));
        let (x, width) = (flow.left() + 7.0, flow.width() - 7.0);
        flow.text(
            x,
            width,
            Style::regular(DETAIL + 0.5),
            (DETAIL + 0.5) * 1.4,
            &procedure(facts),
        );
    }
    heading(&mut flow, &t!(language, "notice-terms"));
    let label = Style::regular(DETAIL).color(Color::GRAY);
    let mut rows = terms_rows(facts);
    rows.extend(basis_and_phones_rows(facts));
    flow.table(&rows, 58.0, label);
    flow.gap(3.0);
    let (x, width) = (flow.left(), flow.width());
    let refusal = t!(language, "notice-if-refused");
    // The complaint line is in the table above; the appeal routes follow the refusal.
    let [review, _] = appeal_lines(facts);
    flow.text(
        x,
        width,
        Style::regular(DETAIL).color(Color::GRAY),
        DETAIL * 1.45,
        &format!("{refusal}{review}"),
    );
    flow.gap(4.0);
    signatures(&mut flow, facts, &t!(language, "notice-seal"));
    Ok(finish(
        flow,
        t!(
            language,
            "notice-document-title",
            name = case.applicant_name.as_str()
        ),
        None,
        facts,
    ))
}

/// The history lines that moved the case into its present state, latest first.
fn moves_into_state<'a>(facts: &'a Facts<'_>) -> impl Iterator<Item = &'a CaseEvent> {
    let state = facts.case.state;
    facts
        .case
        .history
        .iter()
        .rev()
        .filter(move |event| event.to == Some(state))
}

/// The reason recorded with the decision: the note of the last move into the case's state.
pub(super) fn decision_reason(facts: &Facts<'_>) -> Option<String> {
    moves_into_state(facts)
        .find(|event| !event.note.trim().is_empty())
        .map(|event| event.note.trim().to_owned())
}

/// The day of the decision.
fn decided_on(facts: &Facts<'_>) -> String {
    moves_into_state(facts)
        .next()
        .map(|event| created_on(facts.language, &event.at))
        .unwrap_or_default()
}

/// The 不予受理告知书 or 退回通知书 of a closed case.
pub(super) fn decision_notice(
    facts: &Facts<'_>,
    decision: Decision,
) -> Result<Document, PrintError> {
    let language = facts.language;
    let case = facts.case;
    let (title, key) = match decision {
        Decision::Refused => (t!(language, "refusal-title"), "refusal"),
        Decision::Returned => (t!(language, "return-title"), "return"),
    };
    let mut flow = a4_flow();
    letterhead(&mut flow, facts.hall_name(), &title, None);
    facts_table(&mut flow, facts, case_rows(facts))?;
    let body = Style::regular(BODY);
    let leading = BODY * 1.7;
    let (x, width) = (flow.left(), flow.width());
    flow.text(
        x,
        width,
        Style::bold(BODY + 0.5),
        leading,
        &t!(
            language,
            "notice-greeting",
            name = case.applicant_name.as_str()
        ),
    );
    let text = match decision {
        Decision::Refused => t!(
            language,
            "refusal-body",
            date = created_on(language, &case.created_at),
            item = facts.item_name(),
            decided = decided_on(facts)
        ),
        Decision::Returned => t!(
            language,
            "return-body",
            date = created_on(language, &case.created_at),
            item = facts.item_name(),
            decided = decided_on(facts)
        ),
    };
    flow.paragraph(body, leading, &text);

    heading(&mut flow, &t!(language, "decision-reason"));
    let reason = decision_reason(facts).unwrap_or_else(|| t!(language, "decision-reason-none"));
    let (x, width) = (flow.left() + 7.0, flow.width() - 7.0);
    flow.text(
        x,
        width,
        Style::bold(BODY + 0.5),
        (BODY + 0.5) * 1.6,
        &reason,
    );
    legal_basis(&mut flow, facts);

    heading(&mut flow, &t!(language, "decision-next"));
    let next = match key {
        "refusal" => [
            t!(language, "refusal-next"),
            t!(language, "decision-next-ask"),
        ],
        _ => [
            t!(language, "return-next"),
            t!(language, "decision-next-ask"),
        ],
    };
    for line in &next {
        bullet(&mut flow, "·", Style::regular(BODY), line);
    }

    heading(&mut flow, &t!(language, "decision-appeal"));
    for line in appeal_lines(facts) {
        bullet(&mut flow, "·", Style::regular(BODY), &line);
    }
    contacts(&mut flow, facts);
    flow.gap(8.0);
    signatures(&mut flow, facts, &t!(language, "notice-seal"));
    let document_title = match decision {
        Decision::Refused => t!(
            language,
            "refusal-document-title",
            name = case.applicant_name.as_str()
        ),
        Decision::Returned => t!(
            language,
            "return-document-title",
            name = case.applicant_name.as_str()
        ),
    };
    Ok(finish(flow, document_title, None, facts))
}

/// Which notice a closed case gets, if any.
pub fn decision_of(state: CaseState) -> Option<Decision> {
    match state {
        CaseState::Refused => Some(Decision::Refused),
        CaseState::Returned => Some(Decision::Returned),
        _ => None,
    }
}
