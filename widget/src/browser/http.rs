//! `fetch` calls to the collector, with JSON built without a JSON library.
//!
//! Request bodies go through `serde-wasm-bindgen` to a JS object and then the
//! browser's own `JSON.stringify`, which keeps `serde_json` out of the wasm.
//! Answers are parsed by the browser (`Response.json()`) and read field by
//! field in [`super::read`]: serde's deserialising machinery, with its error
//! messages and float formatting, cost about a fifth of the widget's size.
//! Writes come from the outbox (`crate::rules::outbox`), which decides what
//! to send and what to retry; they use `keepalive` so a score chosen just
//! before the user navigates away still arrives. Every request goes to the
//! collector (`init`'s `host`, by default where `widget.js` came from) and
//! none carries cookies.

use js_sys::Promise;
use nps_protocol::API_PREFIX;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestInit, RequestMode, Response};

use super::outbox::to_json;
use super::read;
use crate::rules::outbox::{Outcome, Request};

/// Builds `{host}/api/v1{path}`, tolerating a trailing slash on the host.
pub(crate) fn api_url(host: &str, path: &str) -> String {
    let host = host.trim_end_matches('/');
    let mut url = String::with_capacity(host.len() + API_PREFIX.len() + path.len());
    url.push_str(host);
    url.push_str(API_PREFIX);
    url.push_str(path);
    url
}

/// `{host}/api/v1/config?key=KEY`, the project's configuration; read
/// with [`read::widget_config`] (the JSON is kept too: moments' texts are
/// read from it only when a prompt opens, see [`read::moment_texts`]).
pub(crate) fn config_url(host: &str, key: &str) -> String {
    let mut path = String::from("/config?key=");
    path.push_str(&String::from(js_sys::encode_uri_component(key)));
    api_url(host, &path)
}

/// `{host}/api/v1/eligibility?key&user_id&user_hash`, the user's prompt
/// history from every device; read with [`read::remote_history`].
pub(crate) fn history_url(host: &str, key: &str, user_id: &str, user_hash: &str) -> String {
    let mut path = String::from("/eligibility?key=");
    let mut param = |name: &str, value: &str| {
        path.push_str(name);
        path.push_str(&String::from(js_sys::encode_uri_component(value)));
    };
    param("", key);
    param("&user_id=", user_id);
    param("&user_hash=", user_hash);
    api_url(host, &path)
}

/// A CORS `GET` whose answer is JSON (one function for both documents:
/// each `async fn` is a state machine that weighs in the wasm).
pub(crate) async fn get_json(url: String) -> Result<JsValue, JsValue> {
    let init = request_init("GET");
    let response = ok_response(fetch(&url, &init)?).await?;
    JsFuture::from(response.json()?).await
}

/// Sends one queued write with `keepalive` (it may outlive the page) and
/// classifies the answer. The second value describes a failure for the
/// log: the collector's problem document, the status, or the error.
pub(crate) async fn send(host: &str, request: &Request) -> (Outcome, JsValue) {
    let (method, url, body) = match request {
        Request::Response(r) => ("POST", api_url(host, "/responses"), to_json(r)),
        Request::Comment { id, update } => {
            let mut path = String::from("/responses/");
            path.push_str(&String::from(js_sys::encode_uri_component(id)));
            ("PATCH", api_url(host, &path), to_json(update))
        }
        Request::Event(e) => ("POST", api_url(host, "/events"), to_json(e)),
    };
    // A body that cannot be serialised never will be: give up on it.
    let body = match body {
        Ok(b) => JsValue::from(b),
        Err(e) => return (Outcome::Refused, e),
    };
    let sent = match write_init(method, &body).and_then(|init| fetch(&url, &init)) {
        Ok(promise) => JsFuture::from(promise).await,
        Err(e) => Err(e),
    };
    let response: Response = match sent.and_then(JsCast::dyn_into) {
        Ok(r) => r,
        Err(e) => return (Outcome::of(None, None), e),
    };
    let status = response.status();
    // `Retry-After` in seconds; the HTTP-date form is not worth the bytes.
    // (Cross-origin, the collector must expose the header for it to be read.)
    let retry_after = response
        .headers()
        .get("Retry-After")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse::<u32>().ok())
        .map(|s| f64::from(s) * 1_000.0);
    let outcome = Outcome::of(Some(status), retry_after);
    let detail = match (outcome, response.json()) {
        (Outcome::Refused, Ok(body)) => JsFuture::from(body).await.ok(),
        _ => None,
    };
    let detail = detail.as_ref().and_then(read::problem).map_or_else(
        || JsValue::from(status),
        |p| JsValue::from(p.code + ": " + &p.message),
    );
    (outcome, detail)
}

fn write_init(method: &str, body: &JsValue) -> Result<RequestInit, JsValue> {
    let headers = Headers::new()?;
    headers.set("Content-Type", "application/json")?;
    let init = request_init(method);
    // Not in web-sys' `RequestInit` bindings, but in every current browser:
    // lets a score chosen just before leaving the page still arrive.
    js_sys::Reflect::set(&init, &JsValue::from_str("keepalive"), &JsValue::TRUE)?;
    init.set_headers(&headers);
    init.set_body(body);
    Ok(init)
}

/// A CORS request that carries no cookies or HTTP credentials, even when
/// the collector shares the host app's origin: the widget identifies
/// nobody by cookie, and sets none.
fn request_init(method: &str) -> RequestInit {
    let init = RequestInit::new();
    init.set_method(method);
    init.set_mode(RequestMode::Cors);
    // Set as a plain property, like `keepalive`: web-sys' enum setter
    // costs about 0.3 KB of wasm and glue.
    let _ = js_sys::Reflect::set(
        &init,
        &JsValue::from_str("credentials"),
        &JsValue::from_str("omit"),
    );
    init
}

fn fetch(url: &str, init: &RequestInit) -> Result<Promise, JsValue> {
    let window = super::window().ok_or_else(|| JsValue::from_str("no window"))?;
    Ok(window.fetch_with_str_and_init(url, init))
}

/// Resolves a `fetch`, turning HTTP errors into the collector's problem
/// document, or the bare status (a number) when the body is not one; 5xx
/// answers always come back as the status, so they can be retried.
async fn ok_response(request: Promise) -> Result<Response, JsValue> {
    let response: Response = JsFuture::from(request).await?.dyn_into()?;
    if response.ok() {
        return Ok(response);
    }
    let status = JsValue::from(response.status());
    if response.status() >= 500 {
        return Err(status);
    }
    let problem = match response.json() {
        Ok(body) => JsFuture::from(body).await.ok(),
        Err(_) => None,
    };
    Err(match problem.as_ref().and_then(read::problem) {
        Some(p) => JsValue::from(p.code + ": " + &p.message),
        None => status,
    })
}
