//! Why they score what they score (member reads, admin action):
//! - `GET /api/v1/stats/themes`: the themes of the comments, each with its
//!   answers, score, impact and trend against the previous period;
//! - `GET /api/v1/stats/drivers`: themes and segments (moment, locale,
//!   tenure, each trait) ranked by what they do to the score;
//! - `POST /api/v1/stats/themes/{id}/tag`: a tag rule from a theme's
//!   words, applied to past answers.
//!
//! Every filter of the other statistics applies. The method is in
//! `crate::text`; its arithmetic in `crate::stats::themes`.

mod analysis;
pub(in crate::http) mod drivers;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use nps_protocol::admin::{NewTag, ThemeTagged, Themes};
use time::OffsetDateTime;

use crate::domain::{CompiledRule, Filter};
use crate::http::error::{Error, Result};
use crate::http::middleware::extract::{Admin, JsonBody, QueryParams, SignedIn};
use crate::http::shared::query::{project_of, FilterParams, Pairs, ProjectQuery};
use crate::http::shared::tag_rules::{apply_to_history, check_room_for_a_rule};
use crate::http::state::AppState;
use crate::store::tags::{self, StoredTagRule};
use crate::store::to_millis;

/// Routes for the dashboard.
pub(in crate::http) fn admin_router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/stats/themes", get(themes))
        .route("/api/v1/stats/themes/{id}/tag", post(tag))
        .route("/api/v1/stats/drivers", get(drivers::drivers))
}

/// The themes of the comments, most answers first.
#[utoipa::path(get, path = "/api/v1/stats/themes", tag = "admin",
    params(ProjectQuery, FilterParams), security(("admin_token" = [])),
    responses(
        (status = 200, description = "Themes, most answers first; `sampled` when read from a sample", body = Themes)))]
async fn themes(
    _: SignedIn,
    State(state): State<AppState>,
    QueryParams(pairs): QueryParams<Pairs>,
) -> Result<Json<Themes>> {
    let (key, zone) = project_of(&state, &pairs).await?;
    let filter = Filter::parse(&pairs, "", &zone)?;
    let a = analysis::analyse(&state, &key, &filter).await?;
    let mut themes: Vec<_> = a.found.iter().map(|t| a.view(t)).collect();
    themes.sort_by(|x, y| {
        y.responses
            .cmp(&x.responses)
            .then_with(|| x.label.cmp(&y.label))
    });
    Ok(Json(Themes {
        responses: a.period.total(),
        with_comment: a.now.with_comment,
        sampled: a.now.sampled(),
        sample_size: a.now.answers.len() as u64,
        themes,
    }))
}

/// The shortest forms of a theme's word: a keyword matches inside longer
/// words, so `export` covers `exports`.
fn keywords(forms: &[String]) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    let mut sorted = forms.to_vec();
    sorted.sort_by_key(|f| (f.chars().count(), f.clone()));
    for f in sorted {
        if !kept.iter().any(|k| f.contains(k.as_str())) {
            kept.push(f);
        }
    }
    kept
}

/// Makes a tag rule from a theme's words and applies it to past answers.
#[utoipa::path(post, path = "/api/v1/stats/themes/{id}/tag", tag = "admin",
    params(("id" = String, Path, description = "The theme's id"), ProjectQuery, FilterParams),
    request_body = NewTag, security(("admin_token" = [])),
    responses(
        (status = 201, description = "The rule made and the answers it tagged", body = ThemeTagged),
        (status = 403, description = "Not an admin"),
        (status = 404, description = "No such theme in this period"),
        (status = 422, description = "Bad tag, or the project has 200 rules already")))]
async fn tag(
    _: Admin,
    State(state): State<AppState>,
    Path(id): Path<String>,
    QueryParams(pairs): QueryParams<Pairs>,
    JsonBody(body): JsonBody<NewTag>,
) -> Result<(StatusCode, Json<ThemeTagged>)> {
    let (key, zone) = project_of(&state, &pairs).await?;
    let filter = Filter::parse(&pairs, "", &zone)?;
    let a = analysis::analyse(&state, &key, &filter).await?;
    let theme = a
        .found
        .iter()
        .find(|t| t.id == id)
        .ok_or_else(|| Error::NotFound(format!("no theme {id} in this period")))?;
    let words = keywords(&theme.forms);
    let compiled = CompiledRule::new(&body.tag, &words, None)?;
    check_room_for_a_rule(&state, &key).await?;
    let rule = StoredTagRule {
        id: uuid::Uuid::new_v4().to_string(),
        tag: compiled.tag.clone(),
        keywords: words,
        regex: None,
    };
    let now = to_millis(OffsetDateTime::now_utc());
    tags::create_rule(state.store.pool(), key.as_str(), &rule, now).await?;
    state.tag_rules.forget(&key);
    let tagged = apply_to_history(&state, &key, &[compiled]).await?;
    let answer = ThemeTagged {
        tag: rule.tag,
        rule_id: rule.id,
        tagged,
    };
    Ok((StatusCode::CREATED, Json(answer)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn keywords_keep_the_shortest_forms() {
        let forms = ["exports", "export", "exporter", "lent"].map(String::from);
        assert_eq!(super::keywords(&forms), ["lent", "export"]);
    }
}
