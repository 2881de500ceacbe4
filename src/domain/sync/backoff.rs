//! When to try the county again after a failure: one minute, doubling up to one hour, with
//! jitter so that a hall's terminals (or many halls after a county outage) do not all retry in
//! the same second (ODK Collect asked for exactly this, getodk/collect#5946).

use std::time::Duration;

/// The delay after the first failure.
pub const FIRST_RETRY: Duration = Duration::from_secs(60);
/// The delay never grows past this.
pub const LONGEST_RETRY: Duration = Duration::from_secs(60 * 60);
/// Each delay is moved by up to this fraction either way.
pub const JITTER: f64 = 0.2;

/// The delay before the next attempt after `failures` failures in a row (1 = the first failure),
/// with `unit` a random number in [0, 1) for the jitter.
pub fn retry_delay(failures: u32, unit: f64) -> Duration {
    let doublings = failures.saturating_sub(1).min(16);
    let nominal = FIRST_RETRY
        .saturating_mul(1u32 << doublings)
        .min(LONGEST_RETRY);
    let unit = if unit.is_finite() {
        unit.clamp(0.0, 1.0)
    } else {
        0.5
    };
    let factor = 1.0 - JITTER + 2.0 * JITTER * unit;
    nominal.mul_f64(factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_starts_at_a_minute_and_doubles() {
        assert_eq!(retry_delay(1, 0.5), Duration::from_secs(60));
        assert_eq!(retry_delay(2, 0.5), Duration::from_secs(120));
        assert_eq!(retry_delay(3, 0.5), Duration::from_secs(240));
        assert_eq!(retry_delay(0, 0.5), Duration::from_secs(60));
    }

    #[test]
    fn the_delay_stops_growing_at_an_hour() {
        assert_eq!(retry_delay(7, 0.5), Duration::from_secs(3600));
        assert_eq!(retry_delay(40, 0.5), Duration::from_secs(3600));
        assert_eq!(retry_delay(u32::MAX, 0.5), Duration::from_secs(3600));
    }

    #[test]
    fn jitter_moves_the_delay_by_at_most_a_fifth() {
        assert_eq!(retry_delay(1, 0.0), Duration::from_secs(48));
        assert!(retry_delay(1, 0.999_999) <= Duration::from_secs(72));
        assert!(retry_delay(1, 0.999_999) > Duration::from_secs(71));
        // Nonsense randomness falls back to the middle.
        assert_eq!(retry_delay(1, f64::NAN), Duration::from_secs(60));
        assert_eq!(retry_delay(1, 7.0), Duration::from_secs(72));
    }
}
