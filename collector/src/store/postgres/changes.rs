//! Project changes across instances: a change is announced with
//! `pg_notify` in the transaction that makes it, and every instance
//! listens, so each forgets its cached copy within milliseconds instead of
//! answering the old settings until its cache expires.

use std::time::Duration;

use sqlx::postgres::PgListener;
use sqlx::PgPool;
use tokio::sync::broadcast;

use crate::store::StoreResult;

/// The notification channel; the payload is the project's key.
pub(super) const CHANNEL: &str = "nps_project_changed";

/// Starts listening; the keys arrive on the returned sender's receivers.
/// An empty key means "forget every project": the connection was lost, and
/// notifications sent meanwhile are gone.
pub(super) async fn listen(pool: &PgPool) -> StoreResult<broadcast::Sender<String>> {
    let (sender, _) = broadcast::channel(1_024);
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    let keys = sender.clone();
    tokio::spawn(async move {
        loop {
            match listener.try_recv().await {
                Ok(Some(notification)) => {
                    tracing::debug!(key = notification.payload(), "project changed");
                    let _ = keys.send(notification.payload().to_owned());
                }
                // Lost, and reconnecting at the next call.
                Ok(None) => {
                    let _ = keys.send(String::new());
                }
                Err(e) => {
                    tracing::warn!(error = %e, "listening for project changes failed; retrying");
                    let _ = keys.send(String::new());
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    });
    Ok(sender)
}
