//! A change to a project, as every admin route that makes one applies
//! it: to the project as stored, with this instance's cached copy
//! forgotten, and kept as a new config version when its timing rules
//! changed (the history `config_versions` serves and reverts).

use time::OffsetDateTime;

use crate::domain::{ProjectKey, TimingRules};
use crate::http::error::{Error, Result};
use crate::http::state::AppState;
use crate::store::config_versions;
use crate::store::{to_millis, Project, ProjectChange};

/// [`changed`], and a new config version when the timing rules changed.
pub(in crate::http) async fn changed_and_recorded(
    state: &AppState,
    key: &ProjectKey,
    change: ProjectChange<'_>,
    actor: &str,
) -> Result<Project> {
    let (before, after) = changed(state, key, change).await?;
    if before.settings.timing != after.settings.timing {
        record(state, &after, Some(&before.settings.timing), actor, None).await?;
    }
    Ok(after)
}

/// Applies `change` to the stored project and forgets this instance's
/// cached copy (the store tells the other instances).
pub(in crate::http) async fn changed(
    state: &AppState,
    key: &ProjectKey,
    change: ProjectChange<'_>,
) -> Result<(Project, Project)> {
    let done = state.store.change_project(key, change).await?;
    state.projects.forget(key);
    done.ok_or_else(|| Error::UnknownKey(key.as_str().to_owned()))
}

/// Keeps the project's config as it now is as a new version. Called after
/// every successful save that changed it; the version is the record of it,
/// so a failure here fails the request (the save itself stays: saving
/// again records it). A project's first change also records the rules it
/// replaced (projects made before the history, or by `--demo`), so the
/// first change can be reverted too.
pub(in crate::http) async fn record(
    state: &AppState,
    project: &Project,
    before: Option<&TimingRules>,
    actor: &str,
    note: Option<&str>,
) -> Result<i64> {
    let pool = state.store.pool();
    let key = project.key.as_str();
    let now = to_millis(OffsetDateTime::now_utc());
    let json = |rules: &TimingRules| {
        serde_json::to_string(rules.as_config()).map_err(crate::store::StoreError::from)
    };
    if let Some(before) = before {
        if config_versions::list(pool, key, 1).await?.is_empty() {
            let baseline = json(before)?;
            let note = Some("as it was before the first recorded change");
            config_versions::append(pool, key, &baseline, "collector", note, now).await?;
        }
    }
    let current = json(&project.settings.timing)?;
    Ok(config_versions::append(pool, key, &current, actor, note, now).await?)
}
