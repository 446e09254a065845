//! The throttle in front of sign-in: failures counted per account and per address.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed sign-ins allowed before each further attempt has to wait.
const FREE_FAILURES: u32 = 5;
/// Failures older than this are forgotten.
const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);
/// The longest wait between attempts.
const MAX_WAIT: Duration = Duration::from_secs(15 * 60);
/// Keys tracked at most; beyond it the stale ones go, then all.
const MAX_TRACKED: usize = 10_000;

/// Failed sign-ins per account and per address. After [`FREE_FAILURES`] each attempt waits
/// twice as long as the one before (2 s, 4 s, … up to [`MAX_WAIT`]), right password or not,
/// so guessing is slowed on both a single account and from a single address.
#[derive(Default)]
pub struct SignInThrottle {
    failures: Mutex<HashMap<String, Failures>>,
}

#[derive(Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

impl Failures {
    fn wait(self, now: Instant) -> Option<Duration> {
        if self.count < FREE_FAILURES || now.duration_since(self.last) > FAILURE_WINDOW {
            return None;
        }
        let wait = Duration::from_secs(2u64 << (self.count - FREE_FAILURES).min(16)).min(MAX_WAIT);
        wait.checked_sub(now.saturating_duration_since(self.last))
            .filter(|left| !left.is_zero())
    }
}

impl SignInThrottle {
    /// How long the attempt on `keys` has to wait, if it does.
    pub fn wait(&self, keys: &[String], now: Instant) -> Option<Duration> {
        let failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        keys.iter()
            .filter_map(|k| failures.get(k).and_then(|f| f.wait(now)))
            .max()
    }

    /// Counts a failed attempt on every key.
    pub fn failed(&self, keys: &[String], now: Instant) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if failures.len() >= MAX_TRACKED {
            failures.retain(|_, f| now.duration_since(f.last) <= FAILURE_WINDOW);
            if failures.len() >= MAX_TRACKED {
                failures.clear();
            }
        }
        for key in keys {
            let f = failures.entry(key.clone()).or_insert(Failures {
                count: 0,
                last: now,
            });
            if now.duration_since(f.last) > FAILURE_WINDOW {
                f.count = 0;
            }
            f.count += 1;
            f.last = now;
        }
    }

    /// Forgets an account's failures after it signed in.
    pub fn succeeded(&self, key: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        failures.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_throttle_doubles_the_wait_after_the_free_failures() {
        let throttle = SignInThrottle::default();
        let keys = ["account:lan".to_owned(), "address:192.0.2.1".to_owned()];
        let t0 = Instant::now();
        for _ in 0..FREE_FAILURES {
            assert_eq!(throttle.wait(&keys, t0), None);
            throttle.failed(&keys, t0);
        }
        assert_eq!(throttle.wait(&keys, t0), Some(Duration::from_secs(2)));
        assert_eq!(throttle.wait(&keys, t0 + Duration::from_secs(2)), None);
        throttle.failed(&keys, t0 + Duration::from_secs(2));
        assert_eq!(
            throttle.wait(&keys, t0 + Duration::from_secs(3)),
            Some(Duration::from_secs(3))
        );
        // Another address on another account is not slowed.
        let other = ["account:minh".to_owned(), "address:192.0.2.2".to_owned()];
        assert_eq!(throttle.wait(&other, t0), None);
        throttle.succeeded("account:lan");
        // The address still is.
        assert!(throttle.wait(&keys, t0 + Duration::from_secs(3)).is_some());
    }
}
