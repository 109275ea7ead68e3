//! `spawn_app()`: a collector on a free port with its own database.

use nps_collector::settings::DatabaseSettings;
use nps_collector::{Application, Settings};
use secrecy::SecretString;
use serde_json::{json, Value};
use std::sync::{Mutex, Once, PoisonError};

/// The admin token every test app uses.
pub const ADMIN_TOKEN: &str = "test-admin-token";

/// A running collector and a client for it.
pub struct TestApp {
    pub address: String,
    pub database_url: String,
    pub client: reqwest::Client,
    /// The server task: aborting it stops the server and its loops.
    server: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    // Dropped with the app: the database lives as long as the test.
    dir: Option<tempfile::TempDir>,
}

static TRACING: Once = Once::new();
static PANIC_HOOK: Once = Once::new();

/// Panics seen anywhere in the process, by the name of the thread they
/// happened on. The collector's tasks run on the test's own runtime (one
/// thread, named after the test), so a panic in a handler or in a
/// response body's stream lands under the test that caused it, even when
/// the client only saw a truncated body.
static PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn record_panics() {
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let thread = std::thread::current().name().unwrap_or("").to_owned();
            PANICS
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(thread);
            previous(info);
        }));
    });
}

impl Drop for TestApp {
    /// Fails the test when the collector panicked on its thread: a panic
    /// anywhere fails the test that caused it.
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        let here = std::thread::current().name().unwrap_or("").to_owned();
        let panicked = PANICS
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(&here);
        assert!(
            !panicked,
            "the collector panicked during {here} (see the log above)"
        );
    }
}

/// Starts a collector with the demo project on a fresh database: a SQLite
/// file, or a new PostgreSQL database when `NPS_TEST_DATABASE_URL` names a
/// server (`tests/run.sh` runs this suite both ways). Logs are silent
/// unless `TEST_LOG` is set.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Like [`spawn_app`], with settings changed first (e.g. rate limits on).
pub async fn spawn_app_with(configure: impl FnOnce(&mut Settings)) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let database_url = fresh_database(&dir).await;
    start(database_url, dir, configure).await
}

/// Starts a collector on an existing database (a second instance).
pub async fn spawn_app_on(database_url: String, dir: tempfile::TempDir) -> TestApp {
    start(database_url, dir, |_| {}).await
}

async fn start(
    database_url: String,
    dir: tempfile::TempDir,
    configure: impl FnOnce(&mut Settings),
) -> TestApp {
    record_panics();
    TRACING.call_once(|| {
        if std::env::var_os("TEST_LOG").is_some() {
            tracing_subscriber::fmt().with_env_filter("debug").init();
        }
    });
    let mut settings = Settings {
        listen: "127.0.0.1:0".parse().unwrap(),
        database: DatabaseSettings {
            url: database_url.clone(),
        },
        admin_token: Some(SecretString::from(ADMIN_TOKEN)),
        demo: true,
        rate_limit_per_ip: 0,
        rate_limit_per_key: 0,
        trust_forwarded_for: false,
        transport: Default::default(),
        public_url: None,
        webhook_allow_private: true,
    };
    configure(&mut settings);
    let app = Application::build(settings).await.expect("app builds");
    let address = format!("http://{}", app.local_addr().unwrap());
    let server = tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        database_url,
        client: browser_like_client(),
        server: Some(server),
        dir: Some(dir),
    }
}

/// What browsers, Node's fetch and `curl --compressed` send: every API
/// test goes through the compression layer the way real clients do.
pub const ACCEPT_ENCODING: &str = "gzip, deflate, br, zstd";

/// A client that asks for compressed answers and decodes them.
pub fn browser_like_client() -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::ACCEPT_ENCODING,
        reqwest::header::HeaderValue::from_static(ACCEPT_ENCODING),
    );
    reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .expect("client builds")
}

/// The URL of an empty database for one test.
pub async fn fresh_database(dir: &tempfile::TempDir) -> String {
    match std::env::var("NPS_TEST_DATABASE_URL") {
        Ok(server) if server.starts_with("postgres") => {
            use sqlx::{Connection, Executor};
            let name = format!("nps_test_{}", uuid::Uuid::new_v4().simple());
            let mut admin = sqlx::PgConnection::connect(&server)
                .await
                .expect("PostgreSQL reachable");
            admin
                .execute(format!("CREATE DATABASE {name}").as_str())
                .await
                .expect("database created");
            let base = server
                .rsplit_once('/')
                .map_or(server.as_str(), |(base, _)| base);
            format!("{base}/{name}")
        }
        _ => format!("sqlite://{}", dir.path().join("nps.db").display()),
    }
}

/// A fresh response id.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A fresh response secret, as the widget makes one.
pub fn new_secret() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

impl TestApp {
    /// Stops this instance (a crash, as far as its loops are concerned)
    /// and hands back its database directory for the next one.
    pub async fn stop(mut self) -> (String, tempfile::TempDir) {
        if let Some(server) = self.server.take() {
            server.abort();
            let _ = server.await;
        }
        let dir = self.dir.take().expect("the database directory");
        (std::mem::take(&mut self.database_url), dir)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// POSTs a JSON value to `/api/v1/responses`.
    pub async fn post_response(&self, body: &Value) -> reqwest::Response {
        self.client
            .post(self.url("/api/v1/responses"))
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    /// POSTs a raw body with a JSON content type.
    pub async fn post_raw(&self, body: impl Into<reqwest::Body>) -> reqwest::Response {
        self.client
            .post(self.url("/api/v1/responses"))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("request sent")
    }

    /// Stores a score for the demo project and returns its id.
    pub async fn answer(&self, score: u8) -> String {
        let id = new_id();
        let r = self
            .post_response(&json!({"id": id, "key": "demo", "score": score}))
            .await;
        assert_eq!(r.status(), 201, "storing score {score}");
        id
    }

    /// Stores a score for the demo project with a response secret and
    /// returns its id and secret (what the widget keeps in its outbox).
    pub async fn answer_with_secret(&self, score: u8) -> (String, String) {
        let (id, secret) = (new_id(), new_secret());
        let r = self
            .post_response(&json!({"id": id, "key": "demo", "score": score, "secret": secret}))
            .await;
        assert_eq!(r.status(), 201, "storing score {score}");
        (id, secret)
    }

    /// PATCHes a comment with the response's secret.
    pub async fn comment(
        &self,
        id: &str,
        key: &str,
        secret: &str,
        comment: &str,
    ) -> reqwest::Response {
        self.patch_comment(
            id,
            &json!({"key": key, "secret": secret, "comment": comment}),
        )
        .await
    }

    /// PATCHes any comment body.
    pub async fn patch_comment(&self, id: &str, body: &Value) -> reqwest::Response {
        self.client
            .patch(self.url(&format!("/api/v1/responses/{id}")))
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    /// GET with the admin token.
    pub async fn admin_get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .bearer_auth(ADMIN_TOKEN)
            .send()
            .await
            .expect("request sent")
    }

    /// The demo project's stats as JSON.
    pub async fn stats(&self) -> Value {
        let r = self.admin_get("/api/v1/stats?project=demo").await;
        assert_eq!(r.status(), 200);
        r.json().await.unwrap()
    }
}

/// Reads a problem document and returns its `code`, checking its shape.
pub async fn problem_code(response: reqwest::Response) -> String {
    let body: Value = response.json().await.expect("problem is JSON");
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "message in {body}"
    );
    body["code"].as_str().expect("code").to_owned()
}
