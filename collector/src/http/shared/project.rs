//! The project a request names, looked up through the cache: for the admin
//! routes ([`require_project`]), and for the widget's public routes, where
//! the key's rate limit and the project's allowed origins apply first
//! ([`public_project`]).

use std::sync::Arc;

use axum::http::{header, HeaderMap};

use crate::domain::{AllowedOrigin, ProjectKey};
use crate::http::error::{Error, Result};
use crate::http::state::rate_limits::Budget;
use crate::http::state::AppState;
use crate::store::Project;

/// The project with this key, or a 404 `unknown_key` (admin routes: not
/// charged to the key's rate limit).
pub(in crate::http) async fn require_project(
    state: &AppState,
    key: &ProjectKey,
) -> Result<Arc<Project>> {
    state
        .projects
        .get(key)
        .await?
        .ok_or_else(|| Error::UnknownKey(key.as_str().to_owned()))
}

/// [`require_project`] for the widget's public routes: the request is
/// counted against one of the key's budgets first, and must come from one
/// of the project's allowed origins when it lists some (a request without
/// `Origin` passes: see [`crate::domain::AllowedOrigin`]).
pub(in crate::http) async fn public_project(
    state: &AppState,
    key: &ProjectKey,
    budget: Budget,
    headers: &HeaderMap,
) -> Result<Arc<Project>> {
    state.limits.check_key(key, budget)?;
    let project = require_project(state, key).await?;
    let allowed = &project.settings.allowed_origins;
    if let Some(origin) = page_origin(state, headers) {
        let origin = origin.as_str();
        let ok = allowed.is_empty()
            || allowed
                .iter()
                .any(|a| AllowedOrigin::try_from(a.as_str()).is_ok_and(|a| a.allows(origin)));
        if !ok {
            return Err(Error::Forbidden(
                "origin_not_allowed",
                format!("this project's key is not used from {origin:?} (see its allowed origins)"),
            ));
        }
    }
    Ok(project)
}

/// The origin of the page that sent a browser's request: its `Origin`, or,
/// for a same-origin `GET` (which browsers send without one, e.g. a page
/// served by the collector itself), the collector's own origin as the
/// browser addressed it (`Sec-Fetch-Site: same-origin` and its `Host`).
/// `None` outside a browser: scripts and servers send neither.
fn page_origin(state: &AppState, headers: &HeaderMap) -> Option<String> {
    if let Some(origin) = headers.get(header::ORIGIN) {
        return Some(origin.to_str().unwrap_or_default().to_owned());
    }
    let same_origin = headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"same-origin"));
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let scheme = if state.public_url.to_ascii_lowercase().starts_with("https:") {
        "https"
    } else {
        "http"
    };
    same_origin.then(|| format!("{scheme}://{host}"))
}
