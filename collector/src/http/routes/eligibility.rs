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
//! It also carries the person's notices not yet seen ("you asked, we
//! delivered"), in the language the widget asks for (`locale`, English
//! otherwise): the widget learns from this one read that one waits.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use nps_protocol::{Notice, UserHistory};
use serde::Deserialize;

use crate::domain::{text_for, Locale, ProjectKey, UserId};
use crate::http::error::Result;
use crate::http::middleware::extract::QueryParams;
use crate::http::shared::identity::require_proof;
use crate::http::shared::project::public_project;
use crate::http::state::rate_limits::Budget;
use crate::http::state::AppState;
use crate::store::notices;

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

/// The user's last shown / answered / declined / snoozed times, and the
/// notices waiting for them.
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
