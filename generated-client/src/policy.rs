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
        rand::Rng::gen_range(&mut rand::thread_rng(), 1..=u64::from(u32::MAX))
    }
}

/// Bounded exponential backoff with jitter. Off unless set on the builder.
///
/// Only idempotent operations (GET, PUT, DELETE) are retried after the server
/// may have seen the request (timeouts, broken connections, HTTP 429/502/503/504);
/// any operation is retried when the connection could not be opened, because
/// then nothing was sent. Every attempt is signed afresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The delay before the first retry (before jitter).
    pub base_delay: Duration,
    /// The longest delay between two attempts.
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
    /// The delay before retry `attempt` (1-based): base·2^(attempt-1), capped, times a
    /// random factor in [0.5, 1).
    pub fn delay(&self, attempt: u32) -> Duration {
        let exp = self
            .base_delay
            .saturating_mul(1u32 << (attempt.saturating_sub(1)).min(20));
        let capped = exp.min(self.max_delay);
        capped.mul_f64(rand::Rng::gen_range(&mut rand::thread_rng(), 0.5..1.0))
    }
}
