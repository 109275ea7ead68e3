//! The feed under a search finds the same page however rare or common the
//! word. PostgreSQL first walks the newest comments, then falls back to
//! every match through its index (`store::analytics::postgres_search`);
//! SQLite reads its index in time order. Either way a match behind
//! thousands of newer comments is found, in the feed's order.

use futures_util::future::join_all;
use time::{Duration, OffsetDateTime};

use nps_collector::store;

use crate::helpers::spawn_app;
use crate::search::{every_page, store_comment};

/// More newer comments than PostgreSQL's first step tests (5,000).
const NEWER: i64 = 5_200;

#[tokio::test]
async fn a_word_behind_thousands_of_newer_comments_is_found_in_the_feeds_order() {
    let app = spawn_app().await;
    let store = store::open(&app.database_url).await.unwrap();
    let now = OffsetDateTime::now_utc();
    let old = now - Duration::days(2);
    // Twelve old needles a minute apart, then the haystack, newer: every
    // tenth comment of it says "straw".
    for i in 0..12 {
        store_comment(
            store.as_ref(),
            3,
            &format!("needle {i:02}"),
            old + Duration::minutes(i),
        )
        .await;
    }
    for chunk in (0..NEWER).collect::<Vec<_>>().chunks(500) {
        join_all(chunk.iter().map(|&i| {
            let store = store.clone();
            let comment = if i % 10 == 0 {
                format!("straw {i:04}")
            } else {
                format!("hay {i:04}")
            };
            async move {
                store_comment(
                    store.as_ref(),
                    8,
                    &comment,
                    now - Duration::seconds(NEWER - i),
                )
                .await;
            }
        }))
        .await;
    }

    let needles: Vec<String> = (0..12).rev().map(|i| format!("needle {i:02}")).collect();
    assert_eq!(
        every_page(&app, "needle", 5).await,
        needles,
        "pages of 5, newest first"
    );
    assert_eq!(every_page(&app, "needle", 50).await, needles, "one page");
    assert!(
        every_page(&app, "nothing", 50).await.is_empty(),
        "a word no comment has"
    );

    // A common word: its pages come from the newest comments.
    let straws = every_page(&app, "straw", 40).await;
    let expected: Vec<String> = (0..NEWER)
        .rev()
        .filter(|i| i % 10 == 0)
        .map(|i| format!("straw {i:04}"))
        .collect();
    assert_eq!(straws, expected, "every straw, newest first, across pages");
}
