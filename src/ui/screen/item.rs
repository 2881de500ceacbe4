//! One service item: the one-time notice (一次性告知) and the procedure as a flow chart.

use iced::widget::{column, container, row};
use iced::{Element, Length};

use super::Route;
use super::catalog::time_limit;
use crate::domain::{Content, Material, ServiceItem};
use crate::i18n::Language;
use crate::t;
use crate::ui::theme;
use crate::ui::widget::Look;
use crate::ui::widget::flow_chart::flow_chart;

pub fn view<'a>(look: Look, content: &'a Content, id: &str) -> Element<'a, Route> {
    let language = look.language;
    let Some(item) = content.item(id) else {
        return look.body(t!(language, "not-found")).into();
    };
    let mut page = column![look.title(format!(
        "{}. {}",
        item.number,
        language.pick(&item.name, &item.name_en)
    )),]
    .extend(look.chinese_only())
    .push(look.body(item.summary.as_str()))
    .spacing(look.scale.space);
    if item.unverified {
        page = page.push(look.caution(t!(language, "unverified-note")));
    }
    page = page
        .push(look.section(
            t!(language, "item-time-and-fee"),
            facts(look, content, item),
        ))
        .push(look.section(
            t!(language, "item-conditions"),
            look.bullets(item.conditions.iter().cloned()),
        ))
        .push(
            look.section(
                t!(
                    language,
                    "item-materials",
                    count = item.materials.len(),
                    required = item.required_materials().count()
                ),
                column(
                    item.materials
                        .iter()
                        .enumerate()
                        .map(|(index, material)| material_card(look, index + 1, material)),
                )
                .spacing(look.scale.space),
            ),
        )
        .push(look.section(
            t!(language, "item-procedure"),
            flow_chart(look, &item.steps),
        ))
        .push(look.section(
            t!(language, "item-legal-basis"),
            look.bullets(item.legal_basis.iter().cloned()),
        ))
        .push(look.section(t!(language, "item-contacts"), contacts(look, content, item)));
    page.into()
}

/// The legal time limit in words ("20 个工作日", "法律未规定").
pub fn legal_limit(language: Language, item: &ServiceItem) -> String {
    match item.legal_days {
        Some(days) => t!(language, "item-legal-days", days = days),
        None => t!(language, "item-legal-none"),
    }
}

/// The fee in words ("免费" and its note).
pub fn fee(language: Language, item: &ServiceItem) -> String {
    match (item.fee_yuan, &item.fee_note) {
        (0, None) => t!(language, "item-fee-free"),
        (0, Some(note)) => format!("{} {note}", t!(language, "item-fee-free")),
        (yuan, note) => format!(
            "{} {}",
            t!(language, "item-fee-yuan", yuan = yuan),
            note.as_deref().unwrap_or("")
        ),
    }
}

/// The window in words ("2 号窗口（社会保障）").
pub fn window(language: Language, content: &Content, item: &ServiceItem) -> String {
    content
        .window(item.window)
        .map(|window| {
            t!(
                language,
                "item-window-named",
                number = window.number,
                name = language.pick(&window.name, &window.name_en)
            )
        })
        .unwrap_or_else(|| t!(language, "item-window-number", number = item.window))
}

/// How many copies of a material ("1 份", "原件核验即可").
pub fn copies(language: Language, material: &Material) -> String {
    if material.copies == 0 {
        t!(language, "material-copies-none")
    } else {
        t!(language, "material-copies", copies = material.copies)
    }
}

/// Time limit, fee, visits, department and window.
fn facts<'a>(look: Look, content: &'a Content, item: &'a ServiceItem) -> Element<'a, Route> {
    let language = look.language;
    let legal = legal_limit(language, item);
    let fee = fee(language, item);
    let window = window(language, content, item);
    column![
        look.field(t!(language, "item-promise"), time_limit(look, item)),
        look.field(t!(language, "item-legal-limit"), legal),
        look.field(t!(language, "item-fee"), fee),
        look.field(
            t!(language, "item-visits"),
            t!(language, "item-visits-count", visits = item.visits)
        ),
        look.field(t!(language, "item-department"), item.department.clone()),
        look.field(t!(language, "item-window"), window),
    ]
    .spacing(look.scale.space * 0.5)
    .into()
}

/// One material with its copies, source and what the window checks.
fn material_card<'a>(look: Look, number: usize, material: &'a Material) -> Element<'a, Route> {
    let language = look.language;
    let need = if material.required {
        look.strong(t!(language, "material-required"))
            .color(theme::ALERT)
    } else {
        look.strong(t!(language, "material-optional"))
            .color(theme::MUTED_TEXT)
    };
    let copies = copies(language, material);
    container(
        column![
            row![
                look.strong(format!("{number}. {}", material.name))
                    .width(Length::Fill),
                need,
                look.strong(copies),
            ]
            .spacing(look.scale.pad),
            look.field(t!(language, "material-form"), material.form.clone()),
            look.field(t!(language, "material-source"), material.source.clone()),
            look.field(t!(language, "material-check"), material.check.clone()),
        ]
        .spacing(look.scale.space * 0.4),
    )
    .padding(look.scale.pad)
    .width(Length::Fill)
    .style(theme::card)
    .into()
}

fn contacts<'a>(look: Look, content: &'a Content, item: &'a ServiceItem) -> Element<'a, Route> {
    let language = look.language;
    column![
        look.field(
            t!(language, "item-consult-phone"),
            item.consult_phone.clone()
        ),
        look.field(
            t!(language, "item-supervision-phone"),
            item.supervision_phone.clone()
        ),
        look.field(t!(language, "hall-phone"), content.hall.phone.clone()),
        look.field(
            t!(language, "hall-hours"),
            language
                .pick(&content.hall.hours, &content.hall.hours_en)
                .to_owned()
        ),
    ]
    .spacing(look.scale.space * 0.5)
    .into()
}
