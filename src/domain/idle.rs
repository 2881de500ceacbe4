//! When the kiosk gives up on a user who walked away.
//!
//! After `idle_after` without input (away from Home) a "还在吗？" prompt appears and counts down
//! `prompt_for`; then the kiosk goes Home. Any input before that keeps the screen as it is: nothing
//! changes by itself while someone is using it.

use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdleState {
    Active,
    /// The prompt is showing; the session ends at `deadline`.
    Prompting {
        deadline: Instant,
    },
}

/// What the kiosk should do after a clock tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdleAction {
    Nothing,
    ShowPrompt,
    /// The countdown ran out: go Home and restore the hall's defaults.
    Reset,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdleTimer {
    idle_after: Duration,
    prompt_for: Duration,
    last_input: Instant,
    state: IdleState,
}

impl IdleTimer {
    pub fn new(idle_after: Duration, prompt_for: Duration, now: Instant) -> IdleTimer {
        IdleTimer {
            idle_after,
            prompt_for,
            last_input: now,
            state: IdleState::Active,
        }
    }

    pub fn state(&self) -> IdleState {
        self.state
    }

    pub fn is_prompting(&self) -> bool {
        matches!(self.state, IdleState::Prompting { .. })
    }

    /// Someone touched the screen or a key: the session goes on.
    pub fn input(&mut self, now: Instant) {
        self.last_input = now;
        self.state = IdleState::Active;
    }

    /// Whole seconds left on the prompt's countdown.
    pub fn seconds_left(&self, now: Instant) -> u64 {
        match self.state {
            IdleState::Active => self.prompt_for.as_secs(),
            IdleState::Prompting { deadline } => {
                let left = deadline.saturating_duration_since(now);
                left.as_secs() + u64::from(left.subsec_nanos() > 0)
            }
        }
    }

    /// The clock moved on. `at_home` is true when the kiosk already shows Home with defaults.
    pub fn tick(&mut self, now: Instant, at_home: bool) -> IdleAction {
        match self.state {
            IdleState::Active if at_home => {
                self.last_input = now;
                IdleAction::Nothing
            }
            IdleState::Active => {
                if now.saturating_duration_since(self.last_input) >= self.idle_after {
                    self.state = IdleState::Prompting {
                        deadline: now + self.prompt_for,
                    };
                    IdleAction::ShowPrompt
                } else {
                    IdleAction::Nothing
                }
            }
            IdleState::Prompting { deadline } => {
                if now >= deadline {
                    self.input(now);
                    IdleAction::Reset
                } else {
                    IdleAction::Nothing
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timer(start: Instant) -> IdleTimer {
        IdleTimer::new(Duration::from_secs(90), Duration::from_secs(20), start)
    }

    #[test]
    fn the_prompt_appears_after_90_seconds_without_input() {
        let start = Instant::now();
        let mut idle = timer(start);
        assert_eq!(
            idle.tick(start + Duration::from_secs(89), false),
            IdleAction::Nothing
        );
        assert_eq!(
            idle.tick(start + Duration::from_secs(90), false),
            IdleAction::ShowPrompt
        );
        assert_eq!(idle.seconds_left(start + Duration::from_secs(91)), 19);
    }

    #[test]
    fn input_keeps_the_session_alive() {
        let start = Instant::now();
        let mut idle = timer(start);
        idle.input(start + Duration::from_secs(80));
        assert_eq!(
            idle.tick(start + Duration::from_secs(150), false),
            IdleAction::Nothing
        );
    }

    #[test]
    fn the_countdown_ends_in_a_reset_unless_continued() {
        let start = Instant::now();
        let mut idle = timer(start);
        idle.tick(start + Duration::from_secs(90), false);
        assert_eq!(
            idle.tick(start + Duration::from_secs(109), false),
            IdleAction::Nothing
        );
        assert_eq!(
            idle.tick(start + Duration::from_secs(110), false),
            IdleAction::Reset
        );
        assert!(!idle.is_prompting());

        let mut continued = timer(start);
        continued.tick(start + Duration::from_secs(90), false);
        continued.input(start + Duration::from_secs(95));
        assert_eq!(
            continued.tick(start + Duration::from_secs(110), false),
            IdleAction::Nothing
        );
    }

    #[test]
    fn home_never_times_out() {
        let start = Instant::now();
        let mut idle = timer(start);
        assert_eq!(
            idle.tick(start + Duration::from_secs(1000), true),
            IdleAction::Nothing
        );
        // Leaving Home starts a fresh 90 s.
        assert_eq!(
            idle.tick(start + Duration::from_secs(1050), false),
            IdleAction::Nothing
        );
    }
}
