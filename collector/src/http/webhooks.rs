//! Webhook endpoints (admin): create (the secret is returned), list,
//! delete, send a test event, read the delivery log. Targets on private or
//! loopback addresses are refused unless `--webhook-allow-private`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use nps_protocol::admin::{
    Deliveries as DeliveryLog, Delivery, NewWebhook, TestQueued, Webhook as WebhookView,
    WebhookFilter, Webhooks as WebhookList,
};
use nps_protocol::{Category, Problem};
use serde::Deserialize;
use time::OffsetDateTime;

use super::error::{Error, Result};
use super::extract::{Admin, JsonBody, QueryParams};
use super::{require_project, AppState};
use crate::alerts::{enqueue_test, signing, ssrf, Alerts};
use crate::domain::{Invalid, ProjectKey};
use crate::store::to_millis;
use crate::store::webhooks::{self, Delivery as StoredDelivery, Webhook};

/// Routes for the dashboard and scripts.
pub(super) fn admin_router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/webhooks", post(create).get(list))
        .route("/api/v1/webhooks/{id}", axum::routing::delete(remove))
        .route("/api/v1/webhooks/{id}/test", post(test))
        .route("/api/v1/webhooks/{id}/deliveries", get(deliveries))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ProjectQuery {
    /// The project's key.
    project: String,
}

/// An endpoint as the API shows it.
fn view(w: Webhook) -> WebhookView {
    WebhookView {
        id: w.id,
        project: w.project,
        url: w.url,
        secret: w.secret,
        filter: w.filter,
        format: w.format,
        enabled: w.enabled,
        disabled_why: w.disabled_why,
        created_at: w.created_at,
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

/// Creates an endpoint; the answer holds its signing secret.
#[utoipa::path(post, path = "/api/v1/webhooks", tag = "admin", security(("admin_token" = [])),
    request_body = NewWebhook,
    responses(
        (status = 201, description = "Created, with its `whsec_` secret", body = WebhookView),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or wrong admin token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown project", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad URL (or a private address) or filter", body = Problem, content_type = "application/problem+json")))]
async fn create(
    _: Admin,
    State(state): State<AppState>,
    JsonBody(body): JsonBody<NewWebhook>,
) -> Result<(StatusCode, Json<WebhookView>)> {
    let key = ProjectKey::try_from(body.project)?;
    require_project(&state, &key).await?;
    let url = reqwest::Url::parse(&body.url)
        .map_err(|_| invalid("url must be an absolute http(s) URL"))?;
    if !matches!(url.scheme(), "http" | "https") || body.url.len() > 2_048 {
        return Err(invalid(
            "url must be an http(s) URL of at most 2048 characters",
        ));
    }
    ssrf::check_target(&url, state.webhook_allow_private)
        .await
        .map_err(invalid)?;
    let categories = body.categories.unwrap_or_else(|| vec![Category::Detractor]);
    if categories.is_empty() || body.moments.len() > 100 || body.tags.len() > 100 {
        return Err(invalid(
            "give 1-3 categories, and at most 100 moments and tags",
        ));
    }
    if body.score_min.or(body.score_max).is_some_and(|s| s > 10) {
        return Err(invalid("scores are 0-10"));
    }
    let webhook = Webhook {
        id: uuid::Uuid::new_v4().to_string(),
        project: key.as_str().to_owned(),
        url: url.to_string(),
        secret: signing::new_secret(),
        filter: WebhookFilter {
            categories,
            moments: body.moments,
            tags: body.tags,
            score_min: body.score_min,
            score_max: body.score_max,
            digest: body.digest,
        },
        format: body.format,
        enabled: true,
        disabled_why: None,
        // Alerts start with answers arriving from now on.
        created_at: to_millis(OffsetDateTime::now_utc()),
    };
    webhooks::create(state.store.pool(), &webhook).await?;
    Ok((StatusCode::CREATED, Json(view(webhook))))
}

/// A project's endpoints.
#[utoipa::path(get, path = "/api/v1/webhooks", tag = "admin", params(ProjectQuery), security(("admin_token" = [])),
    responses((status = 200, description = "Endpoints", body = WebhookList),
        (status = 401, description = "No or wrong admin token", body = Problem, content_type = "application/problem+json")))]
async fn list(
    _: Admin,
    State(state): State<AppState>,
    QueryParams(q): QueryParams<ProjectQuery>,
) -> Result<Json<WebhookList>> {
    let key = ProjectKey::try_from(q.project)?;
    require_project(&state, &key).await?;
    Ok(Json(WebhookList {
        webhooks: webhooks::list(state.store.pool(), Some(key.as_str()))
            .await?
            .into_iter()
            .map(view)
            .collect(),
    }))
}

async fn existing(state: &AppState, id: &str) -> Result<Webhook> {
    webhooks::get(state.store.pool(), id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("no webhook {id}")))
}

/// Deletes an endpoint and its pending deliveries.
#[utoipa::path(delete, path = "/api/v1/webhooks/{id}", tag = "admin", security(("admin_token" = [])),
    params(("id" = String, Path, description = "The endpoint's id")),
    responses((status = 204, description = "Deleted"),
        (status = 404, description = "No such endpoint", body = Problem, content_type = "application/problem+json")))]
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
    responses((status = 202, description = "Queued", body = TestQueued),
        (status = 404, description = "No such endpoint", body = Problem, content_type = "application/problem+json")))]
async fn test(
    _: Admin,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<(StatusCode, Json<TestQueued>)> {
    let webhook = existing(&state, &id).await?;
    let alerts = Alerts::new(
        state.store.clone(),
        state.public_url.clone(),
        state.webhook_allow_private,
    );
    let event_id = enqueue_test(&alerts, &webhook, OffsetDateTime::now_utc()).await?;
    Ok((StatusCode::ACCEPTED, Json(TestQueued { event_id })))
}

/// The endpoint's deliveries, newest first (at most 200).
#[utoipa::path(get, path = "/api/v1/webhooks/{id}/deliveries", tag = "admin", security(("admin_token" = [])),
    params(("id" = String, Path, description = "The endpoint's id")),
    responses((status = 200, description = "The log", body = DeliveryLog),
        (status = 404, description = "No such endpoint", body = Problem, content_type = "application/problem+json")))]
async fn deliveries(
    _: Admin,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<DeliveryLog>> {
    existing(&state, &id).await?;
    Ok(Json(DeliveryLog {
        deliveries: webhooks::log(state.store.pool(), &id, 200)
            .await?
            .into_iter()
            .map(delivery)
            .collect(),
    }))
}
