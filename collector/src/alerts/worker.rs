//! The loops a running collector keeps: dispatch every 2 s, sending every
//! second (and as soon as the dispatcher enqueued something), the digest
//! hourly. They run side by side, so neither a slow receiver nor a long
//! dispatch delays the others; attempts run in tasks the sender owns, so
//! stopping the loops (with the server) stops them too, and their leases
//! hand the deliveries to another instance, or to the next start.

use std::time::Duration;

use time::OffsetDateTime;
use tokio::task::JoinSet;
use tokio::time::MissedTickBehavior;

use super::send::{start_due, Clock};
use super::{digest_once, dispatch_once, Alerts};

/// Runs the loops until the returned future is dropped (with the server).
pub async fn spawn(a: Alerts) {
    tokio::join!(dispatching(&a), sending(&a), digesting(&a));
}

async fn dispatching(a: &Alerts) {
    let mut tick = tokio::time::interval(Duration::from_secs(2));
    tick.set_missed_tick_behavior(MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(e) = dispatch_once(a, OffsetDateTime::now_utc()).await {
            tracing::error!(error = %e, "alert dispatch failed");
        }
    }
}

async fn sending(a: &Alerts) {
    let mut tasks = JoinSet::new();
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            () = a.wake.notified() => {}
            // Ended attempts are reaped; their room is used at the next tick.
            Some(_) = tasks.join_next(), if !tasks.is_empty() => continue,
        }
        let now = OffsetDateTime::now_utc();
        if let Err(e) = start_due(a, now, Clock::starting(now), &mut tasks).await {
            tracing::error!(error = %e, "alert delivery failed");
        }
    }
}

async fn digesting(a: &Alerts) {
    let mut tick = tokio::time::interval(Duration::from_secs(3_600));
    tick.set_missed_tick_behavior(MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(e) = digest_once(a, OffsetDateTime::now_utc()).await {
            tracing::error!(error = %e, "digest failed");
        }
    }
}
