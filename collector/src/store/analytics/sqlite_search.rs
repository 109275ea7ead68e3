//! The verbatim feed under a search, on SQLite: a page of the newest
//! matching answers read from the full-text index in time order, so a
//! search stops at its page instead of looking up and sorting every match.
//!
//! The index is keyed by `search_key` = `created_at` (ms) × 2^20 + a slot
//! (migration 0015), so its descending order is the feed's newest-first
//! order, except that answers of the same millisecond come in slot order,
//! not `id` order. One query reads the page in key order; when it fills
//! the page, a second reads every match of the page's last millisecond;
//! the answers are put in (`created_at`, `id`) order and cut to the page:
//! the same answers, in the same order, as the feed without a search lists.

use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use super::queries::sqlite::{push_filter, response_from_row};
use super::search::fts5_match;
use super::Cursor;
use crate::domain::{Filter, ProjectKey, Search};
use crate::store::{to_millis, StoreResult, StoredResponse};

/// Slots per millisecond in a `search_key`.
const SLOTS: i64 = 1 << 20;

/// The first key of millisecond `ms`. Saturating: a filter or cursor far
/// outside the keys' range (years before 1970 or after 2248, which a
/// request may well name) bounds nothing rather than overflowing.
fn first_key(ms: i64) -> i64 {
    ms.saturating_mul(SLOTS)
}

/// Where in the index to read: keys in `[low, high)`.
struct KeyRange {
    low: Option<i64>,
    high: Option<i64>,
}

/// A page of the answers `f` selects, newest first, after `cursor`, when
/// `f` has a search (`search`, taken out of `f`).
pub(crate) async fn list_matching(
    pool: &SqlitePool,
    key: &ProjectKey,
    f: &Filter,
    search: &Search,
    cursor: Option<&Cursor>,
    limit: u32,
) -> StoreResult<Vec<StoredResponse>> {
    let f = Filter {
        q: None,
        ..f.clone()
    };
    // The filter's period and the cursor bound the keys too: the index
    // starts reading at the cursor's millisecond, not at the newest match.
    let range = KeyRange {
        low: f.from.map(|from| first_key(to_millis(from))),
        high: [
            f.to.map(|to| first_key(to_millis(to))),
            cursor.map(|c| first_key(c.at.saturating_add(1))),
        ]
        .into_iter()
        .flatten()
        .min(),
    };
    let mut page = matching(pool, key, &f, search, cursor, &range, Some(limit)).await?;
    if let Some(last) = page.last().filter(|_| page.len() == limit as usize) {
        // The page is full: its last millisecond may hold more matches
        // than it shows, and in `id` order they may come before those it
        // shows.
        let at = to_millis(last.created_at);
        let same_ms = KeyRange {
            low: Some(first_key(at)),
            high: Some(first_key(at.saturating_add(1))),
        };
        let ties = matching(pool, key, &f, search, cursor, &same_ms, None).await?;
        page.retain(|r| to_millis(r.created_at) > at);
        page.extend(ties);
    }
    // Within a millisecond the index's order is arrival, not `id`.
    page.sort_by(|a, b| (b.created_at, &b.id).cmp(&(a.created_at, &a.id)));
    page.truncate(limit as usize);
    Ok(page)
}

/// The answers `f` selects whose comment matches `search`, among the keys
/// of `range`, in key order (newest first), at most `limit`.
async fn matching(
    pool: &SqlitePool,
    key: &ProjectKey,
    f: &Filter,
    search: &Search,
    cursor: Option<&Cursor>,
    range: &KeyRange,
    limit: Option<u32>,
) -> StoreResult<Vec<StoredResponse>> {
    // CROSS JOIN: SQLite keeps the index as the outer loop, so it reads
    // matches newest first and looks each answer up by its key.
    let mut b = QueryBuilder::<Sqlite>::new(
        "SELECT responses.id, score, responses.comment, user_id, moment, locale, url, traits, \
         created_at, updated_at, identity_unverified, source, variant \
         FROM responses_search CROSS JOIN responses ON responses.search_key = responses_search.rowid",
    );
    push_filter(&mut b, key, f);
    b.push(" AND responses_search MATCH ")
        .push_bind(fts5_match(search));
    if let Some(low) = range.low {
        b.push(" AND responses_search.rowid >= ").push_bind(low);
    }
    if let Some(high) = range.high {
        b.push(" AND responses_search.rowid < ").push_bind(high);
    }
    if let Some(c) = cursor {
        b.push(" AND (created_at, responses.id) < (")
            .push_bind(c.at)
            .push(", ")
            .push_bind(c.id.clone())
            .push(")");
    }
    b.push(" ORDER BY responses_search.rowid DESC");
    if let Some(limit) = limit {
        b.push(" LIMIT ").push_bind(i64::from(limit));
    }
    let rows = b.build().fetch_all(pool).await?;
    rows.iter().map(response_from_row).collect()
}
