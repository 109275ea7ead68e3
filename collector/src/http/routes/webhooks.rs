//! Webhook endpoints (admin): create (the secret is returned then, and
//! only then), list (with a hint of the secret), delete, send a test
//! event, read the delivery log. Targets on private or special addresses
//! are refused unless `--webhook-allow-private`; so are URLs carrying
//! credentials and filters that cannot match.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use nps_protocol::admin::{Deliveries, Delivery, NewWebhook, TestQueued, Webhook, Webhooks};
use time::OffsetDateTime;

use crate::alerts::endpoint::ValidEndpoint;
use crate::alerts::{check_target, enqueue_test, signing};
use crate::domain::{Invalid, ProjectKey};
use crate::http::error::{Error, Result};
use crate::http::middleware::extract::{Admin, JsonBody, QueryParams};
use crate::http::shared::project::require_project;
use crate::http::shared::query::ProjectQuery;
use crate::http::state::AppState;
use crate::store::to_millis;
use crate::store::webhooks::{self, StoredDelivery, StoredWebhook};

/// Routes for the dashboard and scripts.
pub(in crate::http) fn admin_router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/webhooks", post(create).get(list))
        .route("/api/v1/webhooks/{id}", axum::routing::delete(remove))
        .route("/api/v1/webhooks/{id}/test", post(test))
        .route("/api/v1/webhooks/{id}/deliveries", get(deliveries))
}

/// An endpoint as the API lists it: no secret (it was shown once, at
/// creation), only its last characters to tell it apart, and no
/// credentials in the URL (endpoints made before they were refused).
fn view(w: StoredWebhook) -> Webhook {
    let tail = w.secret.len().saturating_sub(4);
    Webhook {
        secret: None,
        secret_hint: format!("whsec_…{}", w.secret.get(tail..).unwrap_or_default()),
        url: without_credentials(&w.url),
        id: w.id,
        project: w.project,
        filter: w.filter,
        format: w.format,
        enabled: w.enabled,
        disabled_why: w.disabled_why,
        created_at: w.created_at,
    }
}

fn without_credentials(raw: &str) -> String {
    match reqwest::Url::parse(raw) {
        Ok(mut url) if !url.username().is_empty() || url.password().is_some() => {
            let _ = url.set_username("");
            let _ = url.set_password(None);
            url.to_string()
        }
        _ => raw.to_owned(),
    }
}

/// A delivery as the log shows it.
fn delivery(d: StoredDelivery) -> Delivery {
    Delivery {
        id: d.id,
        event_id: d.event_id,
        event_type: d.event_type,
        status: d.status,
        attempts: d.attempts,
        next_at: d.next_at,
        last_status: d.last_status,
        last_error: d.last_error,
        created_at: d.created_at,
        delivered_at: d.delivered_at,
    }
}

fn invalid(message: impl Into<String>) -> Error {
    Invalid::new("invalid_webhook", message).into()
}

/// Creates an endpoint; the answer holds its signing secret, which is
/// never shown again.
#[utoipa::path(post, path = "/api/v1/webhooks", tag = "admin", security(("admin_token" = [])),
    request_body = NewWebhook,
    responses(
        (status = 201, description = "Created, with its `whsec_` secret (shown this once)", body = Webhook),
        (status = 422, description = "Bad URL (a private address, credentials) or filter (a score range that matches nothing, control characters)")))]
async fn create(
    _: Admin,
    State(state): State<AppState>,
    JsonBody(body): JsonBody<NewWebhook>,
) -> Result<(StatusCode, Json<Webhook>)> {
    let key = ProjectKey::try_from(body.project.clone())?;
    require_project(&state, &key).await?;
    let endpoint = ValidEndpoint::try_from(body)?;
    check_target(&endpoint.url, state.webhook_allow_private)
        .await
        .map_err(invalid)?;
    let webhook = StoredWebhook {
        id: uuid::Uuid::new_v4().to_string(),
        project: key.as_str().to_owned(),
        url: endpoint.url.to_string(),
        secret: signing::new_secret(),
        filter: endpoint.filter,
        format: endpoint.format,
        enabled: true,
        disabled_why: None,
        // Alerts start with answers arriving from now on.
        created_at: to_millis(OffsetDateTime::now_utc()),
    };
    webhooks::create(state.store.pool(), &webhook).await?;
    let secret = webhook.secret.clone();
    Ok((
        StatusCode::CREATED,
        Json(Webhook {
            secret: Some(secret),
            ..view(webhook)
        }),
    ))
}

/// A project's endpoints.
#[utoipa::path(get, path = "/api/v1/webhooks", tag = "admin", params(ProjectQuery), security(("admin_token" = [])),
    responses((status = 200, description = "Endpoints, without their secrets", body = Webhooks)))]
async fn list(
    _: Admin,
    State(state): State<AppState>,
    QueryParams(q): QueryParams<ProjectQuery>,
) -> Result<Json<Webhooks>> {
    let key = ProjectKey::try_from(q.project)?;
    require_project(&state, &key).await?;
    Ok(Json(Webhooks {
        webhooks: webhooks::list(state.store.pool(), Some(key.as_str()))
            .await?
            .into_iter()
            .map(view)
            .collect(),
    }))
}

async fn existing(state: &AppState, id: &str) -> Result<StoredWebhook> {
    webhooks::get(state.store.pool(), id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("no webhook {id}")))
}

/// Deletes an endpoint and its pending deliveries.
#[utoipa::path(delete, path = "/api/v1/webhooks/{id}", tag = "admin", security(("admin_token" = [])),
    params(("id" = String, Path, description = "The endpoint's id")),
    responses((status = 204, description = "Deleted")))]
async fn remove(
    _: Admin,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<StatusCode> {
    existing(&state, &id).await?;
    webhooks::delete(state.store.pool(), &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Queues a test event, delivered like any alert (signed, retried).
#[utoipa::path(post, path = "/api/v1/webhooks/{id}/test", tag = "admin", security(("admin_token" = [])),
    params(("id" = String, Path, description = "The endpoint's id")),
    responses((status = 202, description = "Queued", body = TestQueued)))]
async fn test(
    _: Admin,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<(StatusCode, Json<TestQueued>)> {
    let webhook = existing(&state, &id).await?;
    let event_id = enqueue_test(state.store.pool(), &webhook, OffsetDateTime::now_utc()).await?;
    Ok((StatusCode::ACCEPTED, Json(TestQueued { event_id })))
}

/// The endpoint's deliveries, newest first (at most 200).
#[utoipa::path(get, path = "/api/v1/webhooks/{id}/deliveries", tag = "admin", security(("admin_token" = [])),
    params(("id" = String, Path, description = "The endpoint's id")),
    responses((status = 200, description = "The log", body = Deliveries)))]
async fn deliveries(
    _: Admin,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Deliveries>> {
    existing(&state, &id).await?;
    Ok(Json(Deliveries {
        deliveries: webhooks::log(state.store.pool(), &id, 200)
            .await?
            .into_iter()
            .map(delivery)
            .collect(),
    }))
}
