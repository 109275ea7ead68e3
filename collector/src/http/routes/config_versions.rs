//! The history of a project's widget config (admin): every save of the
//! timing rules, texts and look is kept as a version with who saved it and
//! when; `GET …/config/versions` reads them back with what each changed,
//! and `POST …/config/versions/{version}/revert` saves an old one again (as
//! a new version, so a revert can itself be reverted).

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::Value;

use crate::domain::{ProjectKey, TimingRules};
use crate::http::error::{Error, Result};
use crate::http::middleware::extract::{Admin, SignedIn};
use crate::http::shared::project::require_project;
use crate::http::shared::project_changes::{changed, record};
use crate::http::state::AppState;
use crate::store::config_versions::{self, StoredConfigVersion};
use crate::store::Project;
use nps_protocol::admin::{ConfigVersion, ConfigVersions};
use nps_protocol::WidgetConfig;

/// How many versions the history shows.
const SHOWN: i64 = 50;

/// Routes for the dashboard and scripts.
pub(in crate::http) fn admin_router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/projects/{key}/config/versions", get(list))
        .route(
            "/api/v1/projects/{key}/config/versions/{version}/revert",
            post(revert),
        )
}

/// The saved versions of a project's config, newest first (the latest 50).
#[utoipa::path(get, path = "/api/v1/projects/{key}/config/versions", tag = "admin",
    security(("admin_token" = [])),
    params(("key" = String, Path, description = "The project's key")),
    responses(
        (status = 200, description = "The versions, newest first", body = ConfigVersions)))]
async fn list(
    _: SignedIn,
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> Result<Json<ConfigVersions>> {
    let key = ProjectKey::try_from(key)?;
    require_project(&state, &key).await?;
    // One more than shown, to tell what the oldest shown one changed.
    let rows = config_versions::list(state.store.pool(), key.as_str(), SHOWN + 1).await?;
    let parsed = rows
        .iter()
        .map(|v| Ok((v, serde_json::from_str::<Value>(&v.config)?)))
        .collect::<std::result::Result<Vec<_>, serde_json::Error>>()
        .map_err(crate::store::StoreError::from)?;
    let mut versions = Vec::with_capacity(rows.len());
    for (i, (v, json)) in parsed.iter().enumerate().take(SHOWN as usize) {
        let changed = parsed
            .get(i + 1)
            .map(|(_, before)| changed_fields(before, json))
            .unwrap_or_default();
        versions.push(view(v, json.clone(), changed)?);
    }
    Ok(Json(ConfigVersions { versions }))
}

/// Saves version `version` of the config again, as a new version.
#[utoipa::path(post, path = "/api/v1/projects/{key}/config/versions/{version}/revert", tag = "admin",
    security(("admin_token" = [])),
    params(("key" = String, Path, description = "The project's key"),
        ("version" = i64, Path, description = "The version to go back to")),
    responses(
        (status = 200, description = "Saved; the config as the widget will read it", body = WidgetConfig),
        (status = 403, description = "A member's session: configuration is for admins"),
        (status = 422, description = "That version breaks today's rules")))]
async fn revert(
    Admin(who): Admin,
    State(state): State<AppState>,
    Path((key, version)): Path<(String, String)>,
) -> Result<Json<WidgetConfig>> {
    let key = ProjectKey::try_from(key)?;
    // Read here, not by axum's extractor, whose refusal is plain text.
    let version: i64 = version
        .parse()
        .map_err(|_| Error::NotFound(format!("no version {version:?}")))?;
    require_project(&state, &key).await?;
    let old = config_versions::get(state.store.pool(), key.as_str(), version)
        .await?
        .ok_or_else(|| Error::NotFound(format!("version {version} of {:?}", key.as_str())))?;
    let config: WidgetConfig =
        serde_json::from_str(&old.config).map_err(crate::store::StoreError::from)?;
    // Validated again: the rules may have tightened since it was saved.
    let timing = TimingRules::try_from(config)?;
    let change = |project: &mut Project| project.settings.timing = timing.clone();
    let (before, after) = changed(&state, &key, &change).await?;
    let note = format!("reverted to version {version}");
    record(
        &state,
        &after,
        Some(&before.settings.timing),
        &who.actor,
        Some(&note),
    )
    .await?;
    Ok(Json(after.settings.timing.widget_config(key.as_str())))
}

fn view(v: &StoredConfigVersion, json: Value, changed: Vec<String>) -> Result<ConfigVersion> {
    Ok(ConfigVersion {
        version: v.version,
        actor: v.actor.clone(),
        created_at: v.created_at,
        note: v.note.clone(),
        changed,
        config: serde_json::from_value(json).map_err(crate::store::StoreError::from)?,
    })
}

/// The top-level fields whose values differ, added or removed, by name;
/// not those derived from another ([`TimingRules::DERIVED_FIELDS`]), whose
/// change is the other's.
fn changed_fields(before: &Value, after: &Value) -> Vec<String> {
    let (Some(b), Some(a)) = (before.as_object(), after.as_object()) else {
        return Vec::new();
    };
    let mut names: Vec<String> = a
        .iter()
        .filter(|(k, v)| b.get(*k) != Some(v))
        .map(|(k, _)| k.clone())
        .collect();
    names.extend(b.keys().filter(|k| !a.contains_key(*k)).cloned());
    names.retain(|name| !TimingRules::DERIVED_FIELDS.contains(&name.as_str()));
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changed_fields_names_what_differs_added_or_removed() {
        let before = json!({"a": 1, "b": [1], "gone": true});
        let after = json!({"a": 1, "b": [2], "new": "x"});
        assert_eq!(changed_fields(&before, &after), ["b", "gone", "new"]);
        assert!(changed_fields(&after, &after).is_empty());
    }

    #[test]
    fn the_legacy_floor_name_is_not_a_change_of_its_own() {
        let before = json!({"min_days_between_prompts": 30, "days_after_prompt": 30});
        let after = json!({"min_days_between_prompts": 45, "days_after_prompt": 45});
        assert_eq!(
            changed_fields(&before, &after),
            ["min_days_between_prompts"]
        );
        let first_release = json!({"days_after_prompt": 30});
        assert_eq!(
            changed_fields(&first_release, &before),
            ["min_days_between_prompts"]
        );
    }
}
