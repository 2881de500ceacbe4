//! espeak-ng's Mandarin voice fed tone-numbered pinyin: `espeak-ng -v cmn-latn-pinyin -s RATE
//! -w FILE.wav`, the pinyin on standard input.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};

use super::{DEFAULT_RATE, RATES, SpeechError};
use crate::domain::speech::Reading;

/// The voice that reads tone-numbered pinyin with Mandarin tones (the plain `cmn` voice reads the
/// tone digits in English).
const MANDARIN_PINYIN: &str = "cmn-latn-pinyin";
/// A WAV file's header: a file no longer than this holds no sound.
const WAV_HEADER: u64 = 44;

/// espeak-ng and the speed it speaks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voice {
    program: PathBuf,
    /// Words per minute.
    rate: u32,
}

impl Default for Voice {
    fn default() -> Self {
        Voice::new(DEFAULT_RATE)
    }
}

impl Voice {
    /// espeak-ng from the PATH at `rate` words per minute (kept within [`RATES`]).
    pub fn new(rate: u32) -> Voice {
        Voice {
            program: PathBuf::from("espeak-ng"),
            rate: rate.clamp(*RATES.start(), *RATES.end()),
        }
    }

    /// Another espeak-ng program (a path, or a name looked up on the PATH).
    pub fn with_program(mut self, program: impl Into<PathBuf>) -> Voice {
        self.program = program.into();
        self
    }

    pub fn rate(&self) -> u32 {
        self.rate
    }

    /// Writes what the voice says for `reading` to the WAV file `out` (22,050 Hz mono).
    pub fn write_wav(&self, reading: &Reading, out: &Path) -> Result<(), SpeechError> {
        if reading.is_empty() {
            return Err(SpeechError::NothingToRead);
        }
        let mut child = Command::new(&self.program)
            .args([
                "-v",
                MANDARIN_PINYIN,
                "-s",
                &self.rate.to_string(),
                "-b",
                "1",
                "-w",
            ])
            .arg(out)
            .arg("--stdin")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|error| match error.kind() {
                std::io::ErrorKind::NotFound => SpeechError::NoVoice {
                    program: self.program.clone(),
                },
                _ => SpeechError::VoiceFailed {
                    detail: error.to_string(),
                },
            })?;
        if let Some(mut stdin) = child.stdin.take() {
            // A voice that dies early closes the pipe: its own error says why.
            if let Err(error) = stdin.write_all(reading.to_pinyin().as_bytes()) {
                tracing::warn!(%error, "espeak-ng did not take all the text");
            }
        }
        let output = child
            .wait_with_output()
            .map_err(|error| SpeechError::VoiceFailed {
                detail: error.to_string(),
            })?;
        let stderr = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        if !output.status.success() {
            return Err(if stderr.contains("voice does not exist") {
                SpeechError::NoMandarinVoice { detail: stderr }
            } else {
                SpeechError::VoiceFailed {
                    detail: format!("{}: {stderr}", output.status),
                }
            });
        }
        // espeak-ng exits 0 even when it could not write the file.
        let written = std::fs::metadata(out).map(|meta| meta.len()).unwrap_or(0);
        if written <= WAV_HEADER {
            return Err(SpeechError::VoiceFailed {
                detail: format!("no sound written to {} ({stderr})", out.display()),
            });
        }
        Ok(())
    }

    /// What the voice says for `reading`, in a temporary WAV file.
    pub fn synthesize(&self, reading: &Reading) -> Result<AudioFile, SpeechError> {
        sweep_stale(&std::env::temp_dir());
        let file = AudioFile::new();
        self.write_wav(reading, file.path())?;
        Ok(file)
    }
}

/// A WAV file in the temporary directory, removed when dropped.
#[derive(Debug)]
pub struct AudioFile {
    path: PathBuf,
}

/// The start of every sound file's name; the process id follows.
const FILE_PREFIX: &str = "bianmin-read-aloud-";

/// Removes the sound files a kiosk that was killed (or lost its power) left in `dir`: those
/// named after a process that no longer runs.
fn sweep_stale(dir: &Path) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            tracing::warn!(%error, dir = %dir.display(), "old read-aloud sound files not looked for");
            return;
        }
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|name| name.strip_prefix(FILE_PREFIX))
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let gone = pid != std::process::id() && !Path::new("/proc").join(pid.to_string()).exists();
        if gone && let Err(error) = std::fs::remove_file(entry.path()) {
            tracing::warn!(%error, path = %entry.path().display(), "an old read-aloud sound file stayed");
        }
    }
}

impl AudioFile {
    fn new() -> AudioFile {
        static COUNT: AtomicU64 = AtomicU64::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let name = format!("{FILE_PREFIX}{}-{n}.wav", std::process::id());
        AudioFile {
            path: std::env::temp_dir().join(name),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for AudioFile {
    fn drop(&mut self) {
        match std::fs::remove_file(&self.path) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => {
                tracing::warn!(%error, path = %self.path.display(), "a read-aloud sound file stayed");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sound_files_of_processes_that_are_gone_are_swept_and_ours_kept() {
        let dir = tempfile::tempdir().unwrap();
        // Process ids above the kernel's largest (4194304) never run.
        let stale = dir.path().join(format!("{FILE_PREFIX}4999999-0.wav"));
        let ours = dir
            .path()
            .join(format!("{FILE_PREFIX}{}-7.wav", std::process::id()));
        let other = dir.path().join("bianmin-other-4999999.wav");
        for path in [&stale, &ours, &other] {
            std::fs::write(path, b"RIFF").unwrap();
        }
        sweep_stale(dir.path());
        assert!(!stale.exists());
        assert!(ours.exists() && other.exists());
    }

    #[test]
    fn a_sound_file_goes_when_its_last_handle_goes() {
        let reading = crate::speech::Speech::reading("请到银行办理。").unwrap();
        let file = Voice::default().synthesize(&reading).unwrap();
        let path = file.path().to_owned();
        assert!(std::fs::metadata(&path).unwrap().len() > WAV_HEADER);
        drop(file);
        assert!(!path.exists());
    }
}
