//! Tags (admin): add and remove by hand, automatic rules (keywords or a
//! regular expression) applied when a comment arrives and re-applied to
//! history on demand, and the count and NPS per tag.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use nps_protocol::admin::{
    Applied, NewTag, NewTagRule, Segment, TagList, TagRule, TagRules, TagStats,
};
use time::OffsetDateTime;

use crate::domain::{tag, ClientId, CompiledRule, Filter, ProjectKey};
use crate::http::error::{Error, Result};
use crate::http::middleware::extract::{Admin, JsonBody, QueryParams, SignedIn};
use crate::http::shared::project::require_project;
use crate::http::shared::query::{project_of, Pairs, ProjectQuery};
use crate::http::shared::scores::segment;
use crate::http::shared::tag_rules::{apply_to_history, check_room_for_a_rule};
use crate::http::state::AppState;
use crate::stats::Distribution;
use crate::store::tags::{self, StoredTagRule};
use crate::store::to_millis;

/// Routes for the dashboard and scripts.
pub(in crate::http) fn admin_router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/responses/{id}/tags", post(add))
        .route("/api/v1/responses/{id}/tags/{tag}", delete(remove))
        .route("/api/v1/tag-rules", get(rules).post(create_rule))
        .route("/api/v1/tag-rules/{id}", delete(delete_rule))
        .route("/api/v1/tag-rules/apply", post(apply_all))
        .route("/api/v1/stats/tags", get(per_tag))
}

/// A stored rule as the API shows it.
fn rule_view(r: StoredTagRule) -> TagRule {
    TagRule {
        id: r.id,
        tag: r.tag,
        keywords: r.keywords,
        regex: r.regex,
    }
}

async fn project(state: &AppState, raw: String) -> Result<ProjectKey> {
    let key = ProjectKey::try_from(raw)?;
    require_project(state, &key).await?;
    Ok(key)
}

async fn tags_of(state: &AppState, key: &ProjectKey, id: &str) -> Result<TagList> {
    let mut map = tags::of(state.store.pool(), key.as_str(), &[id.to_owned()]).await?;
    Ok(TagList {
        tags: map.remove(id).unwrap_or_default(),
    })
}

/// Tags an answer by hand.
#[utoipa::path(post, path = "/api/v1/responses/{id}/tags", tag = "admin", security(("admin_token" = [])),
    params(("id" = String, Path, description = "The response's id"), ProjectQuery), request_body = NewTag,
    responses((status = 200, description = "The answer's tags", body = TagList),
        (status = 422, description = "Bad tag")))]
async fn add(
    _: SignedIn,
    State(state): State<AppState>,
    Path(id): Path<String>,
    QueryParams(q): QueryParams<ProjectQuery>,
    JsonBody(body): JsonBody<NewTag>,
) -> Result<Json<TagList>> {
    let key = project(&state, q.project).await?;
    let id = ClientId::try_from(id.as_str())?.uuid().to_string();
    let tag = tag(&body.tag)?;
    let now = to_millis(OffsetDateTime::now_utc());
    tags::add(state.store.pool(), key.as_str(), &id, &tag, "manual", now).await?;
    let current = tags_of(&state, &key, &id).await?;
    if !current.tags.contains(&tag) {
        return Err(Error::NotFound(format!("no response {id} in this project")));
    }
    Ok(Json(current))
}

/// Removes a tag from an answer.
#[utoipa::path(delete, path = "/api/v1/responses/{id}/tags/{tag}", tag = "admin", security(("admin_token" = [])),
    params(("id" = String, Path, description = "The response's id"), ("tag" = String, Path, description = "The tag"), ProjectQuery),
    responses((status = 200, description = "The answer's tags", body = TagList)))]
async fn remove(
    _: SignedIn,
    State(state): State<AppState>,
    Path((id, tag)): Path<(String, String)>,
    QueryParams(q): QueryParams<ProjectQuery>,
) -> Result<Json<TagList>> {
    let key = project(&state, q.project).await?;
    if !tags::remove(state.store.pool(), key.as_str(), &id, &tag).await? {
        return Err(Error::NotFound(format!("response {id} has no tag {tag:?}")));
    }
    Ok(Json(tags_of(&state, &key, &id).await?))
}

/// The project's rules.
#[utoipa::path(get, path = "/api/v1/tag-rules", tag = "admin", params(ProjectQuery), security(("admin_token" = [])),
    responses((status = 200, description = "Rules", body = TagRules)))]
async fn rules(
    _: SignedIn,
    State(state): State<AppState>,
    QueryParams(q): QueryParams<ProjectQuery>,
) -> Result<Json<TagRules>> {
    let key = project(&state, q.project).await?;
    Ok(Json(TagRules {
        rules: tags::rules(state.store.pool(), key.as_str())
            .await?
            .into_iter()
            .map(rule_view)
            .collect(),
    }))
}

/// Adds a rule; it tags answers from now on (`/tag-rules/apply` for the
/// past). A project has at most [`MAX_RULES`] rules.
#[utoipa::path(post, path = "/api/v1/tag-rules", tag = "admin", request_body = NewTagRule, security(("admin_token" = [])),
    responses((status = 201, description = "Created", body = TagRule),
        (status = 422, description = "Bad tag, keywords or regex (over 1 KB, or compiling too large), or the project has 200 rules already (too_many_rules)")))]
async fn create_rule(
    _: Admin,
    State(state): State<AppState>,
    JsonBody(body): JsonBody<NewTagRule>,
) -> Result<(StatusCode, Json<TagRule>)> {
    let key = project(&state, body.project).await?;
    let compiled = CompiledRule::new(&body.tag, &body.keywords, body.regex.as_deref())?;
    check_room_for_a_rule(&state, &key).await?;
    let rule = StoredTagRule {
        id: uuid::Uuid::new_v4().to_string(),
        tag: compiled.tag,
        keywords: body.keywords,
        regex: body.regex.filter(|r| !r.is_empty()),
    };
    tags::create_rule(
        state.store.pool(),
        key.as_str(),
        &rule,
        to_millis(OffsetDateTime::now_utc()),
    )
    .await?;
    state.tag_rules.forget(&key);
    Ok((StatusCode::CREATED, Json(rule_view(rule))))
}

/// Removes a rule (the tags it set stay).
#[utoipa::path(delete, path = "/api/v1/tag-rules/{id}", tag = "admin", params(("id" = String, Path, description = "The rule's id"), ProjectQuery), security(("admin_token" = [])),
    responses((status = 204, description = "Deleted")))]
async fn delete_rule(
    _: Admin,
    State(state): State<AppState>,
    Path(id): Path<String>,
    QueryParams(q): QueryParams<ProjectQuery>,
) -> Result<StatusCode> {
    let key = project(&state, q.project).await?;
    if !tags::delete_rule(state.store.pool(), key.as_str(), &id).await? {
        return Err(Error::NotFound(format!("no rule {id}")));
    }
    state.tag_rules.forget(&key);
    Ok(StatusCode::NO_CONTENT)
}

/// Re-applies every rule to every answer with a comment.
#[utoipa::path(post, path = "/api/v1/tag-rules/apply", tag = "admin", params(ProjectQuery), security(("admin_token" = [])),
    responses((status = 200, description = "Tags added", body = Applied)))]
async fn apply_all(
    _: Admin,
    State(state): State<AppState>,
    QueryParams(q): QueryParams<ProjectQuery>,
) -> Result<Json<Applied>> {
    let key = project(&state, q.project).await?;
    let rules = state.tag_rules.get(state.store.pool(), &key).await?;
    let tagged = apply_to_history(&state, &key, &rules).await?;
    Ok(Json(Applied { tagged }))
}

/// Answers and NPS per tag.
#[utoipa::path(get, path = "/api/v1/stats/tags", tag = "admin",
    params(ProjectQuery,
        ("from" = Option<String>, Query, description = "Answers at or after this time (RFC 3339, or a date in the project's zone)"),
        ("to" = Option<String>, Query, description = "Answers before this time")),
    security(("admin_token" = [])),
    responses((status = 200, description = "Per tag, largest first", body = TagStats)))]
async fn per_tag(
    _: SignedIn,
    State(state): State<AppState>,
    QueryParams(pairs): QueryParams<Pairs>,
) -> Result<Json<TagStats>> {
    let (key, zone) = project_of(&state, &pairs).await?;
    let period = Filter::parse(&pairs, "", &zone)?;
    let mut by_tag: std::collections::BTreeMap<String, Distribution> =
        std::collections::BTreeMap::new();
    let (from, to) = (period.from.map(to_millis), period.to.map(to_millis));
    for (tag, score, n) in tags::counts(state.store.pool(), key.as_str(), from, to).await? {
        if let Some(slot) = by_tag.entry(tag).or_default().0.get_mut(usize::from(score)) {
            *slot += n;
        }
    }
    let mut tags: Vec<Segment> = by_tag
        .into_iter()
        .map(|(t, d)| segment(Some(t), &d))
        .collect();
    tags.sort_by_key(|t| std::cmp::Reverse(t.score.responses));
    Ok(Json(TagStats { tags }))
}
