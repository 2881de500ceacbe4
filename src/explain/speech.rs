//! Words for read-aloud's problems (朗读): what is missing on this terminal, said so that staff
//! know what to install or plug in.

use super::Explain;
use crate::i18n::Language;
use crate::speech::SpeechError;
use crate::t;

impl Explain for SpeechError {
    fn words(&self, language: Language) -> String {
        let l = language;
        match self {
            SpeechError::NothingToRead => t!(l, "speech-nothing"),
            SpeechError::Dictionary(_) => t!(l, "speech-dictionary"),
            SpeechError::NoVoice { .. } => t!(l, "speech-no-voice"),
            SpeechError::NoMandarinVoice { .. } => t!(l, "speech-no-mandarin"),
            SpeechError::VoiceFailed { .. } => t!(l, "speech-voice-failed"),
            SpeechError::NoPlayer => t!(l, "speech-no-player"),
            SpeechError::NoAudioDevice { .. } => t!(l, "speech-no-audio-device"),
            SpeechError::PlayerFailed { .. } => t!(l, "speech-player-failed"),
            SpeechError::WorkerLost => t!(l, "speech-lost"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_sound_device_is_said_in_words_without_the_players_english() {
        let error = SpeechError::NoAudioDevice {
            detail: "aplay: main:831: audio open error: No such file or directory".into(),
        };
        let words = error.words(Language::ZhCn);
        assert!(words.contains("没有声音设备"), "{words}");
        assert!(!words.contains("audio open error"), "{words}");
        let english = error.words(Language::En);
        assert!(english.contains("sound"), "{english}");
    }
}
