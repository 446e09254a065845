//! Per-client rate limit on comment posts: a token bucket per address.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

/// Buckets kept before full ones are dropped (a full bucket is the same as no bucket).
const MAX_TRACKED: usize = 10_000;

/// Each client may post `per_minute` times in a burst, and gets one more post back every
/// `60 / per_minute` seconds. Clients are addresses; IPv6 ones by their /64 network, which
/// one household or phone usually holds whole.
pub struct RateLimiter {
    per_minute: u32,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

impl RateLimiter {
    /// A limiter of `per_minute` posts (at least 1).
    pub fn new(per_minute: u32) -> RateLimiter {
        RateLimiter {
            per_minute: per_minute.max(1),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one post from `client`'s bucket at time `now`: `Ok` if there was one, else
    /// `Err(seconds)` until there is (at least 1).
    pub fn take(&self, client: IpAddr, now: Instant) -> Result<(), u64> {
        let capacity = f64::from(self.per_minute);
        let per_second = capacity / 60.0;
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() >= MAX_TRACKED {
            buckets.retain(|_, b| {
                b.tokens + now.saturating_duration_since(b.at).as_secs_f64() * per_second < capacity
            });
        }
        let bucket = buckets.entry(client_key(client)).or_insert(Bucket {
            tokens: capacity,
            at: now,
        });
        let elapsed = now.saturating_duration_since(bucket.at);
        bucket.tokens = (bucket.tokens + elapsed.as_secs_f64() * per_second).min(capacity);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            // Whole seconds, rounded up; the epsilon keeps float noise from adding one.
            let wait = (1.0 - bucket.tokens) * 60.0 / capacity;
            Err((wait - 1e-9).ceil().max(1.0) as u64)
        }
    }
}

/// The address a client is counted by: IPv4 as is, IPv6 by its /64 (an IPv4-mapped IPv6
/// address counts as the IPv4 one).
fn client_key(ip: IpAddr) -> IpAddr {
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
    use std::time::Duration;

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
}
