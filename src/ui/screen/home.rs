//! Home: the hall's name, six large tiles and the hall's contacts. (The display controls are in
//! the bar above it, where every screen has them.)

use iced::widget::{Space, column, container, row};
use iced::{Alignment, Element, Length};

use super::Route;
use crate::domain::Content;
use crate::print::stamp::Stamp;
use crate::t;
use crate::ui::theme;
use crate::ui::widget::Look;

/// `mark`: whether the terminal's data is not real (the shipped sample profile, or training
/// data), said on Home so nobody takes it for the hall's own.
pub fn view<'a>(look: Look, content: &'a Content, mark: Option<Stamp>) -> Element<'a, Route> {
    let language = look.language;
    let hall = &content.hall;
    let tile = |key: &str, title: String, hint: String, route: Route| {
        container(
            look.tap_wide(
                key,
                // Tiles are the kiosk's front door: twice a normal target at any type size.
                row![
                    Space::new().height(look.scale.target * 2.0),
                    column![
                        look.title(title).color(theme::ON_PRIMARY),
                        look.body(hint).color(theme::ON_PRIMARY),
                    ]
                    .spacing(look.scale.space * 0.5),
                ]
                .align_y(Alignment::Center),
                route,
                theme::primary_button,
            ),
        )
        .width(Length::FillPortion(1))
    };
    let tiles = column![
        row![
            tile(
                "tile-guide",
                t!(language, "home-guide"),
                t!(language, "home-guide-hint", count = content.items.len()),
                Route::Categories
            ),
            tile(
                "tile-policies",
                t!(language, "home-policies"),
                t!(language, "home-policies-hint"),
                Route::Policies
            ),
        ]
        .spacing(look.scale.space),
        row![
            tile(
                "tile-notices",
                t!(language, "home-notices"),
                t!(language, "home-notices-hint"),
                Route::Notices(None)
            ),
            tile(
                "tile-search",
                t!(language, "home-search"),
                t!(language, "home-search-hint"),
                Route::Search
            ),
        ]
        .spacing(look.scale.space),
        row![
            tile(
                "tile-status",
                t!(language, "home-status"),
                t!(language, "home-status-hint"),
                Route::Status
            ),
            tile(
                "tile-rate",
                t!(language, "home-rate"),
                t!(language, "home-rate-hint"),
                Route::Rate
            ),
        ]
        .spacing(look.scale.space),
    ]
    .spacing(look.scale.space);

    let contacts = column![
        look.field(t!(language, "hall-phone"), hall.phone.clone()),
        look.field(
            t!(language, "hall-hours"),
            language.pick(&hall.hours, &hall.hours_en).to_owned()
        ),
        look.field(
            t!(language, "hall-hotline-168"),
            format!("{} {}", hall.hotline_168, hall.hotline_168_note)
        ),
        look.field(
            t!(language, "hall-supervision"),
            format!("{} {}", hall.supervision_phone, hall.supervision_note)
        ),
        look.field(t!(language, "hall-address"), hall.address.clone()),
    ]
    .spacing(look.scale.space * 0.4);

    let header = container(
        column![
            look.title(language.pick(&hall.name, &hall.name_en))
                .color(theme::ON_PRIMARY),
            look.body(t!(language, "home-welcome", count = content.items.len()))
                .color(theme::ON_PRIMARY),
        ]
        .spacing(look.scale.space * 0.5),
    )
    .padding(look.scale.pad * 1.5)
    .width(Length::Fill)
    .style(theme::banner);
    let mark = mark.map(|mark| {
        look.caution(match mark {
            Stamp::Sample => t!(language, "home-sample-data"),
            Stamp::Training => t!(language, "home-training-data"),
        })
    });
    column![
        header,
        mark,
        // The agents' entry: at hand for staff, out of the way of farmers.
        container(look.tap(
            "staff-login",
            look.strong(t!(language, "home-staff")),
            Route::Desk,
            theme::secondary_button
        ))
        .align_right(Length::Fill),
        tiles,
        container(contacts)
            .padding(look.scale.pad)
            .width(Length::Fill)
            .style(theme::card),
    ]
    .spacing(look.scale.space)
    .into()
}
