//! Colours and widget styles. Every text colour meets 4.5:1 contrast on the background it sits on.

use iced::widget::{button, checkbox, container, pick_list, text_input};
use iced::{Background, Border, Color, Shadow, Theme, color};

pub const BACKGROUND: Color = color!(0xfaf7f2);
pub const SURFACE: Color = color!(0xffffff);
pub const TEXT: Color = color!(0x1a1a1a);
pub const MUTED_TEXT: Color = color!(0x4a4a4a);
/// The hall's blue: large tiles and primary buttons, with white text.
pub const PRIMARY: Color = color!(0x0b4f8a);
pub const PRIMARY_PRESSED: Color = color!(0x083a66);
pub const ON_PRIMARY: Color = color!(0xffffff);
pub const SECONDARY: Color = color!(0xe3ebf4);
pub const ON_SECONDARY: Color = color!(0x0b2e52);
/// Notes such as "以当地最新政策为准".
pub const CAUTION_BG: Color = color!(0xfff1d6);
pub const CAUTION_TEXT: Color = color!(0x6b3a00);
/// Supervision line and required-material marks.
pub const ALERT: Color = color!(0xa61b1b);
pub const BORDER: Color = color!(0x8a9bb0);
/// The edge of what people type into or choose from (text boxes, pick lists, checkboxes): at
/// least 3:1 against the box and the page, so the box can be found (WCAG 1.4.11).
pub const INPUT_BORDER: Color = color!(0x66768a);
/// The hint in an empty text box or pick list: readable (≥ 4.5:1 on white), yet lighter than
/// typed text so the two are not mistaken.
pub const PLACEHOLDER: Color = color!(0x6e6e6e);
/// Selected text in a text box, under TEXT.
pub const SELECTION: Color = color!(0xc7dcf0);
pub const BACKDROP: Color = Color {
    a: 0.75,
    ..color!(0x000000)
};

/// Every (text, background) pair the kiosk draws, for the contrast check.
pub const TEXT_PAIRS: &[(Color, Color)] = &[
    (TEXT, BACKGROUND),
    (TEXT, SURFACE),
    (MUTED_TEXT, BACKGROUND),
    (MUTED_TEXT, SURFACE),
    (ON_PRIMARY, PRIMARY),
    (ON_PRIMARY, PRIMARY_PRESSED),
    (ON_SECONDARY, SECONDARY),
    (CAUTION_TEXT, CAUTION_BG),
    (ALERT, SURFACE),
    (ALERT, BACKGROUND),
    (PRIMARY, SURFACE),
    (PRIMARY, BACKGROUND),
];

/// Every (edge or hint, background) pair of the desk's inputs, for the 3:1 check.
pub const INPUT_PAIRS: &[(Color, Color)] = &[
    (INPUT_BORDER, SURFACE),
    (INPUT_BORDER, BACKGROUND),
    (INPUT_BORDER, SECONDARY),
    (PLACEHOLDER, SURFACE),
    (TEXT, SELECTION),
];

pub fn theme() -> Theme {
    Theme::custom(
        "bianmin".to_owned(),
        iced::theme::Palette {
            background: BACKGROUND,
            text: TEXT,
            primary: PRIMARY,
            success: color!(0x1e6b34),
            warning: CAUTION_TEXT,
            danger: ALERT,
        },
    )
}

/// WCAG contrast ratio between two opaque colours (1.0 to 21.0).
pub fn contrast(a: Color, b: Color) -> f32 {
    fn channel(value: f32) -> f32 {
        if value <= 0.039_28 {
            value / 12.92
        } else {
            ((value + 0.055) / 1.055).powf(2.4)
        }
    }
    fn luminance(color: Color) -> f32 {
        0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)
    }
    let (la, lb) = (luminance(a), luminance(b));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

fn rounded(width: f32, color: Color) -> Border {
    Border {
        color,
        width,
        radius: 10.0.into(),
    }
}

/// Large navigation tiles and primary actions.
pub fn primary_button(_theme: &Theme, status: button::Status) -> button::Style {
    let background = match status {
        button::Status::Pressed => PRIMARY_PRESSED,
        button::Status::Disabled => BORDER,
        _ => PRIMARY,
    };
    button::Style {
        background: Some(Background::Color(background)),
        text_color: ON_PRIMARY,
        border: rounded(0.0, background),
        shadow: Shadow::default(),
        snap: true,
    }
}

/// List rows, keypad keys and bar buttons.
pub fn secondary_button(_theme: &Theme, status: button::Status) -> button::Style {
    let (background, text) = match status {
        button::Status::Pressed => (PRIMARY, ON_PRIMARY),
        _ => (SECONDARY, ON_SECONDARY),
    };
    button::Style {
        background: Some(Background::Color(background)),
        text_color: text,
        border: rounded(1.0, BORDER),
        shadow: Shadow::default(),
        snap: true,
    }
}

/// A selected choice (the active board tab, 长辈版 switched on).
pub fn selected_button(theme: &Theme, _status: button::Status) -> button::Style {
    primary_button(theme, button::Status::Active)
}

/// Text boxes: white, a clear edge (thicker and blue when focused), a readable hint.
pub fn text_box(_theme: &Theme, status: text_input::Status) -> text_input::Style {
    let edge = match status {
        text_input::Status::Focused { .. } => rounded(2.0, PRIMARY),
        text_input::Status::Hovered => rounded(1.0, TEXT),
        _ => rounded(1.0, INPUT_BORDER),
    };
    let background = match status {
        text_input::Status::Disabled => BACKGROUND,
        _ => SURFACE,
    };
    text_input::Style {
        background: Background::Color(background),
        border: Border {
            radius: 4.0.into(),
            ..edge
        },
        icon: MUTED_TEXT,
        placeholder: PLACEHOLDER,
        value: TEXT,
        selection: SELECTION,
    }
}

/// Pick lists, drawn like text boxes.
pub fn choice_box(_theme: &Theme, status: pick_list::Status) -> pick_list::Style {
    let edge = match status {
        pick_list::Status::Active => rounded(1.0, INPUT_BORDER),
        _ => rounded(2.0, PRIMARY),
    };
    pick_list::Style {
        text_color: TEXT,
        placeholder_color: PLACEHOLDER,
        handle_color: TEXT,
        background: Background::Color(SURFACE),
        border: Border {
            radius: 4.0.into(),
            ..edge
        },
    }
}

/// Checkboxes: a clear edge when empty, the hall's blue when ticked.
pub fn tick_box(_theme: &Theme, status: checkbox::Status) -> checkbox::Style {
    let (checked, hovered) = match status {
        checkbox::Status::Active { is_checked } | checkbox::Status::Disabled { is_checked } => {
            (is_checked, false)
        }
        checkbox::Status::Hovered { is_checked } => (is_checked, true),
    };
    let edge = if checked || hovered {
        PRIMARY
    } else {
        INPUT_BORDER
    };
    checkbox::Style {
        background: Background::Color(if checked { PRIMARY } else { SURFACE }),
        icon_color: ON_PRIMARY,
        border: Border {
            color: edge,
            width: if hovered { 2.0 } else { 1.0 },
            radius: 4.0.into(),
        },
        text_color: Some(TEXT),
    }
}

pub fn card(_theme: &Theme) -> container::Style {
    container::Style {
        text_color: Some(TEXT),
        background: Some(Background::Color(SURFACE)),
        border: rounded(1.0, BORDER),
        ..container::Style::default()
    }
}

/// A box of the procedure flow chart.
pub fn flow_box(_theme: &Theme) -> container::Style {
    container::Style {
        text_color: Some(TEXT),
        background: Some(Background::Color(SURFACE)),
        border: rounded(3.0, PRIMARY),
        ..container::Style::default()
    }
}

pub fn caution(_theme: &Theme) -> container::Style {
    container::Style {
        text_color: Some(CAUTION_TEXT),
        background: Some(Background::Color(CAUTION_BG)),
        border: rounded(1.0, CAUTION_TEXT),
        ..container::Style::default()
    }
}

pub fn bar(_theme: &Theme) -> container::Style {
    container::Style {
        text_color: Some(TEXT),
        background: Some(Background::Color(SURFACE)),
        border: Border {
            color: BORDER,
            width: 1.0,
            radius: 0.0.into(),
        },
        ..container::Style::default()
    }
}

/// The hall's name across the top of Home.
pub fn banner(_theme: &Theme) -> container::Style {
    container::Style {
        text_color: Some(ON_PRIMARY),
        background: Some(Background::Color(PRIMARY)),
        border: rounded(0.0, PRIMARY),
        ..container::Style::default()
    }
}

pub fn backdrop(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(BACKDROP)),
        ..container::Style::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_colour_has_at_least_4_5_to_1_contrast() {
        for &(text, background) in TEXT_PAIRS {
            let ratio = contrast(text, background);
            assert!(ratio >= 4.5, "{text:?} on {background:?}: {ratio:.2}");
        }
    }

    #[test]
    fn input_edges_and_hints_have_at_least_3_to_1_contrast() {
        for &(edge, background) in INPUT_PAIRS {
            let ratio = contrast(edge, background);
            assert!(ratio >= 3.0, "{edge:?} on {background:?}: {ratio:.2}");
        }
    }

    /// What the desk's text boxes, pick lists and checkboxes really draw, in every state.
    #[test]
    fn the_desks_inputs_draw_edges_and_hints_at_3_to_1() {
        let theme = theme();
        let page = [BACKGROUND, SURFACE];
        let statuses = [
            text_input::Status::Active,
            text_input::Status::Hovered,
            text_input::Status::Focused { is_hovered: false },
        ];
        for status in statuses {
            let style = text_box(&theme, status);
            let Background::Color(inside) = style.background else {
                panic!("a text box is one colour");
            };
            let hint = contrast(style.placeholder, inside);
            assert!(hint >= 3.0, "placeholder {status:?}: {hint:.2}");
            for around in page.into_iter().chain([inside]) {
                let edge = contrast(style.border.color, around);
                assert!(edge >= 3.0, "text box edge {status:?}: {edge:.2}");
            }
        }
        for status in [pick_list::Status::Active, pick_list::Status::Hovered] {
            let style = choice_box(&theme, status);
            let Background::Color(inside) = style.background else {
                panic!("a pick list is one colour");
            };
            assert!(contrast(style.placeholder_color, inside) >= 3.0);
            for around in page.into_iter().chain([inside]) {
                assert!(contrast(style.border.color, around) >= 3.0, "{status:?}");
            }
        }
        for is_checked in [false, true] {
            let style = tick_box(&theme, checkbox::Status::Active { is_checked });
            for around in page {
                let edge = contrast(style.border.color, around);
                assert!(
                    edge >= 3.0,
                    "checkbox edge (ticked: {is_checked}): {edge:.2}"
                );
            }
        }
    }

    #[test]
    fn contrast_of_black_on_white_is_21() {
        assert!((contrast(Color::BLACK, Color::WHITE) - 21.0).abs() < 0.01);
    }
}
