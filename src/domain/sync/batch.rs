//! How many events go in one push. A push starts with the configured number and doubles while
//! the county answers well within the time a call may take, so a fast line carries few large
//! pushes (fewer round trips, and the county writes each index page it touches once for more
//! events), while a slow one never gets a push it cannot finish in time. Bytes are bounded too:
//! a push stays far below the largest body the county takes, whatever its events hold.

use std::time::Duration;

/// The most events in one push: what the county takes (`county::server::Limits`).
pub const MAX_EVENTS: usize = 5000;
/// The most payload bytes in one push (at least one event goes, however large): with the JSON
/// around and within them, about a third of the 16 MiB body the county takes.
pub const MAX_PAYLOAD_BYTES: usize = 4 * 1024 * 1024;

/// The size of the push after one of `size` events that took `took`: doubled when that took less
/// than an eighth of `timeout`, back to `start` when it took more than a third, else unchanged;
/// never below `start` nor above `max`.
pub fn next_size(
    size: usize,
    took: Duration,
    timeout: Duration,
    start: usize,
    max: usize,
) -> usize {
    let max = max.max(start);
    let next = if took < timeout / 8 {
        size.saturating_mul(2)
    } else if took > timeout / 3 {
        start
    } else {
        size
    };
    next.clamp(start, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TIMEOUT: Duration = Duration::from_secs(20);

    #[test]
    fn a_fast_county_doubles_the_push_up_to_the_most_it_takes() {
        let fast = Duration::from_millis(40);
        let mut size = 1000;
        let mut sizes = Vec::new();
        for _ in 0..5 {
            size = next_size(size, fast, TIMEOUT, 1000, MAX_EVENTS);
            sizes.push(size);
        }
        assert_eq!(sizes, [2000, 4000, 5000, 5000, 5000]);
    }

    #[test]
    fn a_slow_push_stops_the_growth_and_a_very_slow_one_goes_back_to_the_start() {
        // 2.5 s is an eighth of 20 s: not fast enough to grow.
        assert_eq!(
            next_size(2000, Duration::from_millis(2500), TIMEOUT, 1000, 5000),
            2000
        );
        assert_eq!(
            next_size(4000, Duration::from_secs(7), TIMEOUT, 1000, 5000),
            1000
        );
        // Never below the start, even when the start itself is slow.
        assert_eq!(
            next_size(1000, Duration::from_secs(15), TIMEOUT, 1000, 5000),
            1000
        );
    }

    #[test]
    fn a_maximum_below_the_start_keeps_the_start() {
        assert_eq!(next_size(50, Duration::from_millis(1), TIMEOUT, 50, 50), 50);
        assert_eq!(next_size(50, Duration::from_millis(1), TIMEOUT, 50, 10), 50);
    }
}
