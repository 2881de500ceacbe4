//! 公开栏: the hall's public notice board, one board at a time, and one notice.

use iced::widget::{column, row};
use iced::{Element, Length};

use super::Route;
use crate::domain::Content;
use crate::t;
use crate::ui::theme;
use crate::ui::widget::Look;

/// A board's notices shown `today`: published, and not past their last day.
pub fn board<'a>(
    look: Look,
    content: &'a Content,
    selected: Option<&str>,
    today: chrono::NaiveDate,
) -> Element<'a, Route> {
    let language = look.language;
    let selected = selected
        .and_then(|id| content.board(id))
        .or_else(|| content.boards.first());
    let tabs = content.boards.iter().map(|board| {
        let style = if Some(board) == selected {
            theme::selected_button
        } else {
            theme::secondary_button
        };
        look.tap(
            &format!("board-{}", board.id),
            look.strong(language.pick(&board.name, &board.name_en)),
            Route::Notices(Some(board.id.clone())),
            style,
        )
    });
    let mut page = column![look.title(t!(language, "notices-title"))]
        .extend(look.chinese_only())
        .push(
            row(tabs)
                .spacing(look.scale.pad)
                .width(Length::Fill)
                .wrap()
                .vertical_spacing(look.scale.pad),
        )
        .spacing(look.scale.space);
    if let Some(board) = selected {
        let notices: Vec<_> = content
            .notices_on(&board.id)
            .into_iter()
            .filter(|notice| notice.is_shown_on(today))
            .collect();
        if notices.is_empty() {
            page = page.push(look.body(t!(language, "notices-empty")));
        }
        for notice in notices {
            page = page.push(look.tap_wide(
                &format!("notice-{}", notice.id),
                column![
                    look.heading(language.pick(&notice.title, &notice.title_en)),
                    look.small(notice.date.to_string()),
                ],
                Route::Notice(notice.id.clone()),
                theme::secondary_button,
            ));
        }
    }
    page.into()
}

pub fn notice<'a>(look: Look, content: &'a Content, id: &str) -> Element<'a, Route> {
    let language = look.language;
    let Some(notice) = content.notice(id) else {
        return look.body(t!(language, "not-found")).into();
    };
    let board = content
        .board(&notice.board)
        .map(|board| language.pick(&board.name, &board.name_en))
        .unwrap_or_default();
    let mut page = column![
        look.title(language.pick(&notice.title, &notice.title_en)),
        look.small(format!("{board} · {}", notice.date)),
    ]
    .extend(look.chinese_only())
    .spacing(look.scale.space);
    if notice.sample {
        page = page.push(look.caution(t!(language, "notice-sample")));
    }
    for paragraph in notice.paragraphs() {
        page = page.push(look.body(paragraph).line_height(1.5));
    }
    page.into()
}
