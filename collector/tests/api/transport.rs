//! One client must not hold the server: slow heads time out, idle
//! keep-alive connections close, connections are counted per client, and
//! an announced body over the limit is refused before it is read. Another
//! client's request is answered meanwhile.
//!
//! The attacker connects from 127.0.0.2 (Linux routes all of 127/8 to the
//! loopback), the honest client from 127.0.0.1.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

use crate::helpers::{spawn_app_with, TestApp};

const WAIT: Duration = Duration::from_secs(10);

async fn slow_app(per_ip: usize) -> TestApp {
    spawn_app_with(|s| {
        s.transport.header_timeout_secs = 1;
        s.transport.max_connections_per_ip = per_ip;
    })
    .await
}

/// A connection from the attacker's address.
async fn attacker_connection(app: &TestApp) -> TcpStream {
    let server: std::net::SocketAddr = app.address.trim_start_matches("http://").parse().unwrap();
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.2:0".parse().unwrap()).unwrap();
    socket.connect(server).await.unwrap()
}

/// Reads until the server closes the connection (or the test's patience
/// ends); returns what was read, `None` if it stayed open.
async fn read_until_closed(stream: &mut TcpStream) -> Option<String> {
    let mut seen = Vec::new();
    let closed = tokio::time::timeout(WAIT, async {
        let mut buf = [0u8; 1024];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => seen.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    closed
        .ok()
        .map(|()| String::from_utf8_lossy(&seen).into_owned())
}

async fn healthz_answers(app: &TestApp) -> bool {
    let request = app.client.get(app.url("/healthz")).timeout(WAIT).send();
    matches!(request.await, Ok(r) if r.status() == 200)
}

#[tokio::test]
async fn slow_headers_are_cut_off_and_others_are_still_served() {
    let app = slow_app(1_000).await;
    let mut lorises = Vec::new();
    for _ in 0..300 {
        let mut c = attacker_connection(&app).await;
        c.write_all(b"POST /api/v1/responses HTTP/1.1\r\nHost: x\r\n")
            .await
            .unwrap();
        lorises.push(c);
    }

    assert!(
        healthz_answers(&app).await,
        "another client is served meanwhile"
    );
    let first = lorises.first_mut().unwrap();
    assert!(
        read_until_closed(first).await.is_some(),
        "a head not finished within the header timeout is closed"
    );
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed() {
    let app = slow_app(1_000).await;
    let mut c = attacker_connection(&app).await;
    c.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();

    let seen = read_until_closed(&mut c).await;

    let seen = seen.expect("closed after the idle timeout");
    assert!(
        seen.starts_with("HTTP/1.1 200"),
        "the request was served first: {seen}"
    );
}

#[tokio::test]
async fn a_flood_of_connections_from_one_client_is_capped() {
    let app = slow_app(32).await;
    let mut held = Vec::new();
    for _ in 0..200 {
        held.push(attacker_connection(&app).await);
    }

    let mut last = held.pop().unwrap();
    let refused = tokio::time::timeout(Duration::from_secs(1), read_until_closed(&mut last)).await;

    assert!(
        matches!(refused, Ok(Some(ref s)) if s.is_empty()),
        "a connection past the per-client cap is closed at once"
    );
    assert!(
        healthz_answers(&app).await,
        "another client is served meanwhile"
    );
}

#[tokio::test]
async fn a_body_announced_over_the_limit_is_refused_before_it_is_sent() {
    let app = slow_app(1_000).await;
    let mut c = attacker_connection(&app).await;
    c.write_all(
        b"POST /api/v1/responses HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
          Content-Length: 1000000000000\r\n\r\n",
    )
    .await
    .unwrap();

    let seen = read_until_closed(&mut c)
        .await
        .expect("answered and closed");

    assert!(seen.starts_with("HTTP/1.1 413"), "{seen}");
    assert!(seen.contains("payload_too_large"), "{seen}");
}
