//! Full-text search of comments (`q`): words and their beginnings, case and
//! accents ignored, the same answers on SQLite (FTS5) and PostgreSQL
//! (`tsvector`); user input is only ever text; the index follows edits,
//! deletions and retention.

use serde_json::{json, Value};
use time::{Duration, OffsetDateTime};

use nps_collector::domain::ValidResponse;
use nps_collector::store;

use crate::helpers::{new_id, new_secret, spawn_app, TestApp, ADMIN_TOKEN};

const COMMENTS: [&str; 5] = [
    "L'export CSV était cassé",
    "J'adore la nouvelle interface",
    "Exporting to Excel is SLOW",
    "Très déçu du support",
    "bob@example.com says the e-mail works",
];

async fn seed(app: &TestApp) {
    for (i, comment) in COMMENTS.iter().enumerate() {
        let body = json!({"id": new_id(), "key": "demo", "score": i * 2, "comment": comment,
                          "user_id": format!("user{i}"), "secret": new_secret()});
        assert_eq!(app.post_response(&body).await.status(), 201);
    }
}

/// The comments `q` finds, sorted, checking that the export agrees.
async fn found(app: &TestApp, q: &str) -> Vec<String> {
    let q = urlencode(q);
    let r = app
        .admin_get(&format!("/api/v1/responses?project=demo&limit=500&q={q}"))
        .await;
    assert_eq!(r.status(), 200, "feed, q={q}");
    let page: Value = r.json().await.unwrap();
    let mut comments: Vec<String> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["comment"].as_str().unwrap_or_default().to_owned())
        .collect();
    let r = app
        .admin_get(&format!(
            "/api/v1/responses/export?project=demo&format=jsonl&q={q}"
        ))
        .await;
    assert_eq!(r.status(), 200, "export, q={q}");
    let lines = r.text().await.unwrap().lines().count();
    assert_eq!(lines, comments.len(), "export and feed agree, q={q}");
    comments.sort();
    comments
}

/// The comments of every page of the feed for `q`, following the cursor.
pub(crate) async fn every_page(app: &TestApp, q: &str, limit: u32) -> Vec<String> {
    let mut seen = Vec::new();
    let mut cursor = String::new();
    loop {
        let page: Value = app
            .admin_get(&format!(
                "/api/v1/responses?project=demo&q={q}&limit={limit}{cursor}"
            ))
            .await
            .json()
            .await
            .unwrap();
        for item in page["items"].as_array().unwrap() {
            seen.push(item["comment"].as_str().unwrap().to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = format!("&cursor={c}"),
            None => return seen,
        }
    }
}

/// Stores an answer with `comment` in project `demo` as if it had arrived
/// at `at` (the API stamps answers with the present).
pub(crate) async fn store_comment(
    store: &dyn store::Store,
    score: u8,
    comment: &str,
    at: OffsetDateTime,
) {
    let wire: nps_protocol::NewResponse = serde_json::from_value(
        json!({"id": new_id(), "key": "demo", "score": score, "comment": comment}),
    )
    .unwrap();
    let response = ValidResponse::try_from(wire).unwrap();
    store.insert_response(response, at).await.unwrap();
}

fn urlencode(q: &str) -> String {
    q.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn words_and_their_beginnings_match_whatever_the_case_and_accents() {
    let app = spawn_app().await;
    seed(&app).await;
    let [csv, _, excel, decu, bob] = COMMENTS;

    for (q, expected, why) in [
        (
            "export",
            vec![excel, csv],
            "a word, and a longer word it begins",
        ),
        (
            "EXPOR",
            vec![csv, excel],
            "the start of a word, in capitals",
        ),
        ("xport", vec![], "not the middle of a word"),
        ("etait casse", vec![csv], "accents in the comment ignored"),
        ("ÉTAÏT", vec![csv], "accents in the query ignored"),
        ("deçu", vec![decu], "ç and u"),
        ("excel slow", vec![excel], "every word must match"),
        ("excel fast", vec![], "every word, not any"),
        ("l export", vec![csv], "one letter is a whole word"),
        ("example", vec![bob], "an address is words"),
        ("mail", vec![bob], "so is a hyphenated word"),
    ] {
        let mut expected = expected;
        expected.sort();
        assert_eq!(found(&app, q).await, expected, "{why}: q={q}");
    }
}

#[tokio::test]
async fn query_syntax_in_the_input_is_plain_text_and_never_an_error() {
    let app = spawn_app().await;
    seed(&app).await;

    for (q, n) in [
        ("\"export", 2),
        ("export*", 2),
        ("(export", 2),
        ("-export", 2),
        ("export:", 2),
        ("comment:export", 0),
        ("export OR slow", 0),
        ("NEAR(export slow)", 0),
        ("^export", 2),
        ("export\"*", 2),
        ("'export' & !slow | x:*", 0),
        ("a' OR 1=1 --", 0),
        ("100%_\\", 0),
        ("AND", 0),
        ("\"*()-:^'\\", 5),
        ("", 5),
        ("   ", 5),
    ] {
        assert_eq!(found(&app, q).await.len(), n, "q={q:?}");
    }
}

#[tokio::test]
async fn an_edited_comment_is_found_by_its_new_words_only() {
    let app = spawn_app().await;
    let (id, secret) = app.answer_with_secret(4).await;
    assert_eq!(
        app.comment(&id, "demo", &secret, "first thoughts")
            .await
            .status(),
        200
    );
    assert_eq!(found(&app, "first").await.len(), 1);

    let r = app.comment(&id, "demo", &secret, "second opinion").await;

    assert_eq!(r.status(), 200);
    assert_eq!(found(&app, "first").await.len(), 0, "old words gone");
    assert_eq!(found(&app, "secon").await, ["second opinion"]);
}

#[tokio::test]
async fn a_deleted_person_s_words_are_no_longer_found() {
    let app = spawn_app().await;
    seed(&app).await;

    let r = app
        .client
        .delete(app.url("/api/v1/users/user2?project=demo"))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap();

    assert_eq!(r.status(), 200);
    assert_eq!(found(&app, "export").await, [COMMENTS[0]]);
    assert_eq!(found(&app, "excel").await.len(), 0);
}

#[tokio::test]
async fn retention_takes_old_words_out_of_the_search() {
    let app = spawn_app().await;
    let r = app
        .client
        .patch(app.url("/api/v1/projects/demo"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({"retention_days": 30}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let store = store::open(&app.database_url).await.unwrap();
    let now = OffsetDateTime::now_utc();
    for (comment, age) in [("ancient history", 31), ("recent history", 1)] {
        store_comment(store.as_ref(), 9, comment, now - Duration::days(age)).await;
    }

    nps_collector::retention::run_once(store.as_ref(), now)
        .await
        .unwrap();

    assert_eq!(found(&app, "history").await, ["recent history"]);
    assert_eq!(found(&app, "ancient").await.len(), 0);
}

#[tokio::test]
async fn search_results_page_stably() {
    let app = spawn_app().await;
    for i in 0..5 {
        let body = json!({"id": new_id(), "key": "demo", "score": 3, "comment": format!("slow export {i}")});
        assert_eq!(app.post_response(&body).await.status(), 201);
        let other = json!({"id": new_id(), "key": "demo", "score": 9, "comment": "fast"});
        assert_eq!(app.post_response(&other).await.status(), 201);
    }

    let seen = every_page(&app, "slow", 2).await;

    let expected: Vec<String> = (0..5).rev().map(|i| format!("slow export {i}")).collect();
    assert_eq!(seen, expected);
}

/// Whatever the insertion order (rowids, which the full-text index is
/// keyed by) and however far apart the matches, pages are the exact
/// newest-first list, and a period of the user's own narrows them.
#[tokio::test]
async fn search_pages_are_exact_across_recent_and_old_periods() {
    let app = spawn_app().await;
    let store = store::open(&app.database_url).await.unwrap();
    let now = OffsetDateTime::now_utc();
    // Hours ago, inserted out of time order on purpose.
    let ages = [200 * 24, 1, 30 * 24, 12, 90, 5 * 24, 15 * 24, 2, 400 * 24];
    for (i, hours) in ages.iter().enumerate() {
        for comment in [format!("needle {hours}"), format!("hay {i}")] {
            store_comment(store.as_ref(), 5, &comment, now - Duration::hours(*hours)).await;
        }
    }
    let mut newest_first = ages.to_vec();
    newest_first.sort_unstable();
    let expected: Vec<String> = newest_first.iter().map(|h| format!("needle {h}")).collect();

    for limit in [1, 2, 4, 50] {
        let seen = every_page(&app, "needle", limit).await;
        assert_eq!(seen, expected, "limit {limit}");
    }

    // A period of the user's own: only its matches, still newest first.
    let fmt = |t: OffsetDateTime| {
        t.format(&time::format_description::well_known::Rfc3339)
            .unwrap()
            .replace(':', "%3A")
            .replace('+', "%2B")
    };
    let page: Value = app
        .admin_get(&format!(
            "/api/v1/responses?project=demo&q=needle&from={}&to={}",
            fmt(now - Duration::days(20)),
            fmt(now - Duration::hours(3)),
        ))
        .await
        .json()
        .await
        .unwrap();
    let comments: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["comment"].as_str().unwrap())
        .collect();
    assert_eq!(
        comments,
        ["needle 12", "needle 90", "needle 120", "needle 360"]
    );
}

/// Answers of the same millisecond (the index keeps them in arrival
/// order) still come in the feed's (time, id) order, across pages of any
/// size, exactly as the feed without a search lists them.
#[tokio::test]
async fn answers_of_one_millisecond_page_in_the_feeds_order() {
    let app = spawn_app().await;
    let store = store::open(&app.database_url).await.unwrap();
    let now = OffsetDateTime::now_utc();
    let insert = |comment: &str, at: OffsetDateTime| {
        let (store, comment) = (store.clone(), comment.to_owned());
        async move { store_comment(store.as_ref(), 5, &comment, at).await }
    };
    insert("tie newer", now + Duration::seconds(1)).await;
    for i in 0..7 {
        insert(&format!("tie {i}"), now).await;
        insert("no match", now).await;
    }
    insert("tie older", now - Duration::seconds(1)).await;
    // The feed without a search, comments only: the order to reproduce.
    let all: Value = app
        .admin_get("/api/v1/responses?project=demo&has_comment=true&limit=100")
        .await
        .json()
        .await
        .unwrap();
    let expected: Vec<String> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["comment"].as_str().unwrap().to_owned())
        .filter(|c| c.starts_with("tie"))
        .collect();
    assert_eq!(expected.len(), 9);
    assert_eq!(expected[0], "tie newer");
    assert_eq!(expected[8], "tie older");

    for limit in [1, 2, 3, 4, 50] {
        assert_eq!(
            every_page(&app, "tie", limit).await,
            expected,
            "limit {limit}"
        );
    }
}

/// A period far outside the index's keys (which are times × 2^20) is a
/// period like any other, not an overflow.
#[tokio::test]
async fn a_search_over_the_widest_period_finds_everything() {
    let app = spawn_app().await;
    seed(&app).await;

    let r = app
        .admin_get(
            "/api/v1/responses?project=demo&q=export\
             &from=0001-01-01T00%3A00%3A00Z&to=9999-12-31T23%3A59%3A59Z",
        )
        .await;

    assert_eq!(r.status(), 200);
    let page: Value = r.json().await.unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
}

/// Autovacuum, `pg_dump`'s restore and `ANALYZE` run with an empty
/// `search_path`; the search index's expression must still evaluate there,
/// or PostgreSQL can never vacuum nor analyze the responses table (its
/// first version called `nps_search_fold` unqualified and did exactly
/// that). On SQLite there is nothing to check: FTS5 is not an expression.
#[tokio::test]
async fn the_search_index_can_be_vacuumed_with_an_empty_search_path() {
    use sqlx::Connection;
    let app = spawn_app().await;
    seed(&app).await;
    if !app.database_url.starts_with("postgres") {
        return;
    }
    let mut connection = sqlx::PgConnection::connect(&app.database_url)
        .await
        .unwrap();
    sqlx::raw_sql("SET search_path = ''")
        .execute(&mut connection)
        .await
        .unwrap();
    for maintenance in ["ANALYZE public.responses", "VACUUM public.responses"] {
        if let Err(e) = sqlx::raw_sql(maintenance).execute(&mut connection).await {
            panic!("{maintenance} failed: {e}");
        }
    }
    // And the search still finds the words (the index rebuilt from the
    // new expression gives the same vectors).
    assert_eq!(
        found(&app, "adore").await,
        ["J'adore la nouvelle interface"]
    );
}
