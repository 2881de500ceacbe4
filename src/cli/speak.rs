//! `speak`: what the kiosk's 朗读 would say for a text, written to a WAV file (`--out`) and/or
//! shown as the tone-numbered pinyin the voice is given (`--pinyin`), for staff and tests.

use std::io::Read;
use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Args;

use crate::explain::shown;
use crate::i18n::Language;
use crate::speech::{Speech, SpeechError, Voice};

#[derive(Debug, Args)]
pub struct SpeakArgs {
    /// The text to read, in Chinese (numbers, dates and amounts are read as words); `-` reads it
    /// from standard input.
    text: String,
    /// Write the sound to this WAV file (22,050 Hz mono).
    #[arg(long, value_name = "FILE.wav", required_unless_present_any = ["pinyin", "words"])]
    out: Option<PathBuf>,
    /// Print the tone-numbered pinyin the voice is given.
    #[arg(long)]
    pinyin: bool,
    /// Print the text as it is said: numbers, dates and amounts in Chinese words.
    #[arg(long)]
    words: bool,
    /// Words per minute, 80–260 (default: `speech_rate` in the settings file, else 130).
    #[arg(long, value_parser = clap::value_parser!(u32).range(80..=260))]
    rate: Option<u32>,
}

pub fn run(args: SpeakArgs, settings: &crate::settings::Settings) -> Result<()> {
    let language = Language::from_environment();
    let fail = |error: SpeechError| anyhow::anyhow!(shown(language, &error));
    let text = if args.text == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        text
    } else {
        args.text
    };
    if args.words {
        println!("{}", crate::domain::speech::words::said(&text).trim());
    }
    let reading = Speech::reading(&text).map_err(fail)?;
    if args.pinyin {
        println!("{}", reading.to_pinyin());
    }
    let Some(out) = args.out else {
        return Ok(());
    };
    let voice = match args.rate {
        Some(rate) => Voice::new(rate),
        None => Speech::from_settings(settings).voice,
    };
    voice.write_wav(&reading, &out).map_err(fail)?;
    let Some(seconds) = wav_seconds(&out) else {
        bail!(crate::t!(
            language,
            "speech-not-wav",
            path = out.display().to_string()
        ));
    };
    eprintln!(
        "{}",
        crate::t!(
            language,
            "speech-written",
            path = out.display().to_string(),
            seconds = format!("{seconds:.1}")
        )
    );
    Ok(())
}

/// How long a PCM WAV file plays: its data's length over its byte rate.
fn wav_seconds(path: &std::path::Path) -> Option<f64> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::warn!(%error, path = %path.display(), "the sound file written could not be read back");
            return None;
        }
    };
    let header = bytes.get(..44)?;
    if &header[..4] != b"RIFF" || &header[8..12] != b"WAVE" {
        return None;
    }
    let byte_rate = u32::from_le_bytes(header[28..32].try_into().ok()?);
    (byte_rate > 0).then(|| (bytes.len() - 44) as f64 / f64::from(byte_rate))
}
