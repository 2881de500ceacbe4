//! Colours and widget styles. Every text colour meets 4.5:1 contrast on the background it sits on.

use iced::widget::{button, container};
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
    fn contrast_of_black_on_white_is_21() {
        assert!((contrast(Color::BLACK, Color::WHITE) - 21.0).abs() < 0.01);
    }
}
