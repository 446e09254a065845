//! Per-client rate limit on comment posts: a token bucket per address.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Clients tracked at most, both generations together (see [`Generations`]).
pub const MAX_TRACKED: usize = 10_000;
/// An empty bucket is full again after this long, whatever the rate: a bucket holds
/// `per_minute` posts and gets `per_minute` back a minute.
const REFILL: Duration = Duration::from_secs(60);

/// Each client may post `per_minute` times in a burst, and gets one more post back every
/// `60 / per_minute` seconds. Clients are addresses; IPv6 ones by their /64 network, which
/// one household or phone usually holds whole.
pub struct RateLimiter {
    per_minute: u32,
    buckets: Mutex<Generations>,
}

#[derive(Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// The buckets in two generations, so that forgetting costs no scan: a bucket lives in
/// `current` once touched, and moves back there from `previous` when touched again. Every
/// [`REFILL`] (or sooner, when `current` holds half of [`MAX_TRACKED`]) `previous` is dropped
/// whole and `current` becomes it. A bucket dropped on time was last touched a full refill
/// ago, so it was full, the same as no bucket; only a flood of new clients drops some early.
struct Generations {
    current: HashMap<IpAddr, Bucket>,
    previous: HashMap<IpAddr, Bucket>,
    since: Option<Instant>,
}

impl Generations {
    fn rotate_if_due(&mut self, now: Instant) {
        let since = *self.since.get_or_insert(now);
        let age = now.saturating_duration_since(since);
        if age >= 2 * REFILL {
            // No take for a whole refill after the last rotation: `current` is stale too.
            self.current = HashMap::new();
            self.previous = HashMap::new();
            self.since = Some(now);
        } else if age >= REFILL || self.current.len() >= MAX_TRACKED / 2 {
            self.previous = std::mem::take(&mut self.current);
            self.since = Some(now);
        }
    }

    /// `client`'s bucket, moved into the current generation (full when it had none).
    fn bucket(&mut self, client: IpAddr, full: Bucket) -> &mut Bucket {
        let bucket = self.previous.remove(&client).unwrap_or(full);
        self.current.entry(client).or_insert(bucket)
    }
}

impl RateLimiter {
    /// A limiter of `per_minute` posts (at least 1).
    pub fn new(per_minute: u32) -> RateLimiter {
        RateLimiter {
            per_minute: per_minute.max(1),
            buckets: Mutex::new(Generations {
                current: HashMap::new(),
                previous: HashMap::new(),
                since: None,
            }),
        }
    }

    /// Takes one post from `client`'s bucket at time `now`: `Ok` if there was one, else
    /// `Err(seconds)` until there is (at least 1).
    pub fn take(&self, client: IpAddr, now: Instant) -> Result<(), u64> {
        let capacity = f64::from(self.per_minute);
        let per_second = capacity / REFILL.as_secs_f64();
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        buckets.rotate_if_due(now);
        let bucket = buckets.bucket(
            client_key(client),
            Bucket {
                tokens: capacity,
                at: now,
            },
        );
        let elapsed = now.saturating_duration_since(bucket.at);
        bucket.tokens = (bucket.tokens + elapsed.as_secs_f64() * per_second).min(capacity);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            // Whole seconds, rounded up; the epsilon keeps float noise from adding one.
            let wait = (1.0 - bucket.tokens) * REFILL.as_secs_f64() / capacity;
            Err((wait - 1e-9).ceil().max(1.0) as u64)
        }
    }

    /// Posts a client may make a minute.
    pub fn per_minute(&self) -> u32 {
        self.per_minute
    }

    /// How many clients have a bucket now (never more than [`MAX_TRACKED`]).
    pub fn tracked(&self) -> usize {
        let buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        buckets.current.len() + buckets.previous.len()
    }
}

/// The address a client is counted by: IPv4 as is, IPv6 by its /64 (an IPv4-mapped IPv6
/// address counts as the IPv4 one).
pub(crate) fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6([s[0], s[1], s[2], s[3], 0, 0, 0, 0].into())
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bursts_then_refills_at_the_rate() {
        let limiter = RateLimiter::new(3);
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.take(ip, t0), Ok(()));
        }
        // One post comes back every 20 s.
        assert_eq!(limiter.take(ip, t0), Err(20));
        assert_eq!(limiter.take(ip, t0 + Duration::from_secs(5)), Err(15));
        assert_eq!(limiter.take(ip, t0 + Duration::from_secs(20)), Ok(()));
        // Another client is not affected.
        assert_eq!(limiter.take("192.0.2.2".parse().unwrap(), t0), Ok(()));
    }

    #[test]
    fn ipv6_clients_are_counted_per_64() {
        let limiter = RateLimiter::new(1);
        let t0 = Instant::now();
        assert_eq!(limiter.take("2001:db8:1:2::1".parse().unwrap(), t0), Ok(()));
        assert!(limiter
            .take("2001:db8:1:2:ffff::9".parse().unwrap(), t0)
            .is_err());
        assert_eq!(limiter.take("2001:db8:1:3::1".parse().unwrap(), t0), Ok(()));
        assert_eq!(
            limiter.take("::ffff:192.0.2.7".parse().unwrap(), t0),
            Ok(())
        );
        assert!(limiter.take("192.0.2.7".parse().unwrap(), t0).is_err());
    }

    #[test]
    fn a_limited_client_stays_limited_across_a_rotation_and_is_forgotten_when_full() {
        let limiter = RateLimiter::new(1);
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let t0 = Instant::now();
        assert_eq!(limiter.take(ip, t0), Ok(()));
        // A minute later another client starts the next generation; the first is kept.
        let t1 = t0 + Duration::from_secs(60);
        assert_eq!(limiter.take("192.0.2.3".parse().unwrap(), t1), Ok(()));
        assert_eq!(limiter.tracked(), 2);
        assert_eq!(limiter.take(ip, t0 + Duration::from_secs(30)), Err(30));
        // Two refills later every idle bucket is full, and gone.
        let t2 = t1 + Duration::from_secs(121);
        assert_eq!(limiter.take("192.0.2.4".parse().unwrap(), t2), Ok(()));
        assert!(limiter.tracked() <= 2, "{}", limiter.tracked());
    }

    /// A flood of distinct clients keeps the map bounded, and each take stays cheap: the
    /// last posts of the flood cost about what the first ones did, with no scan of the map.
    #[test]
    fn a_hundred_thousand_clients_stay_bounded_and_cheap() {
        let limiter = RateLimiter::new(10);
        let t0 = Instant::now();
        let client = |i: u32| IpAddr::from((0x0a00_0000 + i).to_be_bytes());
        let batch = |from: u32| {
            let start = Instant::now();
            for i in from..from + 10_000 {
                assert_eq!(limiter.take(client(i), t0), Ok(()));
                assert!(limiter.tracked() <= MAX_TRACKED);
            }
            start.elapsed()
        };
        let first = batch(0);
        for from in (10_000..90_000).step_by(10_000) {
            batch(from);
        }
        let last = batch(90_000);
        assert!(limiter.tracked() <= MAX_TRACKED);
        assert!(
            limiter.tracked() >= MAX_TRACKED / 2,
            "{}",
            limiter.tracked()
        );
        assert!(
            last < first * 20 + Duration::from_millis(50),
            "first 10,000 takes {first:?}, last 10,000 {last:?}"
        );
        // A client of the current generation is still remembered.
        for _ in 0..9 {
            assert_eq!(limiter.take(client(99_999), t0), Ok(()));
        }
        assert!(limiter.take(client(99_999), t0).is_err());
    }
}
