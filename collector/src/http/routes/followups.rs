//! The follow-up inbox (admin): detractors (and passives if the project
//! says so) awaiting contact, oldest first, with their due time (48 h
//! after the answer by default) and `overdue`; each answer's follow-up
//! (status, assignee, notes) changed by `PATCH`, every change kept.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use nps_protocol::admin::{FollowUp, FollowUpChange, HistoryEntry, Inbox};
use nps_protocol::Category;
use serde::Deserialize;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::domain::followup::{self, DEFAULT_HOURS, OPEN, STATUSES};
use crate::domain::{ClientId, Invalid, ProjectKey};
use crate::http::error::{Error, Result};
use crate::http::middleware::extract::{JsonBody, QueryParams, SignedIn};
use crate::http::shared::answers::answer;
use crate::http::shared::project::require_project;
use crate::http::shared::query::ProjectQuery;
use crate::http::state::AppState;
use crate::store::followups::{self, StoredFollowUp};
use crate::store::{to_millis, Project, StoredResponse};

/// Routes for the dashboard.
pub(in crate::http) fn admin_router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/followups", get(inbox))
        .route("/api/v1/followups/{id}", get(one).patch(change))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct InboxQuery {
    /// The project's key.
    project: String,
    /// `open` (new or contacted, the default), a status, or `all`.
    status: Option<String>,
    /// Only this assignee's.
    assignee: Option<String>,
}

fn view(
    project: &Project,
    response: StoredResponse,
    f: StoredFollowUp,
    now: OffsetDateTime,
) -> FollowUp {
    let hours = project.settings.followup_hours.unwrap_or(DEFAULT_HOURS);
    let due = followup::due(response.created_at, hours);
    FollowUp {
        category: Category::of(response.score).unwrap_or(Category::Detractor),
        overdue: followup::overdue(&f.status, due, now),
        due_at: due.format(&Rfc3339).unwrap_or_default(),
        status: f.status,
        assignee: f.assignee,
        response: answer(response, Vec::new()),
        history: None,
    }
}

/// Answers awaiting follow-up, oldest first.
#[utoipa::path(get, path = "/api/v1/followups", tag = "admin", params(InboxQuery), security(("admin_token" = [])),
    responses((status = 200, description = "The inbox", body = Inbox)))]
async fn inbox(
    _: SignedIn,
    State(state): State<AppState>,
    QueryParams(q): QueryParams<InboxQuery>,
) -> Result<Json<Inbox>> {
    let key = ProjectKey::try_from(q.project)?;
    let project = require_project(&state, &key).await?;
    let statuses: Vec<&str> = match q.status.as_deref().unwrap_or("open") {
        "open" => OPEN.to_vec(),
        "all" => STATUSES.to_vec(),
        other => vec![followup::status(other)?],
    };
    let max_score = if project.settings.followup_passives {
        8
    } else {
        6
    };
    let pool = state.store.pool();
    let items = followups::inbox(
        pool,
        key.as_str(),
        max_score,
        &statuses,
        q.assignee.as_deref(),
        None,
        500,
    )
    .await?;
    let now = OffsetDateTime::now_utc();
    Ok(Json(Inbox {
        items: items
            .into_iter()
            .map(|i| view(&project, i.response, i.followup, now))
            .collect(),
    }))
}

async fn load(state: &AppState, key: &ProjectKey, project: &Project, id: &str) -> Result<FollowUp> {
    let pool = state.store.pool();
    let response = followups::inbox(pool, key.as_str(), 10, &STATUSES, None, Some(id), 1)
        .await?
        .pop()
        .ok_or_else(|| Error::NotFound(format!("no response {id} in this project")))?;
    let mut v = view(
        project,
        response.response,
        response.followup,
        OffsetDateTime::now_utc(),
    );
    let history = followups::history(pool, key.as_str(), id).await?;
    v.history = Some(
        history
            .into_iter()
            .map(|h| HistoryEntry {
                actor: h.actor,
                kind: h.kind,
                value: h.value,
                created_at: h.created_at,
            })
            .collect(),
    );
    Ok(v)
}

/// One answer's follow-up with its history.
#[utoipa::path(get, path = "/api/v1/followups/{id}", tag = "admin", params(("id" = String, Path, description = "The response's id"), ProjectQuery), security(("admin_token" = [])),
    responses((status = 200, description = "The follow-up", body = FollowUp)))]
async fn one(
    _: SignedIn,
    State(state): State<AppState>,
    Path(id): Path<String>,
    QueryParams(q): QueryParams<ProjectQuery>,
) -> Result<Json<FollowUp>> {
    let key = ProjectKey::try_from(q.project)?;
    let project = require_project(&state, &key).await?;
    let id = ClientId::try_from(id.as_str())?.uuid().to_string();
    Ok(Json(load(&state, &key, &project, &id).await?))
}

/// Changes status, assignee, or adds a note; every change is kept.
#[utoipa::path(patch, path = "/api/v1/followups/{id}", tag = "admin", params(("id" = String, Path, description = "The response's id"), ProjectQuery),
    request_body = FollowUpChange, security(("admin_token" = [])),
    responses((status = 200, description = "The follow-up after the change", body = FollowUp),
        (status = 409, description = "Not a possible move (e.g. resolved to ignored)"),
        (status = 422, description = "Bad status or text")))]
async fn change(
    SignedIn(who): SignedIn,
    State(state): State<AppState>,
    Path(id): Path<String>,
    QueryParams(q): QueryParams<ProjectQuery>,
    JsonBody(body): JsonBody<FollowUpChange>,
) -> Result<Json<FollowUp>> {
    let key = ProjectKey::try_from(q.project)?;
    let project = require_project(&state, &key).await?;
    let id = ClientId::try_from(id.as_str())?.uuid().to_string();
    let current = load(&state, &key, &project, &id).await?;
    let mut next = StoredFollowUp {
        status: current.status.clone(),
        assignee: current.assignee.clone(),
    };
    let mut changes: Vec<(&'static str, Option<String>)> = Vec::new();
    if let Some(raw) = &body.status {
        let to = followup::status(raw)?;
        if !followup::may_move(&next.status, to) {
            return Err(Error::Conflict(format!(
                "a follow-up cannot go from {} to {to}",
                next.status
            )));
        }
        if next.status != to {
            next.status = to.to_owned();
            changes.push(("status", Some(to.to_owned())));
        }
    }
    if let Some(who) = &body.assignee {
        let who = text(who, 200, "assignee")?;
        if !crate::domain::is_one_line(&who) {
            return Err(Invalid::new("invalid_field", "assignee is one line of text").into());
        }
        let who = (!who.is_empty()).then_some(who);
        if who != next.assignee {
            next.assignee.clone_from(&who);
            changes.push(("assignee", who));
        }
    }
    if let Some(note) = &body.note {
        let note = text(note, 5_000, "note")?;
        if !note.is_empty() {
            changes.push(("note", Some(note)));
        }
    }
    if !changes.is_empty() {
        let now = to_millis(OffsetDateTime::now_utc());
        followups::record(
            state.store.pool(),
            key.as_str(),
            &id,
            &next,
            &changes,
            &who.actor,
            now,
        )
        .await?;
    }
    Ok(Json(load(&state, &key, &project, &id).await?))
}

fn text(raw: &str, max: usize, field: &str) -> Result<String> {
    let t = raw.trim();
    if t.chars().count() > max || crate::domain::has_control_chars(t) {
        return Err(Invalid::new(
            "invalid_field",
            format!("{field} must be at most {max} characters of text"),
        )
        .into());
    }
    Ok(t.to_owned())
}
