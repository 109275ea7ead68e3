//! Sending: due deliveries go out concurrently, each in its own task,
//! within [`Limits`](super::Limits) per endpoint and in all, so a slow
//! receiver holds up only its own deliveries. An attempt first leases its
//! delivery in the database (exactly one instance wins), signs it with the
//! time it is sent (Standard Webhooks' `webhook-timestamp`), and counts
//! the next attempt's delay from the moment this one ended.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use time::OffsetDateTime;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinSet;

use super::attempt::post;
use super::schedule::{next, Next};
use super::{Alerts, Limits};
use crate::store::webhooks::{self, Attempt, Due};
use crate::store::{to_millis, StoreResult};

/// A clock that starts at a given time and runs with the real one: the
/// loop starts it now, tests at the moment they simulate.
#[derive(Debug, Clone, Copy)]
pub(super) struct Clock {
    at: OffsetDateTime,
    start: Instant,
}

impl Clock {
    /// Starts at `at`.
    pub(super) fn starting(at: OffsetDateTime) -> Self {
        Self {
            at,
            start: Instant::now(),
        }
    }

    fn now(&self) -> OffsetDateTime {
        self.at + self.start.elapsed()
    }
}

/// This instance's attempts under way: a semaphore per endpoint, one for
/// all, and the deliveries being worked on (so a pass never starts a
/// second task for one).
pub(super) struct Sending {
    limits: Limits,
    endpoints: Mutex<HashMap<String, Arc<Semaphore>>>,
    all: Arc<Semaphore>,
    busy: Mutex<HashSet<i64>>,
}

/// Room for one attempt; given back when the attempt's task ends.
struct Slot {
    _endpoint: OwnedSemaphorePermit,
    _all: OwnedSemaphorePermit,
    id: i64,
    sending: Arc<Sending>,
}

impl Drop for Slot {
    fn drop(&mut self) {
        lock(&self.sending.busy).remove(&self.id);
    }
}

/// A poisoned lock only means a panic elsewhere; the sets stay usable.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Sending {
    pub(super) fn new(limits: Limits) -> Self {
        Self {
            limits,
            endpoints: Mutex::new(HashMap::new()),
            all: Arc::new(Semaphore::new(limits.in_flight.max(1))),
            busy: Mutex::new(HashSet::new()),
        }
    }

    /// Room for `d` now, if its endpoint and the instance have some.
    fn slot(self: &Arc<Self>, d: &Due) -> Option<Slot> {
        let endpoint = lock(&self.endpoints)
            .entry(d.webhook_id.clone())
            .or_insert_with(|| Arc::new(Semaphore::new(self.limits.per_endpoint.max(1))))
            .clone();
        let endpoint = endpoint.try_acquire_owned().ok()?;
        let all = self.all.clone().try_acquire_owned().ok()?;
        lock(&self.busy).insert(d.id).then(|| Slot {
            _endpoint: endpoint,
            _all: all,
            id: d.id,
            sending: self.clone(),
        })
    }
}

/// Starts an attempt, in `tasks`, for each delivery due at `due_at` that
/// this instance has room for; returns how many it started. Each task
/// yields whether its delivery was delivered (errors are logged too).
pub(super) async fn start_due(
    a: &Alerts,
    due_at: OffsetDateTime,
    clock: Clock,
    tasks: &mut JoinSet<StoreResult<bool>>,
) -> StoreResult<usize> {
    if a.sending.all.available_permits() == 0 {
        return Ok(0);
    }
    let per_endpoint = i64::try_from(a.limits.per_endpoint).unwrap_or(i64::MAX);
    let limit = i64::try_from(a.limits.in_flight).unwrap_or(i64::MAX);
    let due = webhooks::due(a.store.pool(), to_millis(due_at), per_endpoint, limit).await?;
    let mut started = 0;
    for d in due {
        let Some(slot) = a.sending.slot(&d) else {
            continue;
        };
        let a = a.clone();
        tasks.spawn(async move {
            let _slot = slot;
            let id = d.id;
            let done = deliver(&a, d, clock).await;
            if let Err(e) = &done {
                tracing::error!(delivery = id, error = %e, "webhook attempt not recorded");
            }
            done
        });
        started += 1;
    }
    Ok(started)
}

/// One send pass as of `now` (what the tests drive): every delivery due
/// then gets one attempt, concurrently within the limits; returns how
/// many were delivered once all attempts ended, or the first error.
pub async fn send_once(a: &Alerts, now: OffsetDateTime) -> StoreResult<usize> {
    let clock = Clock::starting(now);
    let mut delivered = 0;
    // Rounds, while an endpoint has more due than its cap: an attempted
    // delivery is due after `now` (leased, retried later or done), so it
    // is not picked again; an error ends the pass rather than retry it.
    loop {
        let mut tasks = JoinSet::new();
        let started = start_due(a, now, clock, &mut tasks).await?;
        while let Some(done) = tasks.join_next().await {
            if let Ok(result) = done {
                delivered += usize::from(result?);
            }
        }
        if started == 0 {
            return Ok(delivered);
        }
    }
}

/// Leases `d`, posts it, records the outcome; whether it was delivered.
#[tracing::instrument(skip_all, fields(delivery = d.id, webhook = %d.webhook_id))]
async fn deliver(a: &Alerts, d: Due, clock: Clock) -> StoreResult<bool> {
    let pool = a.store.pool();
    let claimed_at = to_millis(clock.now());
    let lease_ms = i64::try_from(a.limits.lease().as_millis()).unwrap_or(i64::MAX / 4);
    let Some(attempt) = webhooks::claim(pool, d.id, claimed_at, claimed_at + lease_ms).await?
    else {
        return Ok(false); // another instance has it, or it is gone
    };
    let (status, retry_after, error) = post(a, &d).await;
    // Backoff counts from the end of this attempt, not from when the pass
    // began: a timed-out attempt must not schedule the next in the past.
    let ended = to_millis(clock.now());
    let jitter = f64::from(uuid::Uuid::new_v4().as_bytes()[0]) / 256.0;
    let outcome = next(
        u32::try_from(attempt).unwrap_or(u32::MAX),
        status,
        retry_after,
        jitter,
    );
    let record = |state: &'static str, next_at: i64| Attempt {
        status: state,
        next_at,
        last_status: status.map(i64::from),
        last_error: error.clone(),
    };
    let record = match outcome {
        Next::Delivered => record("delivered", ended),
        Next::RetryIn(secs) => record(
            "pending",
            ended.saturating_add(i64::try_from(secs).unwrap_or(i64::MAX / 2_000) * 1_000),
        ),
        Next::GiveUp => record("failed", ended),
        Next::Disable => {
            webhooks::disable(pool, &d.webhook_id, "the receiver answered 410 Gone").await?;
            record("failed", ended)
        }
    };
    if !webhooks::finish(pool, d.id, attempt, &record, ended).await? {
        tracing::warn!("the attempt outlived its lease; its outcome was not recorded");
    }
    Ok(outcome == Next::Delivered)
}
