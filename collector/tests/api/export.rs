//! The export downloads in full whatever encoding the client accepts:
//! browsers, Node's fetch and `curl --compressed` all ask for gzip or br,
//! and the compression layer once made the stream panic after its last page.

use serde_json::{json, Value};

use crate::helpers::{new_id, spawn_app, TestApp, ADMIN_TOKEN};

/// More than one page of the export (1,000 rows a page).
const ANSWERS: usize = 1_203;

async fn seed(app: &TestApp) {
    for i in 0..ANSWERS {
        let body = json!({"id": new_id(), "key": "demo", "score": i % 11, "comment": format!("answer {i}")});
        assert_eq!(app.post_response(&body).await.status(), 201);
    }
}

/// A client that decodes nothing, so the test sees the encoding chosen.
fn raw_client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_gzip()
        .no_brotli()
        .no_zstd()
        .no_deflate()
        .build()
        .unwrap()
}

async fn download(app: &TestApp, format: &str, encoding: Option<&str>) -> (String, String) {
    let url = app.url(&format!(
        "/api/v1/responses/export?project=demo&format={format}"
    ));
    // The encoding the server picked, seen undecoded.
    let mut raw = raw_client().get(&url).bearer_auth(ADMIN_TOKEN);
    if let Some(encoding) = encoding {
        raw = raw.header("accept-encoding", encoding);
    }
    let raw = raw.send().await.unwrap();
    assert_eq!(raw.status(), 200, "{format} {encoding:?}");
    let chosen = raw
        .headers()
        .get("content-encoding")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert!(
        !raw.bytes().await.unwrap().is_empty(),
        "{format} {encoding:?}: a body"
    );
    // The same download decoded, as a browser reads it.
    let mut decoded = app.client.get(&url).bearer_auth(ADMIN_TOKEN);
    if let Some(encoding) = encoding {
        decoded = decoded.header("accept-encoding", encoding);
    }
    let decoded = decoded.send().await.unwrap();
    assert_eq!(decoded.status(), 200);
    (chosen, decoded.text().await.unwrap())
}

#[tokio::test]
async fn the_export_downloads_in_full_with_gzip_br_or_no_encoding() {
    let app = spawn_app().await;
    seed(&app).await;

    for encoding in [
        Some("gzip"),
        Some("br"),
        None,
        Some(crate::helpers::ACCEPT_ENCODING),
    ] {
        let (chosen, csv) = download(&app, "csv", encoding).await;
        match encoding {
            Some("gzip") => assert_eq!(chosen, "gzip"),
            Some("br") => assert_eq!(chosen, "br"),
            None => assert_eq!(chosen, ""),
            Some(_) => assert!(!chosen.is_empty(), "a browser's header gets compression"),
        }
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines.len(),
            ANSWERS + 1,
            "csv with {encoding:?}: header and every row"
        );
        assert!(lines[0].starts_with("id,created_at,score"));

        let (_, jsonl) = download(&app, "jsonl", encoding).await;
        let rows: Vec<Value> = jsonl
            .lines()
            .map(|l| serde_json::from_str(l).expect("each line is JSON"))
            .collect();
        assert_eq!(rows.len(), ANSWERS, "jsonl with {encoding:?}: every row");
    }
}

#[tokio::test]
async fn a_persons_export_downloads_in_full_with_gzip_or_br() {
    let app = spawn_app().await;
    for score in [3, 9] {
        let body =
            json!({"id": new_id(), "key": "demo", "score": score, "user_id": "ada@example.com"});
        assert_eq!(app.post_response(&body).await.status(), 201);
    }
    for encoding in ["gzip", "br"] {
        let r = app
            .client
            .get(app.url("/api/v1/users/ada@example.com/export?project=demo"))
            .bearer_auth(ADMIN_TOKEN)
            .header("accept-encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{encoding}");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["responses"].as_array().unwrap().len(), 2, "{encoding}");
    }
}
