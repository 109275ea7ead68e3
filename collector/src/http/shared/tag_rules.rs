//! The tag rules of each project at work: applied to a comment as it
//! arrives ([`apply_rules`], compiled once per change by the state's
//! `RuleCache`) or to past answers ([`apply_to_history`], for the tags'
//! and the themes' routes), and bounded in number.

use time::OffsetDateTime;

use crate::domain::{matching_tags, CompiledRule, Filter, Invalid, ProjectKey, MAX_RULES};
use crate::http::error::Result;
use crate::http::state::AppState;
use crate::store::analytics::Cursor;
use crate::store::tags;
use crate::store::to_millis;

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
