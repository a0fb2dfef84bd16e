//! The policies a client can be given: where time and nonces come from (both
//! replaceable in tests) and whether and how to retry.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The time, for timestamps in signatures. Replace it in tests.
pub trait Clock: Send + Sync {
    /// Milliseconds since the Unix epoch.
    fn now_millis(&self) -> u64;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_millis(&self) -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }
}

/// Nonces for signatures. Replace it in tests.
pub trait NonceSource: Send + Sync {
    /// A positive random integer; asked once per attempt.
    fn nonce(&self) -> u64;
}

/// Random nonces from the thread-local generator.
#[derive(Debug, Clone, Copy, Default)]
pub struct RandomNonce;

impl NonceSource for RandomNonce {
    fn nonce(&self) -> u64 {
        // Tencent's reference clients draw from the positive 32-bit range; some
        // gateways parse the header as an int, so do not exceed it.
        rand::random_range(1..=u64::from(u32::MAX))
    }
}

/// Where backoff jitter comes from. Replace it in tests.
pub trait Jitter: Send + Sync {
    /// A number in `[0, 1)`; asked once per backoff delay.
    fn unit(&self) -> f64;
}

/// Jitter from the thread-local random generator.
#[derive(Debug, Clone, Copy, Default)]
pub struct RandomJitter;

impl Jitter for RandomJitter {
    fn unit(&self) -> f64 {
        rand::random_range(0.0..1.0)
    }
}

/// How a failed attempt may be retried (what a retry predicate answers; see
/// [`crate::ClientBuilder::retry_if`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryClass {
    /// Final: returned to the caller.
    Fatal,
    /// Transient (HTTP 502, 503, 504, a timeout, a broken connection): the
    /// server may have acted on the request, so only idempotent calls are
    /// retried.
    Transient,
    /// The request was refused unprocessed because of rate limiting (HTTP
    /// 429, a vendor's rate-limit code): retried for any method, after the
    /// server's `Retry-After` when it sends one.
    RateLimited,
}

/// Bounded exponential backoff with jitter. Off unless set on the builder.
///
/// What is retried: a connection that could not be opened (nothing was sent:
/// any method); rate limiting ([`RetryClass::RateLimited`], HTTP 429: any
/// method); transient failures ([`RetryClass::Transient`]: HTTP 502, 503, 504,
/// timeouts, connections broken after sending) only for idempotent calls
/// (GET, PUT, DELETE, or a call marked idempotent with
/// [`crate::CallOptions::idempotent`]). A predicate set with
/// [`crate::ClientBuilder::retry_if`] can classify any typed error, such as a
/// vendor's rate-limit code inside an HTTP 200 envelope. Every attempt is
/// signed afresh.
///
/// The delay before a retry is the server's `Retry-After` (seconds or an HTTP
/// date) when the reply has one, else [`RetryPolicy::backoff`]; either way
/// at most `max_delay`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The delay before the first retry (before jitter).
    pub base_delay: Duration,
    /// The longest delay between two attempts, `Retry-After` included.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// The delay before retry `attempt` (1-based) with random jitter; see
    /// [`RetryPolicy::backoff`].
    pub fn delay(&self, attempt: u32) -> Duration {
        self.backoff(attempt, RandomJitter.unit())
    }

    /// The delay before retry `attempt` (1-based) for a jitter draw `unit`
    /// in `[0, 1)`: "equal jitter", as Stripe's SDKs do: half of
    /// min(base·2^(attempt-1), max_delay) fixed, the other half scaled by
    /// `unit`. Delays grow, yet clients that failed together spread out.
    pub fn backoff(&self, attempt: u32, unit: f64) -> Duration {
        let exp = self
            .base_delay
            .saturating_mul(1u32 << (attempt.saturating_sub(1)).min(20));
        let capped = exp.min(self.max_delay);
        capped.mul_f64(0.5 + 0.5 * unit.clamp(0.0, 1.0))
    }

    /// The delay a server asked for, capped at `max_delay`.
    pub fn honour(&self, retry_after: Duration) -> Duration {
        retry_after.min(self.max_delay)
    }
}

/// Whether and how far the client follows HTTP redirects. The default
/// follows none: a 3xx reply is [`crate::Error::Redirect`].
///
/// Opting in ([`RedirectPolicy::same_origin`]) follows redirects to the same
/// origin (scheme, host and port) as the base URL only, at most `max_hops`
/// in a row, each hop signed afresh like a retry. A redirect to another
/// origin is refused, never followed: the request's credentials (headers,
/// query or form fields, the cookie) and its body, which may hold passwords,
/// stay with the origin they were meant for. A 307 or 308 keeps the method
/// and body; a 301, 302 or 303 is followed only by a GET, since following it
/// would turn any other call into a GET.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RedirectPolicy {
    max_hops: u32,
}

impl RedirectPolicy {
    /// Follows no redirect (the default).
    pub const fn none() -> RedirectPolicy {
        RedirectPolicy { max_hops: 0 }
    }

    /// Follows same-origin redirects, at most `max_hops` in a row.
    pub const fn same_origin(max_hops: u32) -> RedirectPolicy {
        RedirectPolicy { max_hops }
    }

    /// The most redirects followed in a row (0: none).
    pub const fn max_hops(&self) -> u32 {
        self.max_hops
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            max_retries: 5,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(700),
        }
    }

    #[test]
    fn backoff_doubles_from_the_base_delay_and_stops_at_the_cap() {
        let p = policy();
        let top: Vec<_> = (1..=5).map(|a| p.backoff(a, 1.0).as_millis()).collect();
        assert_eq!(top, [100, 200, 400, 700, 700]);
    }

    #[test]
    fn equal_jitter_keeps_at_least_half_the_backoff() {
        let p = policy();
        assert_eq!(p.backoff(2, 0.0), Duration::from_millis(100));
        assert_eq!(p.backoff(2, 0.5), Duration::from_millis(150));
    }

    #[test]
    fn a_servers_retry_after_is_capped_at_the_max_delay() {
        let p = policy();
        assert_eq!(p.honour(Duration::from_secs(3600)), p.max_delay);
        assert_eq!(p.honour(Duration::ZERO), Duration::ZERO);
    }
}
