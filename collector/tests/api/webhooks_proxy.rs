//! The webhook client ignores `HTTP_PROXY` and friends: through a proxy,
//! the proxy would connect to the target and the address check would
//! guard nothing. Proxy variables are process-wide (and reqwest reads them
//! once per process), so the check runs in a child process of this test
//! binary, which sets them for itself alone.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use nps_collector::alerts::Alerts;
use nps_collector::store;

/// Set in the child only.
const CHILD: &str = "NPS_TEST_PROXY_CHILD";

/// A listener answering every connection with `status`; counts them.
async fn listener(status: &'static str) -> (String, Arc<AtomicUsize>) {
    let socket = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", socket.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let counted = count.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = socket.accept().await {
            counted.fetch_add(1, Ordering::SeqCst);
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf).await;
            let answer =
                format!("HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
            let _ = stream.write_all(answer.as_bytes()).await;
        }
    });
    (address, count)
}

#[test]
fn the_webhook_client_ignores_proxy_variables() {
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "webhooks_proxy::with_proxy_variables",
            "--ignored",
            "--nocapture",
        ])
        .env(CHILD, "1")
        .output()
        .unwrap();

    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs in the child process, which sets the proxy variables for itself
/// before any client is built.
#[tokio::test]
#[ignore = "run by the_webhook_client_ignores_proxy_variables, in a child process"]
async fn with_proxy_variables() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    let (proxy, _) = listener("502 Bad Gateway").await;
    let (target, reached) = listener("204 No Content").await;
    for name in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        std::env::set_var(name, &proxy);
    }
    std::env::remove_var("NO_PROXY");
    std::env::remove_var("no_proxy");
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("nps.db").display());
    let alerts = Alerts::new(
        store::open(&url).await.unwrap(),
        "http://nps.test".into(),
        true,
    );
    let limit = Duration::from_secs(10);

    // A client that honours the variables goes through the proxy…
    let proxied = reqwest::Client::new()
        .post(&target)
        .timeout(limit)
        .send()
        .await
        .unwrap();
    // …the webhook client goes straight to the target.
    let direct = alerts
        .client
        .post(&target)
        .timeout(limit)
        .send()
        .await
        .unwrap();

    assert_eq!(
        proxied.status(),
        502,
        "the variables are in force ({proxy})"
    );
    assert_eq!(direct.status(), 204, "the webhook client ignored them");
    assert_eq!(reached.load(Ordering::SeqCst), 1, "only the direct request");
}
