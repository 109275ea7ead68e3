//! `GET /api/v1/projects` and `POST /api/v1/projects` (admin): the surveyed
//! products.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use super::error::{Error, Result};
use super::extract::{Admin, JsonBody};
use super::{require_project, AppState};
use crate::domain::{Invalid, ProjectKey, TimingRules};
use crate::store::{Project, ProjectSettings};
use nps_protocol::{Moment, WidgetConfig};

/// Routes for the dashboard and scripts.
pub(super) fn admin_router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/projects", get(list).post(create))
        .route(
            "/api/v1/projects/{key}/config",
            axum::routing::put(put_config),
        )
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
struct ProjectView {
    key: String,
    name: String,
    /// Event names of the moments (the full rules are in `config`).
    moments: Vec<String>,
    /// The timing rules, as the widget receives them.
    config: WidgetConfig,
    /// The identity-verification secret (admins only see this route).
    identity_secret: Option<String>,
}

impl From<Project> for ProjectView {
    fn from(p: Project) -> Self {
        let config = p.settings.timing.widget_config(p.key.as_str());
        Self {
            key: p.key.as_str().to_owned(),
            name: p.name,
            moments: config.moments.iter().map(|m| m.event.clone()).collect(),
            config,
            identity_secret: p.settings.identity_secret,
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
struct ProjectList {
    projects: Vec<ProjectView>,
}

/// Every project.
#[utoipa::path(get, path = "/api/v1/projects", tag = "admin", security(("admin_token" = [])),
    responses(
        (status = 200, description = "The projects", body = ProjectList),
        (status = 401, description = "No or wrong admin token", body = nps_protocol::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = nps_protocol::Problem, content_type = "application/problem+json")))]
async fn list(_: Admin, State(state): State<AppState>) -> Result<Json<ProjectList>> {
    let projects = state.store.projects().await?;
    Ok(Json(ProjectList {
        projects: projects.into_iter().map(ProjectView::from).collect(),
    }))
}

/// A moment given by its event name alone, or with its conditions.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(untagged)]
enum MomentSpec {
    Event(String),
    Full(Moment),
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
struct NewProject {
    key: String,
    name: String,
    /// Moments: event names, or full moment objects.
    #[serde(default)]
    moments: Vec<MomentSpec>,
    /// The other timing rules (defaults where absent).
    #[serde(default)]
    config: Option<WidgetConfig>,
    /// Require `user_hash` with every `user_id`; a secret is generated.
    /// On unless turned off: without it anyone holding the public key can
    /// record events as any user, and no cross-device history is served.
    #[serde(default = "on")]
    verify_identity: bool,
}

/// Creates a project.
#[utoipa::path(post, path = "/api/v1/projects", tag = "admin", security(("admin_token" = [])),
    request_body = NewProject,
    responses(
        (status = 201, description = "Created", body = ProjectView),
        (status = 400, description = "Malformed JSON", body = nps_protocol::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or wrong admin token", body = nps_protocol::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The key exists", body = nps_protocol::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field broke a rule", body = nps_protocol::Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body over 64 KiB", body = nps_protocol::Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not application/json", body = nps_protocol::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = nps_protocol::Problem, content_type = "application/problem+json")))]
async fn create(
    _: Admin,
    State(state): State<AppState>,
    JsonBody(body): JsonBody<NewProject>,
) -> Result<(StatusCode, Json<ProjectView>)> {
    let name = body.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(Invalid::new("invalid_field", "name must be 1-200 characters").into());
    }
    let mut config = body.config.unwrap_or_default();
    config
        .moments
        .extend(body.moments.into_iter().map(|m| match m {
            MomentSpec::Event(event) => Moment {
                event,
                ..Moment::default()
            },
            MomentSpec::Full(moment) => moment,
        }));
    let project = Project {
        key: ProjectKey::try_from(body.key)?,
        name,
        settings: ProjectSettings {
            timing: TimingRules::try_from(config)?,
            identity_secret: body.verify_identity.then(new_secret),
        },
    };
    if !state.store.create_project(&project).await? {
        return Err(Error::Conflict(format!(
            "a project with the key {:?} exists",
            project.key.as_str()
        )));
    }
    Ok((StatusCode::CREATED, Json(project.into())))
}

fn on() -> bool {
    true
}

/// 256 random bits, hex.
fn new_secret() -> String {
    let (a, b) = (uuid::Uuid::new_v4(), uuid::Uuid::new_v4());
    format!("{}{}", a.simple(), b.simple())
}

/// Replaces a project's timing rules (moments, sampling, cooldowns, quiet
/// periods, exclusions). Widgets pick them up within a minute (the config
/// endpoint's cache) without a redeploy of the host app.
#[utoipa::path(put, path = "/api/v1/projects/{key}/config", tag = "admin", security(("admin_token" = [])),
    params(("key" = String, Path, description = "The project's key")),
    request_body = WidgetConfig,
    responses(
        (status = 200, description = "Stored; the config as the widget will read it", body = WidgetConfig),
        (status = 400, description = "Malformed JSON", body = nps_protocol::Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or wrong admin token", body = nps_protocol::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown project", body = nps_protocol::Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body over 64 KiB", body = nps_protocol::Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not application/json", body = nps_protocol::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A rule is invalid", body = nps_protocol::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = nps_protocol::Problem, content_type = "application/problem+json")))]
async fn put_config(
    _: Admin,
    State(state): State<AppState>,
    axum::extract::Path(key): axum::extract::Path<String>,
    JsonBody(body): JsonBody<WidgetConfig>,
) -> Result<Json<WidgetConfig>> {
    let key = ProjectKey::try_from(key)?;
    let timing = TimingRules::try_from(body)?;
    let mut settings = require_project(&state, &key).await?.settings;
    settings.timing = timing;
    if !state.store.update_settings(&key, &settings).await? {
        return Err(Error::UnknownKey(key.as_str().to_owned()));
    }
    Ok(Json(settings.timing.widget_config(key.as_str())))
}
