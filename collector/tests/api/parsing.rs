//! Property tests of request parsing through the whole HTTP stack: for any
//! body, JSON or not, the collector answers a 2xx or a 4xx problem, never a
//! 5xx and never a panic. Driven with `oneshot`, no socket, so hundreds of
//! cases run in a second or two.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use nps_collector::http::RateLimits;
use nps_collector::{app, AppState};
use proptest::prelude::*;
use secrecy::SecretString;
use serde_json::{json, Value};
use tower::ServiceExt;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

async fn state(dir: &tempfile::TempDir) -> AppState {
    let url = format!("sqlite://{}", dir.path().join("nps.db").display());
    let store = nps_collector::store::open(&url).await.unwrap();
    let demo = nps_collector::store::Project {
        key: nps_collector::domain::ProjectKey::try_from("demo".to_owned()).unwrap(),
        name: "Demo".into(),
        settings: Default::default(),
    };
    store.create_project(&demo).await.unwrap();
    AppState::new(
        store,
        SecretString::from("t"),
        true,
        RateLimits::new(0, 0, false),
    )
}

/// Any JSON value, nested a little.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        ".{0,40}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(".{0,8}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Response-shaped objects whose every field may be of the wrong type.
fn response_like() -> impl Strategy<Value = Value> {
    (
        any_json(),
        any_json(),
        any_json(),
        any_json(),
        any_json(),
        any_json(),
    )
        .prop_map(|(id, score, comment, user_id, moment, traits)| {
            json!({"id": id, "key": "demo", "score": score, "comment": comment,
                   "user_id": user_id, "moment": moment, "traits": traits})
        })
}

async fn status_of(state: AppState, method: &str, uri: &str, body: Vec<u8>) -> StatusCode {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json")
        .body(Body::from(body))
        .unwrap();
    let response = app(state).oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    if !status.is_success() {
        let problem: Value = serde_json::from_slice(&bytes).expect("errors are JSON problems");
        assert!(problem["code"].is_string(), "problem has a code: {problem}");
    }
    status
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_posted_as_a_response_get_a_4xx_not_a_5xx(body in prop::collection::vec(any::<u8>(), 0..512)) {
        let rt = runtime();
        let dir = tempfile::tempdir().unwrap();
        let status = rt.block_on(async { status_of(state(&dir).await, "POST", "/api/v1/responses", body).await });
        prop_assert!(status.is_client_error() || status.is_success(), "status {}", status);
    }

    #[test]
    fn any_json_as_a_response_or_event_never_errs_on_the_server(body in prop_oneof![any_json(), response_like()]) {
        let rt = runtime();
        let dir = tempfile::tempdir().unwrap();
        let bytes = serde_json::to_vec(&body).unwrap();
        rt.block_on(async {
            let st = state(&dir).await;
            for uri in ["/api/v1/responses", "/api/v1/events"] {
                let status = status_of(st.clone(), "POST", uri, bytes.clone()).await;
                assert!(status.is_client_error() || status.is_success(), "{uri}: status {status} for {body}");
            }
            let patch = status_of(st, "PATCH", "/api/v1/responses/67e55044-10b1-426f-9247-bb680e5fe0c8", bytes.clone()).await;
            assert!(patch.is_client_error() || patch.is_success(), "patch: status {patch}");
        });
    }
}
