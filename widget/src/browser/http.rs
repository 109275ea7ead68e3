//! `fetch` calls to the collector, with JSON built without a JSON library.
//!
//! Request bodies go through `serde-wasm-bindgen` to a JS object and then the
//! browser's own `JSON.stringify`, which keeps `serde_json` out of the wasm.
//! Answers are parsed by the browser (`Response.json()`) and read field by
//! field in [`super::read`]: serde's deserialising machinery, with its error
//! messages and float formatting, cost about a fifth of the widget's size.
//! Writes use `keepalive` so a score chosen just before the user navigates
//! away still arrives.

use js_sys::Promise;
use nps_protocol::{WidgetConfig, API_PREFIX};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestInit, RequestMode, Response};

use super::{log, read};

/// Builds `{host}/api/v1{path}`, tolerating a trailing slash on the host.
pub(crate) fn api_url(host: &str, path: &str) -> String {
    let host = host.trim_end_matches('/');
    let mut url = String::with_capacity(host.len() + API_PREFIX.len() + path.len());
    url.push_str(host);
    url.push_str(API_PREFIX);
    url.push_str(path);
    url
}

/// `GET {host}/api/v1/config?key=KEY`.
pub(crate) async fn get_config(host: &str, key: &str) -> Result<WidgetConfig, JsValue> {
    let mut path = String::from("/config?key=");
    path.push_str(&String::from(js_sys::encode_uri_component(key)));
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_mode(RequestMode::Cors);
    let response = ok_response(fetch(&api_url(host, &path), &init)?).await?;
    let json = JsFuture::from(response.json()?).await?;
    read::widget_config(&json).ok_or_else(|| JsValue::from_str("malformed configuration"))
}

/// Delays before each retry of a write: the collector's writes are
/// idempotent, so a network error or a 5xx is retried a few times.
const RETRY_DELAYS_MS: [i32; 3] = [1_000, 4_000, 15_000];

/// Sends a `POST`/`PATCH` with a JSON body, retrying transient failures.
/// The returned promise resolves (never rejects) to `true` once the
/// collector accepted it, `false` if it gave up (failures are logged with
/// `what`). A later request can wait on it: a comment must not overtake
/// the response it belongs to.
pub(crate) fn send_json(
    what: &'static str,
    method: &'static str,
    url: String,
    body: &impl Serialize,
) -> Promise {
    // `json_compatible` turns maps (the traits) into plain objects, not `Map`s,
    // which `JSON.stringify` would render as `{}`.
    let text = body
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(JsValue::from)
        .and_then(|value| js_sys::JSON::stringify(&value));
    wasm_bindgen_futures::future_to_promise(async move {
        let outcome = match text {
            Ok(text) => send_with_retries(method, &url, &text).await,
            Err(e) => Err(e),
        };
        if let Err(e) = &outcome {
            log::warn_with(what, e);
        }
        Ok(JsValue::from_bool(outcome.is_ok()))
    })
}

async fn send_with_retries(method: &str, url: &str, body: &JsValue) -> Result<(), JsValue> {
    let mut delays = RETRY_DELAYS_MS.iter();
    loop {
        let error = match ok_response(fetch(url, &write_init(method, body)?)?).await {
            Ok(_) => return Ok(()),
            Err(e) => e,
        };
        // Only network errors (a rejected fetch: a `TypeError`) and server
        // errors are worth retrying; a 4xx will not get better.
        let transient = error.is_instance_of::<js_sys::TypeError>()
            || error.as_f64().is_some_and(|status| status >= 500.0);
        match delays.next() {
            Some(&ms) if transient => sleep(ms).await?,
            _ => return Err(error),
        }
    }
}

fn write_init(method: &str, body: &JsValue) -> Result<RequestInit, JsValue> {
    let headers = Headers::new()?;
    headers.set("Content-Type", "application/json")?;
    let init = RequestInit::new();
    init.set_method(method);
    init.set_mode(RequestMode::Cors);
    // Not in web-sys' `RequestInit` bindings, but in every current browser:
    // lets a score chosen just before leaving the page still arrive.
    js_sys::Reflect::set(&init, &JsValue::from_str("keepalive"), &JsValue::TRUE)?;
    init.set_headers(&headers);
    init.set_body(body);
    Ok(init)
}

async fn sleep(ms: i32) -> Result<(), JsValue> {
    let window = super::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let mut timer = Ok(0);
    let promise = Promise::new(&mut |resolve, _| {
        timer = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    timer?;
    JsFuture::from(promise).await.map(drop)
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
