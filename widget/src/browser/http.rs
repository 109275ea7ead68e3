//! `fetch` calls to the collector, with JSON built without a JSON library.
//!
//! Request bodies are built as JS objects ([`super::encode`]) and turned to
//! text by the browser's own `JSON.stringify`: no serde in the wasm.
//! Answers are parsed by the browser (`Response.json()`) and read field by
//! field in [`super::read`]: serde's deserialising machinery, with its error
//! messages and float formatting, cost about a fifth of the widget's size.
//! Writes come from the outbox (`crate::rules::outbox`), which decides what
//! to send and what to retry; they use `keepalive` so a score chosen just
//! before the user navigates away still arrives. Every request goes to the
//! collector (`init`'s `host`, by default where `widget.js` came from) and
//! none carries cookies.

use js_sys::{Object, Promise};
use nps_protocol::API_PREFIX;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{RequestInit, Response};

use super::promise::{settle, Settled};
use super::{encode, read};
use crate::rules::outbox::{Outcome, Request};
use crate::rules::Refusal;

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

/// What the collector answered: the status, `Retry-After` (ms) and, unless
/// the request is to be retried, the JSON body (a document, or a problem).
struct Answer {
    status: u16,
    retry_after: Option<f64>,
    body: Option<JsValue>,
}

/// One request, its answer handed to `then` (`Err`: it never got one).
/// One function for every request: each step of a callback chain weighs in
/// the wasm.
fn exchange(url: &str, init: &RequestInit, then: Box<dyn FnOnce(Result<Answer, JsValue>)>) {
    let promise = match fetch(url, init) {
        Ok(p) => p,
        Err(e) => return then(Err(e)),
    };
    settle(
        &promise,
        Box::new(move |sent| {
            let response: Response = match sent.and_then(JsCast::dyn_into) {
                Ok(r) => r,
                Err(e) => return then(Err(e)),
            };
            let status = response.status();
            // `Retry-After` in seconds; the HTTP-date form is not worth the
            // bytes. (Cross-origin, the collector must expose the header.)
            let retry_after = response
                .headers()
                .get("Retry-After")
                .ok()
                .flatten()
                .and_then(|v| v.trim().parse::<u32>().ok())
                .map(|s| f64::from(s) * 1_000.0);
            let retried = status >= 500 || status == 408 || status == 429;
            match (retried, response.json()) {
                (false, Ok(body)) => settle(
                    &body,
                    Box::new(move |body| {
                        then(Ok(Answer {
                            status,
                            retry_after,
                            body: body.ok(),
                        }));
                    }),
                ),
                _ => then(Ok(Answer {
                    status,
                    retry_after,
                    body: None,
                })),
            }
        }),
    );
}

/// The collector's problem document (`code: message`), else the status.
fn problem_or_status(a: &Answer) -> JsValue {
    match a.body.as_ref().and_then(read::problem) {
        Some(p) => JsValue::from(p.code + ": " + &p.message),
        None => JsValue::from(a.status),
    }
}

/// The `code` of the collector's problem document, if it sent one.
fn code(a: &Answer) -> Option<String> {
    read::text(a.body.as_ref()?, "code")
}

/// A CORS `GET` whose answer is JSON. A failure comes back as the
/// collector's problem document (an object with a `code`), the bare status
/// (a number) when it sent none or when the status is worth a retry (those
/// bodies are not read), or the error; [`refusal`] reads what it means.
pub(crate) fn get_json(url: &str, then: Settled) {
    exchange(
        url,
        request_init("GET").unchecked_ref(),
        Box::new(move |answer| {
            then(match answer {
                Ok(a) if (200..300).contains(&a.status) => {
                    a.body.ok_or_else(|| JsValue::from_str("not JSON"))
                }
                Ok(a) => Err(a.body.unwrap_or_else(|| JsValue::from(a.status))),
                Err(e) => Err(e),
            });
        }),
    );
}

/// What a failure of [`get_json`] means for the page: a problem document
/// comes only with a status no retry changes (the collector sends one with
/// each), and is told apart by its `code`; anything else went unanswered,
/// or may be answered later.
pub(crate) fn refusal(failure: &JsValue) -> Refusal {
    match read::text(failure, "code") {
        Some(code) => Refusal::of(Some(&code)),
        None => Refusal::Unreachable,
    }
}

/// What [`send`] hands back: the answer's [`Outcome`], the `code` of the
/// collector's problem document if it sent one, and a description of a
/// failure for the log (the problem document, the status, or the error).
pub(crate) type Sent = Box<dyn FnOnce(Outcome, Option<String>, JsValue)>;

/// Sends one queued write with `keepalive` (it may outlive the page) and
/// classifies the answer for `then`.
pub(crate) fn send(host: &str, request: &Request, then: Sent) {
    let (method, url, body) = match request {
        Request::Response(r) => ("POST", api_url(host, "/responses"), encode::response(r)),
        Request::Comment { id, update } => {
            let mut path = String::from("/responses/");
            path.push_str(&String::from(js_sys::encode_uri_component(id)));
            ("PATCH", api_url(host, &path), encode::comment(update))
        }
        Request::Event(e) => ("POST", api_url(host, "/events"), encode::event(e)),
    };
    // A body that cannot be serialised never will be: give up on it.
    let Some(body) = encode::stringify(&body) else {
        let why = JsValue::from_str("unserialisable body");
        return then(Outcome::Refused, None, why);
    };
    let init = write_init(method, &JsValue::from(body));
    exchange(
        &url,
        &init,
        Box::new(move |answer| match answer {
            Ok(a) => {
                let outcome = Outcome::of(Some(a.status), a.retry_after);
                then(outcome, code(&a), problem_or_status(&a));
            }
            Err(e) => then(Outcome::of(None, None), None, e),
        }),
    );
}

fn write_init(method: &str, body: &JsValue) -> RequestInit {
    let init = request_init(method);
    let headers = Object::new();
    encode::set(&headers, "Content-Type", &"application/json".into());
    encode::set(&init, "headers", &headers);
    // Not in web-sys' `RequestInit` bindings, but in every current browser:
    // lets a score chosen just before leaving the page still arrive.
    encode::set(&init, "keepalive", &JsValue::TRUE);
    encode::set(&init, "body", body);
    init.unchecked_into()
}

/// A request that carries no cookies or HTTP credentials, even when the
/// collector shares the host app's origin: the widget identifies nobody by
/// cookie, and sets none. CORS is `fetch`'s default mode. A plain object,
/// its properties set by name: web-sys' setters (and their enums) cost
/// about 0.3 KB of wasm and glue each.
fn request_init(method: &str) -> Object {
    let init = Object::new();
    encode::set(&init, "method", &method.into());
    encode::set(&init, "credentials", &"omit".into());
    init
}

fn fetch(url: &str, init: &RequestInit) -> Result<Promise, JsValue> {
    let window = super::window().ok_or_else(|| JsValue::from_str("no window"))?;
    Ok(window.fetch_with_str_and_init(url, init))
}
