//! Fluent translations. zh-CN is the hall's language and the fallback; en is the second language.
//!
//! Each language has its own loader so that two screens (or two tests) can show different
//! languages at once without sharing a global "current language".

use std::sync::LazyLock;

use i18n_embed::LanguageLoader;
use i18n_embed::fluent::{FluentLanguageLoader, fluent_language_loader};
use rust_embed::RustEmbed;
use serde::{Deserialize, Serialize};

#[derive(RustEmbed)]
#[folder = "locales/"]
struct Localizations;

/// A language the kiosk can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Language {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::ZhCn, Language::En];

    pub fn tag(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Language> {
        Language::ALL
            .into_iter()
            .find(|language| language.tag().eq_ignore_ascii_case(tag))
    }

    /// The language of command-line messages: BIANMIN_LANG or LANG, else the hall's zh-CN.
    pub fn from_environment() -> Language {
        ["BIANMIN_LANG", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find_map(|value| {
                let value = value.to_ascii_lowercase();
                if value.starts_with("en") {
                    Some(Language::En)
                } else if value.starts_with("zh") {
                    Some(Language::ZhCn)
                } else {
                    None
                }
            })
            .unwrap_or(Language::ZhCn)
    }

    /// The other language: the kiosk offers a single toggle.
    pub fn other(self) -> Language {
        match self {
            Language::ZhCn => Language::En,
            Language::En => Language::ZhCn,
        }
    }

    /// Picks the Chinese or English variant of a piece of content.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Language::En if !en.trim().is_empty() => en,
            _ => zh,
        }
    }
}

fn build_loader(language: Language) -> FluentLanguageLoader {
    let loader: FluentLanguageLoader = fluent_language_loader!();
    let requested: unic_langid::LanguageIdentifier = language
        .tag()
        .parse()
        .expect("language tags in Language::tag are valid");
    loader
        .load_languages(&Localizations, &[requested])
        .expect("the embedded locales load");
    // Bidi isolation marks would show up as stray glyphs around every argument.
    loader.set_use_isolating(false);
    loader
}

static ZH_CN: LazyLock<FluentLanguageLoader> = LazyLock::new(|| build_loader(Language::ZhCn));
static EN: LazyLock<FluentLanguageLoader> = LazyLock::new(|| build_loader(Language::En));

/// The loader for one language.
pub fn loader(language: Language) -> &'static FluentLanguageLoader {
    match language {
        Language::ZhCn => &ZH_CN,
        Language::En => &EN,
    }
}

/// Looks a message up in the given language; the key is checked against zh-CN at compile time.
///
/// `t!(lang, "home-title")` or `t!(lang, "search-results", count = n)`.
#[macro_export]
macro_rules! t {
    ($lang:expr, $id:literal) => {
        i18n_embed_fl::fl!($crate::i18n::loader($lang), $id)
    };
    ($lang:expr, $id:literal, $($args:tt)*) => {
        i18n_embed_fl::fl!($crate::i18n::loader($lang), $id, $($args)*)
    };
}

/// The message keys defined in one language's file (used by the completeness test).
pub fn message_keys(language: Language) -> Vec<String> {
    let file = format!("{}/bianmin.ftl", language.tag());
    let Some(data) = Localizations::get(&file) else {
        return Vec::new();
    };
    let text = String::from_utf8_lossy(&data.data);
    text.lines()
        .filter(|line| {
            line.chars()
                .next()
                .is_some_and(|first| first.is_ascii_alphabetic())
        })
        .filter_map(|line| line.split_once('=').map(|(key, _)| key.trim().to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_exists_in_both_languages() {
        let zh = message_keys(Language::ZhCn);
        let en = message_keys(Language::En);
        assert!(zh.len() > 20, "zh-CN locale looks empty");
        let missing_en: Vec<_> = zh.iter().filter(|key| !en.contains(key)).collect();
        let missing_zh: Vec<_> = en.iter().filter(|key| !zh.contains(key)).collect();
        assert!(missing_en.is_empty(), "missing in en: {missing_en:?}");
        assert!(missing_zh.is_empty(), "missing in zh-CN: {missing_zh:?}");
    }

    #[test]
    fn languages_really_differ() {
        assert_eq!(t!(Language::ZhCn, "home-guide"), "办事指南");
        assert_eq!(t!(Language::En, "home-guide"), "Service guide");
    }
}
