//! The delivery client and where it may connect. Every address a target
//! resolves to is checked by [`ssrf`](super::ssrf) when the endpoint is
//! created and again when a delivery connects (a name can be re-pointed
//! after creation); an IP literal is checked before the request, since the
//! connector does not resolve it. The client ignores `HTTP(S)_PROXY` and
//! `ALL_PROXY`: through a proxy, the proxy would connect to the target and
//! the check above would guard nothing.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::Url;

use super::ssrf::refusal;

/// A resolver that drops refused addresses (unless allowed): what the
/// connection uses is what was checked.
#[derive(Debug, Clone, Copy)]
struct PublicOnly {
    /// `--webhook-allow-private`.
    allow_private: bool,
}

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        Box::pin(async move {
            let host = format!("{}:0", name.as_str());
            let found: Vec<SocketAddr> = tokio::net::lookup_host(host)
                .await?
                .filter(|a| allow_private || refusal(a.ip()).is_none())
                .collect();
            if found.is_empty() {
                let refused: Box<dyn std::error::Error + Send + Sync> =
                    "the webhook's host resolves only to refused (private or special) addresses"
                        .into();
                return Err(refused);
            }
            let addrs: Addrs = Box::new(found.into_iter());
            Ok(addrs)
        })
    }
}

/// Checks a URL's host now (at creation): every address it resolves to must
/// be public unless `allow_private`. Returns why not.
pub async fn check_target(url: &Url, allow_private: bool) -> Result<(), String> {
    let host = url.host_str().ok_or("the URL has no host")?;
    let port = url.port_or_known_default().unwrap_or(443);
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host, port))
        .await
        .map_err(|e| format!("cannot resolve {host}: {e}"))?
        .collect();
    if addrs.is_empty() {
        return Err(format!("{host} resolves to no address"));
    }
    if allow_private {
        return Ok(());
    }
    match addrs.iter().find_map(|a| Some((a.ip(), refusal(a.ip())?))) {
        Some((ip, why)) => Err(format!(
            "{host} resolves to {ip}, a {why} address; run the collector with \
             --webhook-allow-private to allow private targets"
        )),
        None => Ok(()),
    }
}

/// Why a URL whose host is an IP literal may not be sent to (the
/// connector skips the resolver for those, so it is checked here).
pub fn literal_refused(url: &Url, allow_private: bool) -> Option<&'static str> {
    let host = url.host_str()?;
    let ip: std::net::IpAddr = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .ok()?;
    (!allow_private).then(|| refusal(ip)).flatten()
}

/// The delivery client: the resolver above, no proxy, no redirects (a
/// redirect is a failure: the endpoint's URL should be updated), and
/// `timeout` for a whole attempt (connection, request, answer's headers).
pub(super) fn client(allow_private: bool, timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .dns_resolver(Arc::new(PublicOnly { allow_private }))
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(timeout.min(Duration::from_secs(5)))
        .timeout(timeout)
        .user_agent(concat!("nps-collector/", env!("CARGO_PKG_VERSION")))
        .build()
        // Only a TLS back end that cannot start fails here; a default
        // client instead would lose the guard, so this is fatal.
        .expect("the webhook client builds")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ip_literals_are_checked_before_connecting() {
        for (url, refused) in [
            ("http://127.0.0.1:9/x", true),
            ("http://[::ffff:7f00:1]/x", true),
            ("http://[64:ff9b::7f00:1]/x", true),
            ("http://192.0.0.1/x", true),
            ("http://93.184.216.34/x", false),
            ("https://hooks.example.com/x", false),
        ] {
            let url = Url::parse(url).unwrap();
            assert_eq!(literal_refused(&url, false).is_some(), refused, "{url}");
            assert!(literal_refused(&url, true).is_none(), "allowed: {url}");
        }
    }
}
