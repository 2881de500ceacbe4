//! 办事指南: the categories, then the items of one category.

use iced::widget::{column, row};
use iced::{Element, Length};

use super::Route;
use crate::domain::{Content, ItemKind, ServiceItem};
use crate::t;
use crate::ui::theme;
use crate::ui::widget::Look;

pub fn categories<'a>(look: Look, content: &'a Content) -> Element<'a, Route> {
    let language = look.language;
    let rows = content.categories.iter().map(|category| {
        let count = content.items_in(&category.id).count();
        let label = row![
            look.heading(category.code.as_str()),
            column![
                look.heading(language.pick(&category.name, &category.name_en)),
                look.small(t!(language, "catalog-item-count", count = count)),
            ]
            .width(Length::Fill),
        ]
        .spacing(look.scale.space);
        look.tap_wide(
            &format!("category-{}", category.id),
            label,
            Route::Category(category.id.clone()),
            theme::secondary_button,
        )
    });
    column![look.title(t!(language, "catalog-title"))]
        .extend(look.chinese_only())
        .push(look.body(t!(language, "catalog-hint")))
        .push(column(rows).spacing(look.scale.space))
        .spacing(look.scale.space)
        .into()
}

pub fn items_of<'a>(look: Look, content: &'a Content, category: &str) -> Element<'a, Route> {
    let language = look.language;
    let Some(category) = content.category(category) else {
        return look.body(t!(language, "not-found")).into();
    };
    let rows = content
        .items_in(&category.id)
        .map(|item| item_row(look, item));
    column![look.title(language.pick(&category.name, &category.name_en))]
        .extend(look.chinese_only())
        .push(column(rows).spacing(look.scale.space))
        .spacing(look.scale.space)
        .into()
}

/// One item in a list: its number, name and time limit.
pub fn item_row<'a>(look: Look, item: &'a ServiceItem) -> Element<'a, Route> {
    let language = look.language;
    let label = column![
        look.heading(format!(
            "{}. {}",
            item.number,
            language.pick(&item.name, &item.name_en)
        )),
        look.small(time_limit(look, item)),
    ];
    look.tap_wide(
        &format!("item-{}", item.id),
        label,
        Route::Item(item.id.clone()),
        theme::secondary_button,
    )
}

/// "即办件，当场办结" or "承诺件，3 个工作日内办结".
pub fn time_limit(look: Look, item: &ServiceItem) -> String {
    match item.kind {
        ItemKind::Instant => t!(look.language, "item-instant"),
        ItemKind::Promised => t!(look.language, "item-promised", days = item.promised_days),
    }
}
