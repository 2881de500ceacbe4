//! Read-aloud's voice and loudspeaker: espeak-ng's `cmn-latn-pinyin` voice turns the pinyin of
//! [`crate::domain::speech`] into a WAV file, and the system's player (`aplay`, else `pw-play` or
//! `paplay`) plays it as a child process that can be stopped at any moment. Both are found at
//! run time: a terminal without them says so in words ([`SpeechError`], `crate::explain`) and
//! never freezes. All of it blocks, so the kiosk runs it on its own threads.

mod player;
mod voice;

use std::path::PathBuf;

pub use player::{Ended, Playback, Player};
pub use voice::{AudioFile, Voice};

use crate::domain::speech::{Dictionary, Reading};

/// Words per minute that older listeners follow (espeak-ng's own default is 175).
pub const DEFAULT_RATE: u32 = 130;
/// The slowest and fastest rates a setting may ask for.
pub const RATES: std::ops::RangeInclusive<u32> = 80..=260;

/// Why nothing was read aloud.
#[derive(Debug, thiserror::Error)]
pub enum SpeechError {
    #[error("nothing to read")]
    NothingToRead,
    #[error("the polyphone dictionary is damaged: {0}")]
    Dictionary(#[from] crate::domain::speech::DictionaryError),
    #[error("espeak-ng is not installed ({program})")]
    NoVoice { program: PathBuf },
    #[error("espeak-ng has no cmn-latn-pinyin voice: {detail}")]
    NoMandarinVoice { detail: String },
    #[error("espeak-ng failed: {detail}")]
    VoiceFailed { detail: String },
    #[error("no audio player (aplay, pw-play or paplay) is installed")]
    NoPlayer,
    #[error("no audio device: {detail}")]
    NoAudioDevice { detail: String },
    #[error("the audio player failed: {detail}")]
    PlayerFailed { detail: String },
    #[error("the read-aloud thread stopped")]
    WorkerLost,
}

/// The voice and the player of this terminal.
#[derive(Debug, Clone, Default)]
pub struct Speech {
    pub voice: Voice,
    pub player: Player,
}

impl Speech {
    /// From this terminal's settings (`speech_rate`, `speech_player`), defaults otherwise.
    pub fn from_settings(settings: &crate::settings::Settings) -> Speech {
        Speech {
            voice: Voice::new(settings.speech_rate.unwrap_or(DEFAULT_RATE)),
            player: Player::new(settings.speech_player.as_ref().map(PathBuf::from)),
        }
    }

    /// What the voice says for `text`, with the shipped polyphone dictionary.
    pub fn reading(text: &str) -> Result<Reading, SpeechError> {
        let dictionary = Dictionary::builtin()?;
        let reading = crate::domain::speech::reading(text, dictionary);
        if reading.is_empty() {
            return Err(SpeechError::NothingToRead);
        }
        Ok(reading)
    }
}
