//! `GET /api/v1/eligibility?key&user_id&user_hash` (public): an identified
//! user's prompt history from every device, which the widget merges with
//! its own `localStorage` so cooldowns hold across devices.
//!
//! Served only to a request that proves the user (a valid `user_hash`):
//! the public key is in every page, and user ids are often e-mail
//! addresses, so without the proof anyone could learn whether a person
//! uses the product and when she answered. A project that does not verify
//! identities therefore gets no cross-device history: its widget keeps the
//! cooldowns of each browser.
//!
//! It also hands the widget the user's pending moments: those her app's
//! server sent (`POST /api/v1/moments`) that no prompt was shown for since
//! and that have not expired (`pending_moment_days`). A moment that starts
//! a quiet period is listed exactly while the quiet period lasts, so every
//! device of hers keeps quiet that long.
//!
//! It also carries the person's notices not yet seen ("you asked, we
//! delivered"), in the language the widget asks for (`locale`, English
//! otherwise): the widget learns from this one read that one waits.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use nps_protocol::{Notice, PendingMoment, UserHistory, WidgetConfig};
use serde::Deserialize;
use time::OffsetDateTime;

use crate::domain::{text_for, Locale, ProjectKey, UserId};
use crate::http::error::Result;
use crate::http::middleware::extract::QueryParams;
use crate::http::shared::identity::require_proof;
use crate::http::shared::project::public_project;
use crate::http::state::rate_limits::Budget;
use crate::http::state::AppState;
use crate::store::moments::{self, PendingRow};
use crate::store::notices;
use crate::store::to_millis;

/// Routes the widget calls.
pub(in crate::http) fn public_router() -> Router<AppState> {
    Router::new().route("/api/v1/eligibility", get(history))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct HistoryQuery {
    /// The project's public key.
    key: String,
    /// The host app's user id.
    user_id: String,
    /// HMAC proof of `user_id` (required; the project must verify
    /// identities).
    user_hash: Option<String>,
    /// The language of the notices' texts (`fr`, `fr-CA`…; English when
    /// the announcement has none in it).
    locale: Option<String>,
}

/// The user's last shown / answered / declined / snoozed times, her
/// pending moments and the notices waiting for her.
#[utoipa::path(get, path = "/api/v1/eligibility", tag = "widget", params(HistoryQuery),
    responses(
        (status = 200, description = "The user's history (never cached)", body = UserHistory),
        (status = 403, description = "user_id not proven (or the project does not verify identities), or an Origin the project does not allow"),
        (status = 422, description = "Bad user id")))]
async fn history(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    QueryParams(query): QueryParams<HistoryQuery>,
) -> Result<impl IntoResponse> {
    let key = ProjectKey::try_from(query.key)?;
    let user = UserId::try_from(query.user_id)?;
    let project = public_project(&state, &key, Budget::Reads, &headers).await?;
    require_proof(&project, &user, query.user_hash.as_deref())?;
    let locale = query.locale.map(Locale::try_from).transpose()?;
    let mut history = state.store.user_history(&key, &user).await?;
    let config = project.settings.timing.as_config();
    let now = to_millis(OffsetDateTime::now_utc());
    let since = now - config.pending_moment_days.max(longest_quiet_days(config)) as i64 * DAY_MS;
    let rows = moments::pending(state.store.pool(), key.as_str(), user.as_str(), since).await?;
    history.pending = still_pending(config, rows, now);
    history.notices = notices::of_user(state.store.pool(), key.as_str(), user.as_str(), true)
        .await?
        .into_iter()
        .filter_map(|n| {
            let said: nps_protocol::admin::Announcement =
                serde_json::from_str(n.announcement.as_deref()?).ok()?;
            Some(Notice {
                id: n.id,
                tag: n.tag,
                text: text_for(&said, locale.as_ref().map(Locale::as_str)),
                link: said.link,
            })
        })
        .collect();
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(history)))
}

const DAY_MS: i64 = 86_400_000;

/// The longest quiet period, in whole days rounded up.
fn longest_quiet_days(config: &WidgetConfig) -> u32 {
    let hours = config
        .quiet_after
        .iter()
        .map(|q| q.hours)
        .max()
        .unwrap_or(0);
    hours.div_ceil(24)
}

/// The rows that still count at `now`: a quiet-period moment while its
/// quiet period runs (the widget keeps quiet while it is listed, so it
/// needs no time of its own), any other within its project's
/// `pending_moment_days`.
fn still_pending(config: &WidgetConfig, rows: Vec<PendingRow>, now: i64) -> Vec<PendingMoment> {
    let fresh = now - config.pending_moment_days as i64 * DAY_MS;
    rows.into_iter()
        .filter(
            |row| match config.quiet_after.iter().find(|q| q.event == row.moment) {
                Some(q) => row.at + q.hours as i64 * 3_600_000 > now,
                None => row.at >= fresh,
            },
        )
        .map(|row| PendingMoment {
            moment: row.moment,
            at: row.at as f64,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use nps_protocol::QuietPeriod;

    use super::*;

    const NOW: i64 = 1_780_000_000_000;

    fn row(moment: &str, days_ago: i64) -> PendingRow {
        PendingRow {
            moment: moment.into(),
            at: NOW - days_ago * DAY_MS,
        }
    }

    #[test]
    fn a_moment_expires_after_the_projects_days_a_quiet_one_with_its_quiet_period() {
        let config = WidgetConfig {
            pending_moment_days: 3,
            quiet_after: vec![QuietPeriod {
                event: "support_contacted".into(),
                hours: 24 * 10,
            }],
            ..WidgetConfig::default()
        };
        let rows = vec![
            row("ticket_solved", 2),
            row("invoice_paid", 4),
            row("support_contacted", 9),
            row("support_contacted", 11),
        ];
        let short = WidgetConfig {
            pending_moment_days: 30,
            quiet_after: vec![QuietPeriod {
                event: "support_contacted".into(),
                hours: 24,
            }],
            ..WidgetConfig::default()
        };
        assert!(
            still_pending(&short, vec![row("support_contacted", 2)], NOW).is_empty(),
            "a quiet period over is not listed, however fresh the moment"
        );
        let kept: Vec<(String, f64)> = still_pending(&config, rows, NOW)
            .into_iter()
            .map(|p| (p.moment, p.at))
            .collect();
        assert_eq!(
            kept,
            vec![
                ("ticket_solved".to_owned(), (NOW - 2 * DAY_MS) as f64),
                ("support_contacted".to_owned(), (NOW - 9 * DAY_MS) as f64),
            ]
        );
        assert_eq!(longest_quiet_days(&config), 10);
    }
}
