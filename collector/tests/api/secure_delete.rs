//! SQLite runs with `secure_delete = ON` on every connection: a comment
//! erased (through the read pool) or replaced (through the writer) leaves
//! no text in the database file once the WAL is checkpointed. PostgreSQL
//! keeps dead tuples until VACUUM; nothing to check there.

use serde_json::json;
use sqlx::{Connection, Row};

use crate::helpers::{new_id, new_secret, spawn_app, ADMIN_TOKEN};

const ERASED: &str = "remember the purple giraffe of Zanzibar";
const REPLACED: &str = "the orange walrus sings at midnight";

fn holds(bytes: &[u8], text: &str) -> bool {
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

#[tokio::test]
async fn erased_and_replaced_comments_leave_no_text_in_the_sqlite_file() {
    let app = spawn_app().await;
    let Some(path) = app
        .database_url
        .strip_prefix("sqlite://")
        .map(str::to_owned)
    else {
        return;
    };
    // Arrange: one answer whose author is erased, one whose comment changes,
    // and enough others that the pages freed are not simply dropped.
    let erased =
        json!({"id": new_id(), "key": "demo", "score": 3, "user_id": "erin", "comment": ERASED});
    assert_eq!(app.post_response(&erased).await.status(), 201);
    let (id, secret) = (new_id(), new_secret());
    // Long, so the short comment replacing it reuses only part of its cell:
    // without secure_delete the rest of the old text stays in the page.
    let long = format!("{REPLACED}. ").repeat(50);
    let replaced = json!({"id": id, "key": "demo", "score": 4, "secret": secret, "comment": long});
    assert_eq!(app.post_response(&replaced).await.status(), 201);
    for score in 0..=10u8 {
        app.answer(score).await;
    }

    // Act
    let changed = app.comment(&id, "demo", &secret, "never mind").await;
    let deleted = app
        .client
        .delete(app.url("/api/v1/users/erin?project=demo"))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap();
    let mut connection = sqlx::SqliteConnection::connect(&app.database_url)
        .await
        .unwrap();
    let checkpoint = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .fetch_one(&mut connection)
        .await
        .unwrap();

    // Assert
    assert_eq!(changed.status(), 200);
    assert_eq!(deleted.status(), 200);
    assert_eq!(
        checkpoint.get::<i64, _>(0),
        0,
        "the checkpoint was not blocked"
    );
    let file = std::fs::read(&path).unwrap();
    let wal = std::fs::read(format!("{path}-wal")).unwrap_or_default();
    assert!(
        holds(&file, "never mind"),
        "the new comment is there: the search can find text"
    );
    for text in [ERASED, REPLACED] {
        assert!(!holds(&file, text), "{text:?} is still in the file");
        assert!(!holds(&wal, text), "{text:?} is still in the WAL");
    }
}
