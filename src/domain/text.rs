//! Checks on free text that people type at the kiosk or the window.
//!
//! Text is stored as typed (after trimming): quotes, emoji and SQL-looking words are ordinary text,
//! because the store binds parameters and never builds SQL from it. Only control characters are
//! refused, since they break one-line fields, printing and the exported files. People's names
//! follow stricter rules: see [`super::name`].

pub use super::name::{NAME_MAX_CHARS, check_name};

/// Why a piece of typed text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("this field is required")]
    Empty,
    #[error("at most {max} characters")]
    TooLong { max: usize },
    #[error("the text contains the control character {}", super::name::code_point(*.0))]
    ControlCharacter(char),
    /// A character no person's name contains: an emoji, a symbol, a digit, punctuation other
    /// than "·", a format, private-use or unassigned code point.
    #[error("a name cannot contain {:?} ({})", .0, super::name::code_point(*.0))]
    NotInName(char),
    /// A look-alike of "·" (U+00B7), the separator between the parts of a name.
    #[error("{:?} ({}) is not the name separator U+00B7", .0, super::name::code_point(*.0))]
    LookAlikeDot(char),
    /// "·" or a space at the start or the end of a name, or next to another.
    #[error("{:?} ({}) stands alone between two parts of a name", .0, super::name::code_point(*.0))]
    LooseSeparator(char),
}

/// A single-line field: trimmed, no control characters (so no line breaks), at most `max_chars`.
pub fn check_text(input: &str, max_chars: usize, required: bool) -> Result<String, TextError> {
    check(input.trim(), max_chars, required, |_| false)
}

/// A multi-line field: like [`check_text`] but line breaks are kept (Windows breaks become `\n`).
pub fn check_multiline(input: &str, max_chars: usize, required: bool) -> Result<String, TextError> {
    let unified = input.replace("\r\n", "\n");
    check(unified.trim(), max_chars, required, |c| c == '\n')
}

/// Full-width ASCII (what a Chinese input method in full-width mode types, e.g. `１３８`, `Ｘ`,
/// `－`) and the ideographic space turned into their plain forms. For numbers, never for free text.
pub fn to_halfwidth(input: &str) -> String {
    input
        .chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

fn check(
    trimmed: &str,
    max_chars: usize,
    required: bool,
    allowed_control: impl Fn(char) -> bool,
) -> Result<String, TextError> {
    if trimmed.is_empty() {
        return if required {
            Err(TextError::Empty)
        } else {
            Ok(String::new())
        };
    }
    if let Some(c) = trimmed
        .chars()
        .find(|&c| c.is_control() && !allowed_control(c))
    {
        return Err(TextError::ControlCharacter(c));
    }
    // Limits count characters, not bytes: 30 汉字 are 90 bytes of UTF-8.
    if trimmed.chars().count() > max_chars {
        return Err(TextError::TooLong { max: max_chars });
    }
    Ok(trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_returned_trimmed() {
        assert_eq!(check_text("  张三  ", 10, true), Ok("张三".to_owned()));
        assert_eq!(
            check_text("\u{3000}李四\u{3000}", 10, true),
            Ok("李四".to_owned())
        );
    }

    #[test]
    fn blank_required_text_is_empty_and_blank_optional_text_is_fine() {
        assert_eq!(check_text("   ", 10, true), Err(TextError::Empty));
        assert_eq!(check_text("", 10, true), Err(TextError::Empty));
        assert_eq!(check_text("   ", 10, false), Ok(String::new()));
    }

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        assert_eq!(check_text(&"汉".repeat(10), 10, true), Ok("汉".repeat(10)));
        assert_eq!(
            check_text(&"汉".repeat(11), 10, true),
            Err(TextError::TooLong { max: 10 })
        );
    }

    #[test]
    fn emoji_pass_unchanged() {
        let text = "谢谢👍🏻 好评😀";
        assert_eq!(check_text(text, 50, true), Ok(text.to_owned()));
    }

    #[test]
    fn sql_looking_text_passes_unchanged() {
        let text = "Robert'); DROP TABLE applications;--";
        assert_eq!(check_text(text, 100, true), Ok(text.to_owned()));
    }

    #[test]
    fn single_line_fields_refuse_line_breaks_and_other_control_characters() {
        assert_eq!(
            check_text("第一行\n第二行", 50, true),
            Err(TextError::ControlCharacter('\n'))
        );
        assert_eq!(
            check_text("a\tb", 50, true),
            Err(TextError::ControlCharacter('\t'))
        );
        assert_eq!(
            check_text("a\u{0}b", 50, true),
            Err(TextError::ControlCharacter('\u{0}'))
        );
        assert_eq!(
            check_text("a\u{1b}b", 50, true),
            Err(TextError::ControlCharacter('\u{1b}'))
        );
    }

    #[test]
    fn multiline_fields_keep_line_breaks_and_unify_windows_breaks() {
        assert_eq!(
            check_multiline("第一行\r\n第二行\n", 50, true),
            Ok("第一行\n第二行".to_owned())
        );
        assert_eq!(
            check_multiline("a\tb", 50, true),
            Err(TextError::ControlCharacter('\t'))
        );
        assert_eq!(
            check_multiline("a\rb", 50, true),
            Err(TextError::ControlCharacter('\r'))
        );
    }

    #[test]
    fn a_name_is_required_and_at_most_50_characters() {
        assert_eq!(check_name(" "), Err(TextError::Empty));
        assert!(check_name(&"名".repeat(50)).is_ok());
        assert_eq!(
            check_name(&"名".repeat(51)),
            Err(TextError::TooLong { max: 50 })
        );
        assert_eq!(check_name("张\n三"), Err(TextError::ControlCharacter('\n')));
    }

    #[test]
    fn full_width_digits_letters_and_spaces_become_half_width() {
        assert_eq!(to_halfwidth("１３８\u{3000}Ｘｘ－０"), "138 Xx-0");
        assert_eq!(to_halfwidth("张三·123"), "张三·123");
    }
}
