//! The retention task: every project with `retention_days` loses (or has
//! anonymised, if it chose so) its answers and events older than that, on
//! a timer, with a line in the privacy log and in the server log for each
//! run that removed something. Days are the project's: the cutoff is the
//! midnight, in its time zone, that many days before today, so a day's
//! answers leave together.

use std::sync::Arc;
use std::time::Duration;

use time::OffsetDateTime;

use crate::store::{Store, StoreResult};

/// How often the task runs.
pub const EVERY: Duration = Duration::from_secs(3_600);

/// One pass over every project, as of `now`; returns the rows removed.
pub async fn run_once(store: &dyn Store, now: OffsetDateTime) -> StoreResult<u64> {
    let mut total = 0;
    for project in store.projects().await? {
        let Some(days) = project.settings.retention_days else {
            continue;
        };
        let zone = project.settings.zone();
        let today = zone.date_of(now);
        let cutoff = today
            .checked_sub(time::Duration::days(i64::from(days)))
            .map_or(now - time::Duration::days(i64::from(days)), |day| {
                zone.midnight(day)
            });
        let mode = project.settings.retention_mode;
        let removed = store.apply_retention(&project.key, cutoff, mode).await?;
        if removed.total() > 0 {
            tracing::info!(
                project = project.key.as_str(),
                ?mode,
                responses = removed.responses,
                events = removed.events,
                moments = removed.moments,
                "retention applied"
            );
        }
        total += removed.total();
    }
    Ok(total)
}

/// Runs [`run_once`] now and every [`EVERY`], until the process ends.
pub fn spawn(store: Arc<dyn Store>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            if let Err(e) = run_once(store.as_ref(), OffsetDateTime::now_utc()).await {
                tracing::error!(error = %e, "retention run failed");
            }
        }
    });
}
