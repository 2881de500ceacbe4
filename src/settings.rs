//! This terminal's own settings, in `settings.toml` in the platform config directory
//! (`~/.config/bianmin/settings.toml` on Linux): what differs on this PC from the hall's content
//! defaults. Every field is optional. A field that is missing keeps the hall's default; a field
//! that is wrong (another type, out of range) keeps it too and is named in a warning for the log,
//! so one typo never stops the kiosk.
//!
//! The county's address and token are not here: they stay in the terminal's database
//! (`bianmin sync config`), where the token is kept owner-only and travels with the backups.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::domain::hall::KioskSettings;
use crate::domain::type_scale::TextSize;
use crate::i18n::Language;

pub const SETTINGS_FILE: &str = "settings.toml";

/// The longest idle or logout time a setting may ask for (a day).
const MAX_SECONDS: u32 = 24 * 60 * 60;

/// How long a page of the public display stays up unless `display_seconds` says otherwise: time to
/// read ten lines from across the hall.
pub const DEFAULT_DISPLAY_SECONDS: u32 = 12;
/// The display's shortest and longest page time.
const DISPLAY_SECONDS: std::ops::RangeInclusive<u32> = 5..=600;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// Seconds without input, away from Home, before the kiosk asks "还在吗？".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idle_seconds: Option<u32>,
    /// Seconds without input before an agent's desk logs out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub desk_logout_seconds: Option<u32>,
    /// The kiosk's type size at rest, in px (12–50, even).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text_size: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// The CUPS queue the print screen offers first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub printer: Option<String>,
    /// Seconds each page of the public display (`bianmin --display`) stays up (5–600).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_seconds: Option<u32>,
    /// How fast read-aloud (朗读) speaks, in words per minute (80–260; 130 when unset).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speech_rate: Option<u32>,
    /// The program that plays read-aloud's sound (default: aplay, else pw-play or paplay).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speech_player: Option<String>,
}

/// A field that was not used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsWarning {
    pub field: String,
    pub problem: SettingProblem,
    /// What was found, for the log.
    pub detail: String,
}

/// Why a setting keeps its default (turned into words by `crate::explain`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingProblem {
    Unreadable,
    NotToml,
    NotSeconds,
    NotTextSize,
    NotLanguage,
    NotPrinter,
    NotSpeechRate,
    NotProgram,
    Unknown,
}

impl std::fmt::Display for SettingsWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {:?} ({})", self.field, self.problem, self.detail)
    }
}

/// What a settings file gave, and the fields that kept their defaults because they were wrong.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    pub settings: Settings,
    pub warnings: Vec<SettingsWarning>,
}

/// The settings file's place in the platform config directory.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("cn", "bianmin", "bianmin")
        .map(|dirs| dirs.config_dir().join(SETTINGS_FILE))
}

/// Reads `path`; no file is no settings (and no warning).
pub fn load(path: &Path) -> Loaded {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Loaded::default(),
        Err(error) => Loaded {
            settings: Settings::default(),
            warnings: vec![SettingsWarning {
                field: path.display().to_string(),
                problem: SettingProblem::Unreadable,
                detail: error.to_string(),
            }],
        },
    }
}

/// Every field on its own: one wrong field never costs the others.
pub fn parse(text: &str) -> Loaded {
    let mut warnings = Vec::new();
    let table: toml::Table = match toml::from_str(text) {
        Ok(table) => table,
        Err(error) => {
            warnings.push(SettingsWarning {
                field: SETTINGS_FILE.into(),
                problem: SettingProblem::NotToml,
                detail: error.to_string(),
            });
            return Loaded {
                settings: Settings::default(),
                warnings,
            };
        }
    };
    let mut field = |name: &str, problem: SettingProblem, fits: &dyn Fn(&toml::Value) -> bool| {
        let value = table.get(name)?;
        if fits(value) {
            return Some(value.clone());
        }
        warnings.push(SettingsWarning {
            field: name.into(),
            problem,
            detail: value.to_string(),
        });
        None
    };
    let seconds = |value: &toml::Value| {
        value
            .as_integer()
            .is_some_and(|n| (1..=i64::from(MAX_SECONDS)).contains(&n))
    };
    let idle_seconds =
        field("idle_seconds", SettingProblem::NotSeconds, &seconds).and_then(|v| as_u32(&v));
    let desk_logout_seconds =
        field("desk_logout_seconds", SettingProblem::NotSeconds, &seconds).and_then(|v| as_u32(&v));
    let text_size = field("text_size", SettingProblem::NotTextSize, &|value| {
        value
            .as_integer()
            .and_then(|px| u16::try_from(px).ok())
            .and_then(TextSize::new)
            .is_some()
    })
    .and_then(|v| v.as_integer())
    .and_then(|px| u16::try_from(px).ok());
    let language = field("language", SettingProblem::NotLanguage, &|value| {
        language_of(value).is_some()
    })
    .and_then(|v| language_of(&v));
    let printer = field("printer", SettingProblem::NotPrinter, &|value| {
        value.as_str().is_some_and(|name| !name.trim().is_empty())
    })
    .and_then(|v| v.as_str().map(|name| name.trim().to_owned()));
    let display_seconds = field("display_seconds", SettingProblem::NotSeconds, &|value| {
        value
            .as_integer()
            .and_then(|n| u32::try_from(n).ok())
            .is_some_and(|n| DISPLAY_SECONDS.contains(&n))
    })
    .and_then(|v| as_u32(&v));
    let speech_rate = field("speech_rate", SettingProblem::NotSpeechRate, &|value| {
        value
            .as_integer()
            .and_then(|n| u32::try_from(n).ok())
            .is_some_and(|n| crate::speech::RATES.contains(&n))
    })
    .and_then(|v| as_u32(&v));
    let speech_player = field("speech_player", SettingProblem::NotProgram, &|value| {
        value.as_str().is_some_and(|name| !name.trim().is_empty())
    })
    .and_then(|v| v.as_str().map(|name| name.trim().to_owned()));
    for (name, value) in &table {
        if !KNOWN.contains(&name.as_str()) {
            warnings.push(SettingsWarning {
                field: name.clone(),
                problem: SettingProblem::Unknown,
                detail: value.to_string(),
            });
        }
    }
    Loaded {
        settings: Settings {
            idle_seconds,
            desk_logout_seconds,
            text_size,
            language,
            printer,
            display_seconds,
            speech_rate,
            speech_player,
        },
        warnings,
    }
}

const KNOWN: [&str; 8] = [
    "idle_seconds",
    "desk_logout_seconds",
    "text_size",
    "language",
    "printer",
    "display_seconds",
    "speech_rate",
    "speech_player",
];

fn as_u32(value: &toml::Value) -> Option<u32> {
    value.as_integer().and_then(|n| u32::try_from(n).ok())
}

fn language_of(value: &toml::Value) -> Option<Language> {
    match value.as_str()? {
        "zh-CN" => Some(Language::ZhCn),
        "en" => Some(Language::En),
        _ => None,
    }
}

impl Settings {
    /// How long each page of the public display stays up.
    pub fn display_rotation(&self) -> std::time::Duration {
        let seconds = self.display_seconds.unwrap_or(DEFAULT_DISPLAY_SECONDS);
        std::time::Duration::from_secs(u64::from(seconds))
    }

    /// The hall's kiosk defaults with this terminal's settings laid over them.
    pub fn apply(&self, kiosk: &mut KioskSettings) {
        if let Some(seconds) = self.idle_seconds {
            kiosk.idle_seconds = seconds;
        }
        if let Some(seconds) = self.desk_logout_seconds {
            kiosk.desk_logout_seconds = seconds;
        }
        if let Some(px) = self.text_size {
            kiosk.default_text_size = px;
        }
        if let Some(language) = self.language {
            kiosk.default_language = language;
        }
    }

    /// Writes the settings (for the desk's settings screen): owner-only, whole or not at all.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let text = toml::to_string(self).map_err(std::io::Error::other)?;
        let partial = path.with_extension("toml.partial");
        let mut file = crate::private_file::open(&partial, crate::private_file::Open::Truncate)?;
        std::io::Write::write_all(&mut file, text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&partial, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_type_in_one_field_keeps_that_fields_default_and_the_others() {
        let loaded = parse(
            r#"
            idle_seconds = "ninety"
            desk_logout_seconds = 900
            text_size = 24
            language = "en"
            printer = "hall-laser"
            display_seconds = 20
            speech_rate = 120
            speech_player = " paplay "
            "#,
        );
        assert_eq!(
            loaded.settings,
            Settings {
                idle_seconds: None,
                desk_logout_seconds: Some(900),
                text_size: Some(24),
                language: Some(Language::En),
                printer: Some("hall-laser".into()),
                display_seconds: Some(20),
                speech_rate: Some(120),
                speech_player: Some("paplay".into()),
            }
        );
        assert_eq!(
            loaded.settings.display_rotation(),
            std::time::Duration::from_secs(20)
        );
        assert_eq!(loaded.warnings.len(), 1);
        assert_eq!(loaded.warnings[0].field, "idle_seconds");
    }

    #[test]
    fn out_of_range_values_and_unknown_fields_are_warned_about() {
        let loaded = parse(
            r#"
            idle_seconds = 0
            text_size = 13
            language = "fr"
            printer = "  "
            display_seconds = 1
            speech_rate = 500
            speech_player = ""
            colour = "red"
            "#,
        );
        assert_eq!(loaded.settings, Settings::default());
        assert_eq!(
            loaded.settings.display_rotation(),
            std::time::Duration::from_secs(u64::from(DEFAULT_DISPLAY_SECONDS))
        );
        let fields: Vec<&str> = loaded.warnings.iter().map(|w| w.field.as_str()).collect();
        for field in [
            "idle_seconds",
            "text_size",
            "language",
            "printer",
            "display_seconds",
            "speech_rate",
            "speech_player",
            "colour",
        ] {
            assert!(fields.contains(&field), "{field}: {fields:?}");
        }
    }

    #[test]
    fn a_broken_file_keeps_every_default_with_one_warning() {
        let loaded = parse("idle_seconds = = 3");
        assert_eq!(loaded.settings, Settings::default());
        assert_eq!(loaded.warnings.len(), 1);
    }

    #[test]
    fn settings_lie_over_the_halls_defaults_and_survive_a_save() {
        let settings = Settings {
            idle_seconds: Some(120),
            text_size: Some(30),
            ..Settings::default()
        };
        let mut kiosk = KioskSettings::default();
        settings.apply(&mut kiosk);
        assert_eq!((kiosk.idle_seconds, kiosk.default_text_size), (120, 30));
        assert_eq!(
            kiosk.desk_logout_seconds,
            KioskSettings::default().desk_logout_seconds
        );

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config").join(SETTINGS_FILE);
        settings.save(&path).unwrap();
        assert_eq!(load(&path).settings, settings);
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "owner-only");
        assert_eq!(load(&dir.path().join("none.toml")), Loaded::default());
    }
}
