//! A webhook receiver on loopback for the alert tests: records what it
//! gets (and when), and answers with the status it is told to, after the
//! delay it is told to.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::post;
use axum::Router;

/// One request received.
#[derive(Debug, Clone)]
pub struct Received {
    pub headers: HeaderMap,
    pub body: String,
    /// When the request arrived.
    pub at: Instant,
}

#[derive(Clone, Default)]
struct Inner {
    answer: Arc<Mutex<(u16, Option<u64>)>>,
    delay: Arc<Mutex<Duration>>,
    seen: Arc<Mutex<Vec<Received>>>,
    answered: Arc<Mutex<Vec<Instant>>>,
}

/// The receiver; `url` is where to point a webhook.
pub struct Receiver {
    pub url: String,
    inner: Inner,
}

impl Receiver {
    pub async fn start() -> Self {
        let inner = Inner::default();
        *inner.answer.lock().unwrap() = (200, None);
        let app = Router::new()
            .route("/hook", post(receive))
            .with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { url, inner }
    }

    /// A receiver that takes `delay` to answer each request.
    pub async fn slow(delay: Duration) -> Self {
        let r = Self::start().await;
        *r.inner.delay.lock().unwrap() = delay;
        r
    }

    /// Answers `status` (with `Retry-After`) from now on.
    pub fn answer(&self, status: u16, retry_after: Option<u64>) {
        *self.inner.answer.lock().unwrap() = (status, retry_after);
    }

    /// Everything received so far.
    pub fn seen(&self) -> Vec<Received> {
        self.inner.seen.lock().unwrap().clone()
    }

    /// When each answer was sent, so far.
    pub fn answered(&self) -> Vec<Instant> {
        self.inner.answered.lock().unwrap().clone()
    }

    /// Waits (polling, up to `limit`) until `n` requests arrived; whether
    /// they did.
    pub async fn wait_for(&self, n: usize, limit: Duration) -> bool {
        let start = Instant::now();
        while self.seen().len() < n {
            if start.elapsed() > limit {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        true
    }
}

async fn receive(
    State(inner): State<Inner>,
    headers: HeaderMap,
    body: String,
) -> impl IntoResponse {
    inner.seen.lock().unwrap().push(Received {
        headers,
        body,
        at: Instant::now(),
    });
    let delay = *inner.delay.lock().unwrap();
    tokio::time::sleep(delay).await;
    let (status, retry_after) = *inner.answer.lock().unwrap();
    inner.answered.lock().unwrap().push(Instant::now());
    let mut response = StatusCode::from_u16(status).unwrap().into_response();
    if let Some(secs) = retry_after {
        response.headers_mut().insert("retry-after", secs.into());
    }
    response
}
