//! `GET /api/v1/projects` and `POST /api/v1/projects` (admin): the surveyed
//! products.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use super::error::{Error, Result};
use super::extract::{Admin, JsonBody};
use super::AppState;
use crate::domain::{EventName, Invalid, ProjectKey};
use crate::store::{Project, ProjectSettings};

/// Routes for the dashboard and scripts.
pub(super) fn admin_router() -> Router<AppState> {
    Router::new().route("/api/v1/projects", get(list).post(create))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
struct ProjectView {
    key: String,
    name: String,
    moments: Vec<String>,
    days_after_prompt: u32,
    /// The identity-verification secret (admins only see this route).
    identity_secret: Option<String>,
}

impl From<Project> for ProjectView {
    fn from(p: Project) -> Self {
        Self {
            key: p.key.as_str().to_owned(),
            name: p.name,
            moments: p.settings.moments,
            days_after_prompt: p.settings.days_after_prompt,
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

#[derive(Debug, Deserialize, utoipa::ToSchema)]
struct NewProject {
    key: String,
    name: String,
    #[serde(default)]
    moments: Vec<String>,
    days_after_prompt: Option<u32>,
    /// Require `user_hash` with every `user_id`; a secret is generated.
    #[serde(default)]
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
    let moments = body
        .moments
        .into_iter()
        .map(|m| EventName::try_from(m).map(|e| e.as_str().to_owned()))
        .collect::<Result<Vec<_>, _>>()?;
    let project = Project {
        key: ProjectKey::try_from(body.key)?,
        name,
        settings: ProjectSettings {
            moments,
            days_after_prompt: body.days_after_prompt.unwrap_or(30).min(3650),
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

/// 256 random bits, hex.
fn new_secret() -> String {
    let (a, b) = (uuid::Uuid::new_v4(), uuid::Uuid::new_v4());
    format!("{}{}", a.simple(), b.simple())
}
