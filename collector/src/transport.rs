//! The transport under the router: accepts TCP connections and serves them
//! over HTTP/1.1 with limits, so no client can hold the server.
//!
//! `axum::serve` times nothing out and counts nothing, so one client with a
//! thousand silent sockets used to exhaust the file descriptors. Here:
//! - every connection must send its request head within `header_timeout`,
//!   and an idle keep-alive connection is closed after the same time (hyper
//!   starts that timer again as soon as a response is written);
//! - connections are counted, overall and per client address (IPv6 per
//!   /64): past either cap a new connection is closed at once, with a log
//!   line, instead of waiting in the kernel's queue and starving others;
//! - the soft file-descriptor limit is raised to the hard one at start-up,
//!   and the overall cap is kept below it.
//!
//! Request and body deadlines are tower layers (see `http::app`), since
//! they must answer with a problem document.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::ServiceExt;

use crate::settings::TransportSettings;

/// File descriptors kept free for the database, logs and the listener.
const RESERVED_FDS: u64 = 64;

/// Serves `router` on `listener` until `shutdown` completes, then lets the
/// open connections finish their current request.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    settings: TransportSettings,
    shutdown: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    let gate = Arc::new(Gate::new(&settings));
    let graceful = GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(settings.header_timeout())
        .max_buf_size(32 * 1024);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // EMFILE and friends: back off instead of spinning; the
                    // connections in hand will time out and free slots.
                    tracing::error!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Some(slot) = gate.admit(peer.ip()) else {
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let connection = builder.serve_connection(TokioIo::new(stream), service(&router, peer));
        let watched = graceful.watch(connection);
        tokio::spawn(async move {
            let _slot = slot;
            if let Err(e) = watched.await {
                tracing::debug!(error = %e, "connection closed with an error");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// The router as a hyper service that knows the peer's address (for the
/// per-IP rate limit, as `into_make_service_with_connect_info` would).
fn service(
    router: &Router,
    peer: SocketAddr,
) -> TowerToHyperService<
    impl tower::Service<
            axum::http::Request<Incoming>,
            Response = axum::response::Response,
            Error = std::convert::Infallible,
            Future = impl Send,
        > + Clone,
> {
    let router = router.clone();
    TowerToHyperService::new(router.map_request(
        move |mut request: axum::http::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            request
        },
    ))
}

/// Counts open connections, overall and per client.
#[derive(Debug)]
struct Gate {
    max_total: usize,
    max_per_client: usize,
    open: AtomicUsize,
    per_client: Mutex<HashMap<IpAddr, usize>>,
    last_warning: Mutex<Option<Instant>>,
}

impl Gate {
    fn new(settings: &TransportSettings) -> Self {
        let fds = raise_fd_limit();
        let ceiling = usize::try_from(fds.saturating_sub(RESERVED_FDS)).unwrap_or(usize::MAX);
        let max_total = settings.max_connections.min(ceiling.max(1));
        if max_total < settings.max_connections {
            tracing::warn!(
                max_total,
                file_descriptors = fds,
                "--max-connections lowered to fit the file-descriptor limit"
            );
        }
        Self {
            max_total,
            max_per_client: settings.max_connections_per_ip,
            open: AtomicUsize::new(0),
            per_client: Mutex::new(HashMap::new()),
            last_warning: Mutex::new(None),
        }
    }

    /// A slot for a new connection from `ip`, or `None` past a cap.
    fn admit(self: &Arc<Self>, ip: IpAddr) -> Option<Slot> {
        let client = client_prefix(ip);
        if self.open.fetch_add(1, Ordering::AcqRel) >= self.max_total {
            self.open.fetch_sub(1, Ordering::AcqRel);
            self.warn("connection refused: --max-connections reached", client);
            return None;
        }
        if self.max_per_client > 0 {
            let mut per_client = self.per_client.lock().unwrap_or_else(|e| e.into_inner());
            let count = per_client.entry(client).or_insert(0);
            if *count >= self.max_per_client {
                drop(per_client);
                self.open.fetch_sub(1, Ordering::AcqRel);
                self.warn(
                    "connection refused: --max-connections-per-ip reached",
                    client,
                );
                return None;
            }
            *count += 1;
        }
        Some(Slot {
            gate: Arc::clone(self),
            client,
        })
    }

    /// Logs a refusal at most once every ten seconds: a flood must not
    /// turn into a flood of log lines.
    fn warn(&self, what: &'static str, client: IpAddr) {
        let mut last = self.last_warning.lock().unwrap_or_else(|e| e.into_inner());
        if last.is_none_or(|t| t.elapsed() >= Duration::from_secs(10)) {
            *last = Some(Instant::now());
            tracing::warn!(%client, open = self.open.load(Ordering::Relaxed), "{what}");
        }
    }
}

/// An admitted connection; frees its place when dropped.
#[derive(Debug)]
struct Slot {
    gate: Arc<Gate>,
    client: IpAddr,
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.gate.open.fetch_sub(1, Ordering::AcqRel);
        if self.gate.max_per_client > 0 {
            let mut per_client = self
                .gate
                .per_client
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            if let Some(count) = per_client.get_mut(&self.client) {
                *count -= 1;
                if *count == 0 {
                    per_client.remove(&self.client);
                }
            }
        }
    }
}

/// The unit a client is counted by: its IPv4 address, or the /64 of its
/// IPv6 address (one subscriber usually holds a whole /64).
pub(crate) fn client_prefix(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let mut segments = v6.segments();
                segments[4..].fill(0);
                IpAddr::V6(segments.into())
            }
        },
    }
}

/// Raises the soft limit on open files to the hard one; returns the limit
/// in force.
fn raise_fd_limit() -> u64 {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => limit,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read or raise the open-file limit");
            1024
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_are_counted_per_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(client_prefix(a), client_prefix(b), "same /64");
        assert_ne!(client_prefix(a), client_prefix(c), "another /64");
    }

    #[test]
    fn ipv4_clients_and_mapped_addresses_are_counted_per_address() {
        let v4: IpAddr = "192.0.2.7".parse().unwrap();
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(client_prefix(v4), v4);
        assert_eq!(client_prefix(mapped), v4);
    }
}
