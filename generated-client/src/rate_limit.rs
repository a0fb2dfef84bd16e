//! A client-side request budget: vendors limit how often they may be called
//! (Polyv per IP, gateways per account), and a client that stays within the
//! budget waits a little instead of collecting rate-limit errors. The
//! accounting is governor's (GCRA, the algorithm of its `RateLimiter`); the
//! waiting is tokio's, so a test with paused time does not really wait.

use std::fmt;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultDirectRateLimiter, Quota};

use crate::error::Error;

/// A budget of `requests` per `period`, shared by every client given a clone
/// of it: one limiter for all clients behind one IP address, or one per
/// account. Every attempt (retries included) spends one request; bursts up
/// to the whole budget are allowed, then requests are spaced evenly.
#[derive(Clone)]
pub struct RateLimiter {
    limiter: Arc<DefaultDirectRateLimiter>,
    requests: NonZeroU32,
    period: Duration,
}

impl RateLimiter {
    /// At most `requests` per `period`. Fails with [`Error::Config`] for
    /// zero requests or a zero period.
    pub fn new(requests: u32, period: Duration) -> Result<RateLimiter, Error> {
        let count = NonZeroU32::new(requests)
            .ok_or_else(|| Error::Config("a rate limit allows at least one request".into()))?;
        let every = period
            .checked_div(requests)
            .filter(|d| !d.is_zero())
            .ok_or_else(|| {
                Error::Config(format!(
                    "a rate limit period of {period:?} is too short for {requests} requests"
                ))
            })?;
        let quota = Quota::with_period(every)
            .ok_or_else(|| Error::Config("a rate limit period must not be zero".into()))?
            .allow_burst(count);
        Ok(RateLimiter {
            limiter: Arc::new(governor::RateLimiter::direct(quota)),
            requests: count,
            period,
        })
    }

    /// Waits until the budget allows one more request, then spends it.
    pub(crate) async fn acquire(&self) {
        loop {
            match self.limiter.check() {
                Ok(()) => return,
                Err(not_until) => {
                    let wait = not_until.wait_time_from(DefaultClock::default().now());
                    tracing::debug!(wait_ms = wait.as_millis() as u64, "rate limit: waiting");
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }
}

impl fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RateLimiter")
            .field("requests", &self.requests)
            .field("period", &self.period)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_of_nothing_is_a_configuration_error() {
        assert!(matches!(
            RateLimiter::new(0, Duration::from_secs(1)),
            Err(Error::Config(_))
        ));
        assert!(matches!(
            RateLimiter::new(5, Duration::ZERO),
            Err(Error::Config(_))
        ));
    }

    #[test]
    fn a_burst_up_to_the_budget_is_allowed_and_then_the_budget_is_spent() {
        let limiter = RateLimiter::new(3, Duration::from_secs(60)).unwrap();
        for _ in 0..3 {
            assert!(limiter.limiter.check().is_ok());
        }
        assert!(limiter.limiter.check().is_err());
    }

    #[test]
    fn clones_share_one_budget() {
        let limiter = RateLimiter::new(2, Duration::from_secs(60)).unwrap();
        let other = limiter.clone();
        assert!(limiter.limiter.check().is_ok());
        assert!(other.limiter.check().is_ok());
        assert!(limiter.limiter.check().is_err());
        assert!(other.limiter.check().is_err());
    }

    #[tokio::test]
    async fn a_request_over_the_budget_waits_for_its_share_of_the_period() {
        let limiter = RateLimiter::new(2, Duration::from_millis(200)).unwrap();
        limiter.acquire().await;
        limiter.acquire().await;
        let started = std::time::Instant::now();
        limiter.acquire().await;
        // One request's share of the period is 100 ms (less clock granularity).
        assert!(
            started.elapsed() >= Duration::from_millis(80),
            "{:?}",
            started.elapsed()
        );
    }
}
