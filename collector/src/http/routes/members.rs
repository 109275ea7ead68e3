//! The team (admin): list members, add one with a first password, change a
//! role, remove someone, end their sessions. The last admin cannot be
//! removed or demoted, so the team never locks itself out. An e-mail in a
//! path is normalised as it was when stored (`auth::Email`), so
//! `Maria@ACME.example` names the member `maria@acme.example`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, patch};
use axum::{Json, Router};
use nps_protocol::admin::{Member, Members, NewMember, Revoked, RoleChange};

use crate::auth::{self, parse_role, stored_role, Email};
use crate::http::error::{Error, Result};
use crate::http::middleware::extract::{Admin, JsonBody, SignedIn};
use crate::http::state::AppState;
use crate::store::members::{self, StoredMember};

/// Routes for the Members page.
pub(in crate::http) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/members", get(list).post(add))
        .route("/api/v1/members/{email}", patch(change_role).delete(remove))
        .route("/api/v1/members/{email}/sessions", delete(revoke))
}

/// A stored member as the API shows it (an unknown stored role reads as
/// `member`, the one that can do less).
fn view(m: StoredMember) -> Member {
    Member {
        role: stored_role(&m.role),
        email: m.email,
        created_at: m.created_at,
    }
}

/// Every member (any signed-in member may see the team).
#[utoipa::path(get, path = "/api/v1/members", tag = "dashboard", responses((status = 200, description = "Members", body = Members)))]
async fn list(_: SignedIn, State(state): State<AppState>) -> Result<Json<Members>> {
    Ok(Json(Members {
        members: members::list(state.store.pool())
            .await?
            .into_iter()
            .map(view)
            .collect(),
    }))
}

/// Adds a member.
#[utoipa::path(post, path = "/api/v1/members", tag = "dashboard", request_body = NewMember,
    responses((status = 201, description = "Added"),
        (status = 403, description = "Not an admin"),
        (status = 409, description = "Already a member"),
        (status = 422, description = "Bad e-mail, role or password")))]
async fn add(
    _: Admin,
    State(state): State<AppState>,
    JsonBody(body): JsonBody<NewMember>,
) -> Result<StatusCode> {
    let role = parse_role(&body.role)?;
    if !auth::add_member(
        state.store.as_ref(),
        &body.email,
        role,
        &body.password,
        false,
    )
    .await?
    {
        return Err(Error::Conflict(format!(
            "{} is a member already",
            body.email.trim()
        )));
    }
    Ok(StatusCode::CREATED)
}

/// The answer to a role change or a removal.
fn changed(change: members::Change, email: &Email) -> Result<StatusCode> {
    match change {
        members::Change::Done => Ok(StatusCode::NO_CONTENT),
        members::Change::NoSuchMember => Err(Error::NotFound(format!("no member {email}"))),
        members::Change::LastAdmin => Err(Error::Conflict("the last admin stays an admin".into())),
    }
}

/// Changes a member's role (applies to their sessions at once).
#[utoipa::path(patch, path = "/api/v1/members/{email}", tag = "dashboard", request_body = RoleChange,
    params(("email" = String, Path, description = "The member's e-mail")),
    responses((status = 204, description = "Changed"),
        (status = 409, description = "The last admin")))]
async fn change_role(
    _: Admin,
    State(state): State<AppState>,
    Path(email): Path<String>,
    JsonBody(body): JsonBody<RoleChange>,
) -> Result<StatusCode> {
    let email = Email::try_from(email.as_str())?;
    let role = parse_role(&body.role)?;
    let change = members::set_role(state.store.pool(), email.as_str(), role.as_str()).await?;
    changed(change, &email)
}

/// Removes a member and ends their sessions.
#[utoipa::path(delete, path = "/api/v1/members/{email}", tag = "dashboard",
    params(("email" = String, Path, description = "The member's e-mail")),
    responses((status = 204, description = "Removed"),
        (status = 409, description = "The last admin")))]
async fn remove(
    _: Admin,
    State(state): State<AppState>,
    Path(email): Path<String>,
) -> Result<StatusCode> {
    let email = Email::try_from(email.as_str())?;
    let change = members::remove(state.store.pool(), email.as_str()).await?;
    changed(change, &email)
}

/// Ends every session of a member (a lost laptop).
#[utoipa::path(delete, path = "/api/v1/members/{email}/sessions", tag = "dashboard",
    params(("email" = String, Path, description = "The member's e-mail")),
    responses((status = 200, description = "Sessions ended", body = Revoked)))]
async fn revoke(
    _: Admin,
    State(state): State<AppState>,
    Path(email): Path<String>,
) -> Result<Json<Revoked>> {
    let email = Email::try_from(email.as_str())?;
    Ok(Json(Revoked {
        sessions: members::revoke(state.store.pool(), email.as_str()).await?,
    }))
}
