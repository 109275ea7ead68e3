//! `GET /api/v1/projects`, `POST /api/v1/projects` and
//! `PATCH /api/v1/projects/{key}` (admin): the surveyed products, their
//! identity verification, anonymity, retention and allowed origins.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};

use crate::auth::Role;
use crate::domain::{Invalid, ProjectKey, TimingRules};
use crate::http::error::{Error, Result};
use crate::http::middleware::extract::{Admin, JsonBody, SignedIn};
use crate::http::shared::project_changes::{changed_and_recorded, record};
use crate::http::shared::server_key::rotate;
use crate::http::state::AppState;
use crate::store::{Project, ProjectSettings};
// `admin::Project` is the API's view of a stored `Project`.
use nps_protocol::admin::{self, MomentSpec, NewProject, ProjectUpdate, Projects};
use nps_protocol::{Moment, WidgetConfig};

/// Routes for the dashboard and scripts.
pub(in crate::http) fn admin_router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/projects", get(list).post(create))
        .route(
            "/api/v1/projects/{key}/config",
            axum::routing::put(put_config),
        )
        .route("/api/v1/projects/{key}", axum::routing::patch(update))
}

/// A stored project as admins read it.
fn view(p: Project) -> admin::Project {
    let config = p.settings.timing.widget_config(p.key.as_str());
    let timezone = p.settings.zone().name().to_owned();
    admin::Project {
        key: p.key.as_str().to_owned(),
        name: p.name,
        moments: config.moments.iter().map(|m| m.event.clone()).collect(),
        anonymous: config.anonymous,
        config,
        identity_secret: p.settings.identity_secret,
        retention_days: p.settings.retention_days,
        retention_mode: p.settings.retention_mode,
        followup_hours: p
            .settings
            .followup_hours
            .unwrap_or(crate::domain::followup::DEFAULT_HOURS),
        followup_passives: p.settings.followup_passives,
        timezone,
        allowed_origins: p.settings.allowed_origins,
        server_key: None,
    }
}

/// Every project.
#[utoipa::path(get, path = "/api/v1/projects", tag = "admin", security(("admin_token" = [])),
    responses(
        (status = 200, description = "The projects", body = Projects)))]
async fn list(SignedIn(who): SignedIn, State(state): State<AppState>) -> Result<Json<Projects>> {
    let projects = state.store.projects().await?;
    let mut views: Vec<admin::Project> = projects.into_iter().map(view).collect();
    if who.role != Role::Admin {
        // Keys are an admin's business (the Integrations page).
        for view in &mut views {
            view.identity_secret = None;
        }
    }
    Ok(Json(Projects { projects: views }))
}

/// At most this many allowed origins per project.
const MAX_ORIGINS: usize = 50;

/// The origins as stored: validated, normalised, without duplicates.
fn origins(list: &[String]) -> Result<Vec<String>> {
    if list.len() > MAX_ORIGINS {
        return Err(Invalid::new(
            "invalid_origin",
            format!("at most {MAX_ORIGINS} allowed origins"),
        )
        .into());
    }
    let mut out = Vec::with_capacity(list.len());
    for raw in list {
        let origin = crate::domain::AllowedOrigin::try_from(raw.as_str())?;
        if !out.iter().any(|o: &String| o == origin.as_str()) {
            out.push(origin.as_str().to_owned());
        }
    }
    Ok(out)
}

fn followup_hours(hours: Option<u32>) -> Result<Option<u32>> {
    match hours {
        Some(h) if !(1..=720).contains(&h) => {
            Err(Invalid::new("invalid_field", "followup_hours must be 1-720").into())
        }
        other => Ok(other),
    }
}

fn retention(days: Option<u32>) -> Result<Option<u32>> {
    match days {
        Some(d) if !(1..=3650).contains(&d) => {
            Err(Invalid::new("invalid_field", "retention_days must be 1-3650, or null").into())
        }
        other => Ok(other),
    }
}

/// The zone's canonical name; UTC is stored as no zone.
fn timezone(name: Option<&str>) -> Result<Option<String>> {
    let Some(name) = name else { return Ok(None) };
    let zone = crate::domain::Zone::try_from(name)?;
    Ok((!zone.is_utc()).then(|| zone.name().to_owned()))
}

fn project_name(raw: &str) -> Result<String> {
    let name = raw.trim().to_owned();
    if name.is_empty() || name.chars().count() > 200 || !crate::domain::is_one_line(&name) {
        return Err(Invalid::new(
            "invalid_field",
            "name must be 1-200 characters, without control characters",
        )
        .into());
    }
    Ok(name)
}

/// Creates a project.
#[utoipa::path(post, path = "/api/v1/projects", tag = "admin", security(("admin_token" = [])),
    request_body = NewProject,
    responses(
        (status = 201, description = "Created; with its `server_key`, shown this once", body = admin::Project),
        (status = 409, description = "The key exists, in any case (`DEMO` when `demo` exists)")))]
async fn create(
    Admin(who): Admin,
    State(state): State<AppState>,
    JsonBody(body): JsonBody<NewProject>,
) -> Result<(StatusCode, Json<admin::Project>)> {
    let name = project_name(&body.name)?;
    let mut config = body.config.unwrap_or_default();
    config.anonymous |= body.anonymous;
    config
        .moments
        .extend(body.moments.into_iter().map(|m| match m {
            MomentSpec::Event(event) => Moment {
                event,
                ..Moment::default()
            },
            MomentSpec::Full(moment) => *moment,
        }));
    let project = Project {
        key: ProjectKey::try_from(body.key)?,
        name,
        settings: ProjectSettings {
            timing: TimingRules::try_from(config)?,
            identity_secret: body.verify_identity.then(new_secret),
            retention_days: retention(body.retention_days)?,
            retention_mode: body.retention_mode,
            followup_hours: followup_hours(body.followup_hours)?,
            followup_passives: body.followup_passives,
            allowed_origins: origins(&body.allowed_origins)?,
            timezone: timezone(body.timezone.as_deref())?,
        },
    };
    if !state.store.create_project(&project).await? {
        return Err(Error::Conflict(format!(
            "a project with the key {:?} exists (keys are compared ignoring case)",
            project.key.as_str()
        )));
    }
    state.projects.forget(&project.key);
    record(&state, &project, None, &who.actor, Some("project created")).await?;
    let server_key = rotate(&state, &project.key).await?;
    let mut created = view(project);
    created.server_key = Some(server_key);
    Ok((StatusCode::CREATED, Json(created)))
}

/// 256 random bits, hex.
fn new_secret() -> String {
    let (a, b) = (uuid::Uuid::new_v4(), uuid::Uuid::new_v4());
    format!("{}{}", a.simple(), b.simple())
}

/// Changes a project's name, anonymity or retention.
#[utoipa::path(patch, path = "/api/v1/projects/{key}", tag = "admin", security(("admin_token" = [])),
    params(("key" = String, Path, description = "The project's key")),
    request_body = ProjectUpdate,
    responses(
        (status = 200, description = "The project as it now is", body = admin::Project)))]
async fn update(
    Admin(who): Admin,
    State(state): State<AppState>,
    axum::extract::Path(key): axum::extract::Path<String>,
    JsonBody(body): JsonBody<ProjectUpdate>,
) -> Result<Json<admin::Project>> {
    let key = ProjectKey::try_from(key)?;
    // Every field validated first; the change then applies only the fields
    // the body names, to the project as stored (not as cached), so two
    // admins saving different settings at once both keep theirs.
    let name = body.name.as_deref().map(project_name).transpose()?;
    let retention_days = body.retention_days.map(retention).transpose()?;
    let hours = body
        .followup_hours
        .map(|h| followup_hours(Some(h)))
        .transpose()?;
    let allowed_origins = body.allowed_origins.as_deref().map(origins).transpose()?;
    let zone = body
        .timezone
        .as_deref()
        .map(|name| timezone(Some(name)))
        .transpose()?;
    let change = |project: &mut Project| {
        let settings = &mut project.settings;
        if let Some(name) = &name {
            project.name.clone_from(name);
        }
        if body.anonymous.is_some() || body.respect_dnt.is_some() {
            let mut config = settings.timing.as_config().clone();
            config.anonymous = body.anonymous.unwrap_or(config.anonymous);
            config.respect_dnt = body.respect_dnt.unwrap_or(config.respect_dnt);
            // Two flags of rules already valid keep them valid.
            if let Ok(timing) = TimingRules::try_from(config) {
                settings.timing = timing;
            }
        }
        if let Some(days) = retention_days {
            settings.retention_days = days;
        }
        if let Some(mode) = body.retention_mode {
            settings.retention_mode = mode;
        }
        if let Some(hours) = hours {
            settings.followup_hours = hours;
        }
        if let Some(passives) = body.followup_passives {
            settings.followup_passives = passives;
        }
        if let Some(list) = &allowed_origins {
            settings.allowed_origins.clone_from(list);
        }
        if let Some(zone) = &zone {
            settings.timezone.clone_from(zone);
        }
    };
    let after = changed_and_recorded(&state, &key, &change, &who.actor).await?;
    Ok(Json(view(after)))
}

/// Replaces a project's timing rules (moments, sampling, cooldowns, quiet
/// periods, exclusions). Widgets pick them up at their next page view (the
/// config is revalidated each time) without a redeploy of the host app.
#[utoipa::path(put, path = "/api/v1/projects/{key}/config", tag = "admin", security(("admin_token" = [])),
    params(("key" = String, Path, description = "The project's key")),
    request_body = WidgetConfig,
    responses(
        (status = 200, description = "Stored; the config as the widget will read it", body = WidgetConfig),
        (status = 422, description = "A rule is invalid")))]
async fn put_config(
    Admin(who): Admin,
    State(state): State<AppState>,
    axum::extract::Path(key): axum::extract::Path<String>,
    JsonBody(body): JsonBody<WidgetConfig>,
) -> Result<Json<WidgetConfig>> {
    let key = ProjectKey::try_from(key)?;
    let timing = TimingRules::try_from(body)?;
    let change = |project: &mut Project| project.settings.timing = timing.clone();
    let after = changed_and_recorded(&state, &key, &change, &who.actor).await?;
    Ok(Json(after.settings.timing.widget_config(key.as_str())))
}
