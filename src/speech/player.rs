//! Playing a WAV file through the system's audio with a child process (`aplay FILE`, else
//! `pw-play` or `paplay`), which [`Playback::stop`] kills at once from any thread.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::Duration;

use super::SpeechError;

/// The players tried in turn when the settings name none: ALSA's own, then PipeWire's and
/// PulseAudio's.
const PLAYERS: [&str; 3] = ["aplay", "pw-play", "paplay"];
/// How often a waiting playback looks whether its player has ended.
const POLL: Duration = Duration::from_millis(40);
/// What players say when there is no sound card or no sound server to play on.
const NO_DEVICE: [&str; 9] = [
    "no soundcards",
    "audio open error",
    "unknown pcm",
    "cannot find card",
    "no such device",
    "connection refused",
    "connection failure",
    "can't connect",
    "host is down",
];

/// The program that plays sound.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Player {
    /// The settings' player; None: the first of [`PLAYERS`] on the PATH.
    program: Option<PathBuf>,
}

/// How a playback ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The sound played to its end.
    Finished,
    /// [`Playback::stop`] ended it.
    Stopped,
}

impl Player {
    pub fn new(program: Option<PathBuf>) -> Player {
        Player { program }
    }

    /// The program to run (searches the PATH: call it off the window's thread).
    fn program(&self) -> Result<PathBuf, SpeechError> {
        if let Some(program) = &self.program {
            return Ok(program.clone());
        }
        let path = std::env::var_os("PATH").unwrap_or_default();
        PLAYERS
            .iter()
            .find_map(|name| {
                std::env::split_paths(&path)
                    .map(|dir| dir.join(name))
                    .find(|candidate| candidate.is_file())
            })
            .ok_or(SpeechError::NoPlayer)
    }
}

/// One playing of a sound, shared by the thread that waits for it and the screen that may stop
/// it.
#[derive(Debug, Default)]
pub struct Playback {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    stopped: bool,
    child: Option<Child>,
}

impl Playback {
    /// Ends the playback now (or keeps it from starting); never waits.
    pub fn stop(&self) {
        let mut state = self.lock();
        state.stopped = true;
        if let Some(child) = state.child.as_mut()
            && let Err(error) = child.kill()
        {
            tracing::warn!(%error, "the audio player could not be stopped");
        }
    }

    /// Plays `wav` with `player` and waits until it has played or [`Playback::stop`] ends it.
    /// Blocks: run it on its own thread.
    pub fn play(&self, player: &Player, wav: &Path) -> Result<Ended, SpeechError> {
        let program = player.program()?;
        {
            let mut state = self.lock();
            if state.stopped {
                return Ok(Ended::Stopped);
            }
            let child = Command::new(&program)
                .arg(wav)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .map_err(|error| match error.kind() {
                    std::io::ErrorKind::NotFound => SpeechError::NoPlayer,
                    _ => SpeechError::PlayerFailed {
                        detail: format!("{}: {error}", program.display()),
                    },
                })?;
            state.child = Some(child);
        }
        loop {
            let mut state = self.lock();
            let Some(child) = state.child.as_mut() else {
                return Ok(Ended::Stopped);
            };
            match child.try_wait() {
                Ok(Some(status)) => {
                    let mut stderr = String::new();
                    if let Some(mut pipe) = child.stderr.take()
                        && let Err(error) = pipe.read_to_string(&mut stderr)
                    {
                        tracing::warn!(%error, "the audio player's messages could not be read");
                    }
                    let stopped = state.stopped;
                    state.child = None;
                    if stopped {
                        return Ok(Ended::Stopped);
                    }
                    if status.success() {
                        return Ok(Ended::Finished);
                    }
                    return Err(failure(&program, status, stderr.trim()));
                }
                Ok(None) => {}
                Err(error) => {
                    return Err(SpeechError::PlayerFailed {
                        detail: error.to_string(),
                    });
                }
            }
            drop(state);
            std::thread::sleep(POLL);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A thread that panicked holding the lock left a state that is still usable.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Drop for Playback {
    /// A playback nobody waits for any more does not go on sounding.
    fn drop(&mut self) {
        self.stop();
    }
}

/// Why a player that ran failed: no sound device, or something else.
fn failure(program: &Path, status: std::process::ExitStatus, stderr: &str) -> SpeechError {
    let detail = format!("{} {status}: {stderr}", program.display());
    let lower = stderr.to_lowercase();
    if NO_DEVICE.iter().any(|sign| lower.contains(sign)) {
        SpeechError::NoAudioDevice { detail }
    } else {
        SpeechError::PlayerFailed { detail }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// A stand-in player: a shell script.
    fn script(dir: &Path, name: &str, body: &str) -> Player {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        Player::new(Some(path))
    }

    #[test]
    fn a_player_that_finds_no_sound_card_is_no_audio_device() {
        let dir = tempfile::tempdir().unwrap();
        let aplay = script(
            dir.path(),
            "aplay",
            "echo 'aplay: main:831: audio open error: No such file or directory' >&2\nexit 1",
        );
        let error = Playback::default()
            .play(&aplay, Path::new("sound.wav"))
            .unwrap_err();
        assert!(
            matches!(error, SpeechError::NoAudioDevice { .. }),
            "{error:?}"
        );

        let broken = script(dir.path(), "broken", "echo 'bad format' >&2\nexit 2");
        let error = Playback::default()
            .play(&broken, Path::new("sound.wav"))
            .unwrap_err();
        assert!(
            matches!(error, SpeechError::PlayerFailed { .. }),
            "{error:?}"
        );

        let missing = Player::new(Some(dir.path().join("no-such-player")));
        let error = Playback::default()
            .play(&missing, Path::new("sound.wav"))
            .unwrap_err();
        assert!(matches!(error, SpeechError::NoPlayer), "{error:?}");
    }

    #[test]
    fn a_playback_plays_to_its_end_or_stops_when_told() {
        let dir = tempfile::tempdir().unwrap();
        let quick = script(dir.path(), "quick", "test -n \"$1\"");
        assert_eq!(
            Playback::default()
                .play(&quick, Path::new("a.wav"))
                .unwrap(),
            Ended::Finished
        );

        let endless = script(dir.path(), "endless", "exec sleep 600");
        let playback = Arc::new(Playback::default());
        let waiting = {
            let playback = Arc::clone(&playback);
            std::thread::spawn(move || playback.play(&endless, Path::new("a.wav")))
        };
        // Stop once the player runs (or before: then it never starts).
        while playback.lock().child.is_none() && !waiting.is_finished() {
            std::thread::sleep(Duration::from_millis(5));
        }
        playback.stop();
        assert_eq!(waiting.join().unwrap().unwrap(), Ended::Stopped);

        let stopped_first = Playback::default();
        stopped_first.stop();
        let never = script(dir.path(), "never", "touch \"$0.ran\"");
        assert_eq!(
            stopped_first.play(&never, Path::new("a.wav")).unwrap(),
            Ended::Stopped
        );
        assert!(!dir.path().join("never.ran").exists());
    }
}
