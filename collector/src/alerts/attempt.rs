//! One attempt on the wire: refuse a private IP literal (the connector
//! would not ask the guarded resolver about it), sign with the time of
//! sending, POST within the timeout, and read what the receiver answered,
//! keeping the URL (which may hold a token) out of any error text.

use time::OffsetDateTime;

use super::{signing, Alerts};
use crate::store::webhooks::Due;

/// Posts one delivery: (HTTP status, Retry-After seconds, error text).
pub(super) async fn post(a: &Alerts, d: &Due) -> (Option<u16>, Option<u64>, Option<String>) {
    let refused = reqwest::Url::parse(&d.url)
        .map_err(|_| "the endpoint's URL is invalid")
        .and_then(|url| super::literal_refused(&url, a.allow_private).map_or(Ok(()), Err));
    if let Err(why) = refused {
        return (None, None, Some(format!("not sent: {why} address")));
    }
    // The time of sending, as Standard Webhooks means it: receivers
    // refuse a timestamp more than a few minutes old.
    let timestamp = OffsetDateTime::now_utc().unix_timestamp();
    let Some(signature) = signing::sign(&d.secret, &d.event_id, timestamp, &d.payload) else {
        return (None, None, Some("the endpoint's secret is unusable".into()));
    };
    let sent = a
        .client
        .post(&d.url)
        .timeout(a.limits.send_timeout)
        .header("content-type", "application/json")
        .header("webhook-id", &d.event_id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .body(d.payload.clone())
        .send()
        .await;
    match sent {
        Ok(response) => {
            let retry_after = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse().ok());
            let status = response.status().as_u16();
            let error = (!response.status().is_success()).then(|| format!("HTTP {status}"));
            (Some(status), retry_after, error)
        }
        Err(e) => (None, None, Some(without_url(&e))),
    }
}

/// The error without the URL (it may carry a token in its path or query).
fn without_url(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not connect"
    } else {
        "request failed"
    };
    let mut source = std::error::Error::source(e);
    let mut detail = String::new();
    while let Some(s) = source {
        detail = s.to_string();
        source = s.source();
    }
    if detail.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind}: {detail}")
    }
}
