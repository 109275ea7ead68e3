//! Query parameters several features read: the project a request names,
//! and the answer filters of [`Filter`](crate::domain::Filter) (`from`,
//! `to`, `moment`, `locale`, `tenure`, `trait.NAME`), which are open-ended
//! and so read as pairs; with the types that document them in OpenAPI.

use serde::Deserialize;

use crate::domain::{ProjectKey, Zone};
use crate::http::error::{Error, Result};
use crate::http::shared::project::require_project;
use crate::http::state::AppState;

/// Query pairs as given (filters are open-ended: `trait.NAME=VALUE`).
pub(in crate::http) type Pairs = Vec<(String, String)>;

/// The value of the `name` parameter, if given.
pub(in crate::http) fn param<'a>(pairs: &'a Pairs, name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The project the query names (it must exist) and its time zone, in
/// which plain dates and calendar periods are read.
pub(in crate::http) async fn project_of(
    state: &AppState,
    pairs: &Pairs,
) -> Result<(ProjectKey, Zone)> {
    let key = param(pairs, "project")
        .ok_or_else(|| Error::BadQuery("missing query parameter: project".into()))?;
    let key = ProjectKey::try_from(key.to_owned())?;
    let project = require_project(state, &key).await?;
    Ok((key, project.settings.zone()))
}

/// `project=KEY`: read as it is, or (with query pairs) only documented.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(in crate::http) struct ProjectQuery {
    /// The project's key.
    pub(in crate::http) project: String,
}

/// The filters every statistics endpoint takes. Also `trait.NAME=VALUE`,
/// repeatable (all must match).
#[derive(Debug, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub(in crate::http) struct FilterParams {
    /// Answers at or after this time: RFC 3339 with any offset, or a
    /// plain date (`2026-01-01`), midnight in the project's time zone.
    from: Option<String>,
    /// Answers before this time (same forms).
    to: Option<String>,
    /// Answers to this moment (`(other)`: moments not configured).
    moment: Option<String>,
    /// Answers in this language.
    locale: Option<String>,
    /// `new` (under 90 days since `signed_up_at`) or `established`.
    tenure: Option<String>,
}
