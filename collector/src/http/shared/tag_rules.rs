//! The tag rules of each project, applied to a comment as it arrives
//! ([`apply_rules`]) or to past answers ([`apply_to_history`], for the
//! tags' and the themes' routes), bounded in number, and compiled once
//! per change rather than for every comment: compiling five 52 KB
//! expressions made a public answer with a comment take 190 ms instead of
//! 4 ms.
//!
//! A change on this instance forgets its project's entry at once; another
//! instance's change is seen within [`TTL`] (rules change by hand, rarely).
//! Unknown projects never get here (the handlers look the project up
//! first), so the map holds at most one entry per project.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use time::OffsetDateTime;

use crate::domain::{matching_tags, CompiledRule, Filter, Invalid, ProjectKey, MAX_RULES};
use crate::http::error::Result;
use crate::http::AppState;
use crate::store::analytics::Cursor;
use crate::store::tags::{self, StoredTagRule};
use crate::store::{to_millis, Pool, StoreResult};

/// How long compiled rules are trusted without a local change.
const TTL: Duration = Duration::from_secs(5);

type Entries = HashMap<String, (Instant, Arc<[CompiledRule]>)>;

/// Compiled rules per project.
#[derive(Debug, Default)]
pub(crate) struct RuleCache {
    entries: RwLock<Entries>,
}

impl RuleCache {
    /// The project's rules, compiled (a rule stored by an older version
    /// that no longer compiles is skipped, with a log line).
    pub(crate) async fn get(
        &self,
        pool: Pool<'_>,
        key: &ProjectKey,
    ) -> StoreResult<Arc<[CompiledRule]>> {
        if let Some(hit) = self.cached(key) {
            return Ok(hit);
        }
        let stored = tags::rules(pool, key.as_str()).await?;
        let compiled: Arc<[CompiledRule]> = stored.iter().filter_map(compile).collect();
        self.entries
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(
                key.as_str().to_owned(),
                (Instant::now(), Arc::clone(&compiled)),
            );
        Ok(compiled)
    }

    /// Forgets a project's rules after a change.
    pub(crate) fn forget(&self, key: &ProjectKey) {
        self.entries
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key.as_str());
    }

    fn cached(&self, key: &ProjectKey) -> Option<Arc<[CompiledRule]>> {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        let (at, rules) = entries.get(key.as_str())?;
        (at.elapsed() < TTL).then(|| Arc::clone(rules))
    }
}

/// Applies the project's rules to one answer's comment; returns tags added.
pub(in crate::http) async fn apply_rules(
    state: &AppState,
    key: &ProjectKey,
    id: &str,
    comment: &str,
) -> Result<u64> {
    let mut added = 0;
    let now = to_millis(OffsetDateTime::now_utc());
    let rules = state.tag_rules.get(state.store.pool(), key).await?;
    for tag in matching_tags(&rules, comment) {
        if tags::add(state.store.pool(), key.as_str(), id, tag, "rule", now).await? {
            added += 1;
        }
    }
    Ok(added)
}

/// A 422 `too_many_rules` when the project has its [`MAX_RULES`] already.
/// Checked before an insert: two admins adding the 200th rule at once may
/// make it 201, which bounds the cost just as well.
pub(in crate::http) async fn check_room_for_a_rule(
    state: &AppState,
    key: &ProjectKey,
) -> Result<()> {
    if tags::rules(state.store.pool(), key.as_str()).await?.len() >= MAX_RULES {
        let message = format!("a project has at most {MAX_RULES} tag rules");
        return Err(Invalid::new("too_many_rules", message).into());
    }
    Ok(())
}

/// Applies `rules` to every answer of the project with a comment, a page
/// at a time; returns the tags added.
pub(in crate::http) async fn apply_to_history(
    state: &AppState,
    key: &ProjectKey,
    rules: &[CompiledRule],
) -> Result<u64> {
    let with_comment = Filter {
        has_comment: Some(true),
        ..Filter::default()
    };
    let (mut cursor, mut tagged) = (None::<Cursor>, 0);
    let now = to_millis(OffsetDateTime::now_utc());
    loop {
        let page = state
            .store
            .list_responses(key, &with_comment, cursor.as_ref(), HISTORY_PAGE)
            .await?;
        for r in &page {
            let comment = r.comment.as_deref().unwrap_or_default();
            for tag in matching_tags(rules, comment) {
                if tags::add(state.store.pool(), key.as_str(), &r.id, tag, "rule", now).await? {
                    tagged += 1;
                }
            }
        }
        match page.last() {
            Some(last) if page.len() == HISTORY_PAGE as usize => {
                cursor = Some(Cursor {
                    at: to_millis(last.created_at),
                    id: last.id.clone(),
                });
            }
            _ => break,
        }
    }
    Ok(tagged)
}

/// Answers read per page when rules are applied to past answers.
const HISTORY_PAGE: u32 = 500;

fn compile(r: &StoredTagRule) -> Option<CompiledRule> {
    match CompiledRule::new(&r.tag, &r.keywords, r.regex.as_deref()) {
        Ok(c) => Some(c),
        Err(e) => {
            tracing::warn!(rule = %r.id, error = %e, "tag rule skipped");
            None
        }
    }
}
