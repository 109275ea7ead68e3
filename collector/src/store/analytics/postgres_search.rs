//! The verbatim feed under a search, on PostgreSQL: a page of the newest
//! matching answers, found whichever way is cheap for the word searched.
//!
//! The comments' GIN index (migrations 0012, 0017) says which answers
//! match, not in what order. Left to itself, the planner cannot tell a word
//! in half the comments from one in none (a `tsvector` statistic has
//! nothing to say about a word it never saw), so for both it walks the time
//! index from the newest answer, tests each comment and stops at the page:
//! fast for a common word, but a rare word or a typo reads every answer of
//! the project (480 ms at 1M answers, 4.7 s at 10M, measured).
//! Reading every match through the index and sorting them is the opposite:
//! fast for a rare word, slow for a common one. So a page takes two steps:
//! 1. walk the newest [`WALK`] answers with a comment (under the filter
//!    and after the cursor) in the feed's order, testing each: a word in
//!    at least one recent comment of a hundred fills a page of 50 here;
//! 2. otherwise read every match through the GIN index and sort them, with
//!    bitmap scans only so the planner cannot fall back to the walk.
//!
//! (At 10M answers: a typo 4.7 s → 15 ms, two common words 7.2 s → 1.8 ms;
//! `collector/benches/pg_search.sh`.)
//!
//! Both give the feed's page exactly: the walk meets matches in the feed's
//! order, and the second step sees them all.

use sqlx::{Executor, PgPool, Postgres, QueryBuilder};

use super::queries::postgres::{list_responses, push_filter, push_page, response_from_row};
use super::search::push_matches;
use super::{Cursor, RESPONSE_COLUMNS};
use crate::domain::{Filter, ProjectKey, Search};
use crate::store::{StoreResult, StoredResponse};

/// Recent comments the first step tests, at most: ~15 ms of the server's
/// time where nothing matches (3 µs a comment, measured at 1M answers).
const WALK: u32 = 5_000;

/// A page of the answers `f` selects, newest first, after `cursor`, when
/// `f` has a search (`search`, also in `f`).
pub(crate) async fn list_matching(
    pool: &PgPool,
    key: &ProjectKey,
    f: &Filter,
    search: &Search,
    cursor: Option<&Cursor>,
    limit: u32,
) -> StoreResult<Vec<StoredResponse>> {
    let page = walk_recent(pool, key, f, search, cursor, limit).await?;
    if page.len() == limit as usize {
        return Ok(page);
    }
    // Few recent matches: all of them through the index, then sorted.
    // Bitmap scans only, and neither JIT nor parallel workers: the planner
    // guesses thousands of rows for a word it has no statistic on and
    // would spend 15 ms compiling and 60 ms starting workers (measured at
    // 10M answers) to sort a handful. `SET LOCAL` lasts until the
    // transaction ends.
    let mut tx = pool.begin().await?;
    // A query without arguments goes as one simple-protocol message.
    (&mut *tx)
        .execute(
            "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; \
             SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 0",
        )
        .await?;
    let page = list_responses(&mut *tx, key, f, cursor, limit).await?;
    tx.commit().await?;
    Ok(page)
}

/// The matches among the newest [`WALK`] answers with a comment that `f`
/// (without its search) selects after `cursor`, newest first, at most
/// `limit`. The inner `LIMIT` keeps the planner from pushing the search
/// into the walk, and bounds it.
async fn walk_recent(
    pool: &PgPool,
    key: &ProjectKey,
    f: &Filter,
    search: &Search,
    cursor: Option<&Cursor>,
    limit: u32,
) -> StoreResult<Vec<StoredResponse>> {
    let unsearched = Filter {
        q: None,
        ..f.clone()
    };
    let mut b = QueryBuilder::<Postgres>::new("SELECT ");
    b.push(RESPONSE_COLUMNS)
        .push(" FROM (SELECT ")
        .push(RESPONSE_COLUMNS)
        .push(" FROM responses");
    push_filter(&mut b, key, &unsearched);
    b.push(" AND comment IS NOT NULL");
    push_page(&mut b, cursor, WALK);
    b.push(") AS recent WHERE ");
    push_matches(&mut b, search);
    // The feed's order again (the cursor already bounds the walk).
    push_page(&mut b, None, limit);
    let rows = b.build().fetch_all(pool).await?;
    rows.iter().map(response_from_row).collect()
}
