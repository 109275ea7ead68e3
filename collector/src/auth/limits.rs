//! How many sign-in attempts are allowed, and from where, so that guessing
//! is slow but no stranger can keep the real member out.
//!
//! - **Per address** (IPv6 by /64): 10 a minute, then 429. One machine
//!   cannot try many accounts.
//! - **Per e-mail and address**: 5 a minute, then 429. One machine cannot
//!   hammer one account.
//! - **Per e-mail**, from anywhere: past 10 a minute each attempt waits
//!   [`SLOW_DOWN`] before its password is checked, and is never refused. A
//!   refusal here is what let anyone lock an admin out with five wrong
//!   passwords; a delay costs the real member a second or two.
//!
//! Memory is bounded: keys are fixed-size (an e-mail is kept as 16 bytes of
//! its SHA-256, however long the one sent), idle keys are forgotten every
//! [`SWEEP_EVERY`], and a table still holding more than its cap of live
//! keys after a sweep is emptied. That fails open, on purpose: only a
//! crowd of more addresses than the cap within one minute can fill it, and
//! such a crowd gets as many attempts from its addresses anyway. Password
//! checks run one per core at most: each takes argon2's 19 MiB, and
//! tokio's blocking pool would otherwise run up to 512 at once. Measured
//! (debug build, 16 clients at once, three rounds of 600 attempts from
//! 600 addresses): 58 MB, then 85-86 MB and no further, and 45 MB once
//! the pool's idle threads had exited.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::available_parallelism;
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock, QuantaInstant};
use governor::{DefaultKeyedRateLimiter, NotUntil, Quota, RateLimiter};
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

use super::password;
use crate::transport::client_prefix;

/// Attempts per minute from one address.
pub const PER_ADDRESS: u32 = 10;
/// Attempts per minute at one e-mail from one address.
pub const PER_EMAIL_AND_ADDRESS: u32 = 5;
/// Attempts per minute at one e-mail from anywhere before each is slowed.
pub const PER_EMAIL: u32 = 10;
/// The wait of an attempt past [`PER_EMAIL`].
pub const SLOW_DOWN: Duration = Duration::from_secs(2);
/// How often idle keys are forgotten.
pub const SWEEP_EVERY: Duration = Duration::from_secs(30);
/// Live keys one table may hold (about 100 bytes each).
pub const MAX_KEYS: usize = 50_000;

/// An e-mail as a limiter key: fixed-size whatever was sent.
type EmailKey = [u8; 16];

/// What an attempt may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Check the password now.
    Go,
    /// Wait this long, then check the password.
    SlowDown(Duration),
    /// Answer 429: retry after this many seconds.
    Refuse(u64),
}

/// The sign-in limiters of one collector.
#[derive(Debug)]
pub struct SignInLimits {
    tables: Mutex<Tables>,
    cap: usize,
    verifying: Arc<Semaphore>,
}

#[derive(Debug)]
struct Tables {
    per_address: DefaultKeyedRateLimiter<IpAddr>,
    per_pair: DefaultKeyedRateLimiter<(EmailKey, Option<IpAddr>)>,
    per_email: DefaultKeyedRateLimiter<EmailKey>,
    swept: Instant,
}

fn per_minute(n: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN))
}

fn retry_after(not_until: &NotUntil<QuantaInstant>) -> u64 {
    not_until
        .wait_time_from(DefaultClock::default().now())
        .as_secs()
        + 1
}

impl SignInLimits {
    /// The limits above, [`MAX_KEYS`] per table.
    pub fn new() -> Arc<Self> {
        Self::with_cap(MAX_KEYS)
    }

    /// The limits above with another cap on live keys (tests).
    pub fn with_cap(cap: usize) -> Arc<Self> {
        Arc::new(Self {
            tables: Mutex::new(Tables {
                per_address: RateLimiter::keyed(per_minute(PER_ADDRESS)),
                per_pair: RateLimiter::keyed(per_minute(PER_EMAIL_AND_ADDRESS)),
                per_email: RateLimiter::keyed(per_minute(PER_EMAIL)),
                swept: Instant::now(),
            }),
            cap,
            verifying: Arc::new(Semaphore::new(
                available_parallelism().map_or(2, usize::from),
            )),
        })
    }

    /// Whether `password` matches `hash`, checked on the blocking pool once
    /// a slot is free (attempts past the slots queue: slower, never refused).
    pub async fn verify(&self, password: String, hash: String) -> bool {
        let Ok(slot) = self.verifying.clone().acquire_owned().await else {
            return false;
        };
        // The slot goes with the work: a client that hangs up does not free
        // it while argon2 still runs.
        tokio::task::spawn_blocking(move || {
            let _slot = slot;
            password::verify(&password, &hash)
        })
        .await
        .unwrap_or(false)
    }

    /// Counts an attempt from `client` (unknown when the router is driven
    /// without a socket) at `email` (as normalised, or as sent when it is
    /// not an address).
    pub fn check(&self, client: Option<IpAddr>, email: &str) -> Verdict {
        let email: EmailKey = Sha256::digest(email.as_bytes())[..16]
            .try_into()
            .unwrap_or_default();
        let client = client.map(client_prefix);
        // A poisoned lock only means a panic elsewhere mid-check; the
        // counters are still counters.
        let mut t = self.tables.lock().unwrap_or_else(PoisonError::into_inner);
        t.sweep(self.cap);
        if let Some(ip) = client {
            if let Err(n) = t.per_address.check_key(&ip) {
                return Verdict::Refuse(retry_after(&n));
            }
        }
        if let Err(n) = t.per_pair.check_key(&(email, client)) {
            return Verdict::Refuse(retry_after(&n));
        }
        match t.per_email.check_key(&email) {
            Ok(()) => Verdict::Go,
            Err(_) => Verdict::SlowDown(SLOW_DOWN),
        }
    }

    /// Keys held, all tables together.
    pub fn keys(&self) -> usize {
        let t = self.tables.lock().unwrap_or_else(PoisonError::into_inner);
        t.per_address.len() + t.per_pair.len() + t.per_email.len()
    }
}

impl Tables {
    fn sweep(&mut self, cap: usize) {
        let full = |n: usize| n >= cap;
        let crowded =
            full(self.per_address.len()) || full(self.per_pair.len()) || full(self.per_email.len());
        if !crowded && self.swept.elapsed() < SWEEP_EVERY {
            return;
        }
        self.swept = Instant::now();
        self.per_address.retain_recent();
        self.per_pair.retain_recent();
        self.per_email.retain_recent();
        if full(self.per_address.len()) {
            tracing::warn!("sign-in limits: more live addresses than the cap; forgetting them");
            self.per_address = RateLimiter::keyed(per_minute(PER_ADDRESS));
        }
        if full(self.per_pair.len()) {
            tracing::warn!(
                "sign-in limits: more live (e-mail, address) pairs than the cap; forgetting them"
            );
            self.per_pair = RateLimiter::keyed(per_minute(PER_EMAIL_AND_ADDRESS));
        }
        if full(self.per_email.len()) {
            tracing::warn!("sign-in limits: more live e-mails than the cap; forgetting them");
            self.per_email = RateLimiter::keyed(per_minute(PER_EMAIL));
        }
        // Hash maps keep their capacity after a removal; give it back.
        self.per_address.shrink_to_fit();
        self.per_pair.shrink_to_fit();
        self.per_email.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(n: u32) -> Option<IpAddr> {
        Some(IpAddr::V4(n.into()))
    }

    #[test]
    fn one_address_is_refused_after_its_budget_whatever_the_emails() {
        let limits = SignInLimits::new();
        for n in 0..PER_ADDRESS {
            let v = limits.check(ip(1), &format!("guess{n}@acme.example"));
            assert_eq!(v, Verdict::Go, "attempt {n}");
        }
        let v = limits.check(ip(1), "another@acme.example");
        assert!(matches!(v, Verdict::Refuse(s) if s >= 1), "{v:?}");
        assert_eq!(limits.check(ip(2), "another@acme.example"), Verdict::Go);
    }

    #[test]
    fn one_address_guessing_one_email_is_refused_but_others_are_not() {
        let limits = SignInLimits::new();
        for _ in 0..PER_EMAIL_AND_ADDRESS {
            assert_eq!(limits.check(ip(1), "maria@acme.example"), Verdict::Go);
        }
        assert!(matches!(
            limits.check(ip(1), "maria@acme.example"),
            Verdict::Refuse(_)
        ));
        assert_eq!(limits.check(ip(1), "joao@acme.example"), Verdict::Go);
        assert_eq!(limits.check(ip(2), "maria@acme.example"), Verdict::Go);
    }

    #[test]
    fn an_email_guessed_from_everywhere_is_slowed_never_refused() {
        let limits = SignInLimits::new();
        let verdicts: Vec<Verdict> = (0..500)
            .map(|n| limits.check(ip(n), "maria@acme.example"))
            .collect();
        assert!(verdicts[..PER_EMAIL as usize]
            .iter()
            .all(|v| *v == Verdict::Go));
        assert!(verdicts[PER_EMAIL as usize..]
            .iter()
            .all(|v| *v == Verdict::SlowDown(SLOW_DOWN)));
        assert_eq!(
            limits.check(ip(10_000), "maria@acme.example"),
            Verdict::SlowDown(SLOW_DOWN),
            "a fresh address waits, and is then let in"
        );
    }

    #[test]
    fn live_keys_stay_under_the_cap_however_many_emails_are_tried() {
        let cap = 100;
        let limits = SignInLimits::with_cap(cap);
        let long = "x".repeat(5_000);
        for n in 0..10_000 {
            limits.check(ip(n), &format!("{long}{n}@acme.example"));
        }
        assert!(limits.keys() <= 3 * cap, "{} keys", limits.keys());
    }
}
