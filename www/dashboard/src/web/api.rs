//! The admin API client: JSON over `fetch`, signed in either with the
//! session cookie (writes carry `X-CSRF-Token`) or, in dev mode, with the
//! admin token as a bearer. Every failure becomes an [`ApiError`] holding
//! the problem's `code`; a 401 on a signed-in call ends the session.

use std::rc::Rc;

use gloo_net::http::{Method, RequestBuilder, Response};
use nps_protocol::Problem;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsCast;
use web_sys::RequestCredentials;
use yew::Callback;

/// How requests prove who makes them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Auth {
    /// Nobody yet (the sign-in call itself).
    Anonymous,
    /// The `nps_session` cookie, and the token writes must echo.
    Session { csrf: Rc<str> },
    /// The collector's admin token (dev mode: `#token=…`).
    Token(Rc<str>),
}

/// A refused or failed call.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ApiError {
    /// HTTP status; 0 when the collector did not answer.
    pub(crate) status: u16,
    /// The problem's stable code (`invalid_config`, `csrf`…).
    pub(crate) code: String,
    /// Its sentence for humans.
    pub(crate) message: String,
    /// `Retry-After`, in seconds, on a 429.
    pub(crate) retry_after: Option<u32>,
}

impl ApiError {
    fn network(message: String) -> Self {
        Self {
            status: 0,
            code: "network".into(),
            message,
            retry_after: None,
        }
    }
}

/// The client, cheap to clone; handed to pages through the context.
#[derive(Clone)]
pub(crate) struct Api {
    auth: Auth,
    on_unauthorized: Callback<()>,
}

impl PartialEq for Api {
    fn eq(&self, other: &Self) -> bool {
        self.auth == other.auth
    }
}

impl Api {
    /// A client signed in with `auth`; `on_unauthorized` runs when the
    /// collector no longer accepts it.
    pub(crate) fn new(auth: Auth, on_unauthorized: Callback<()>) -> Self {
        Self {
            auth,
            on_unauthorized,
        }
    }

    /// True in dev mode (admin token): downloads need the header too.
    pub(crate) fn uses_token(&self) -> bool {
        matches!(self.auth, Auth::Token(_))
    }

    fn request(&self, method: &Method, path: &str) -> RequestBuilder {
        let mut req = RequestBuilder::new(path)
            .method(method.clone())
            .credentials(RequestCredentials::SameOrigin)
            .header("Accept", "application/json");
        match &self.auth {
            Auth::Token(token) => req = req.header("Authorization", &format!("Bearer {token}")),
            Auth::Session { csrf } if *method != Method::GET => {
                req = req.header("X-CSRF-Token", csrf);
            }
            _ => {}
        }
        req
    }

    async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<Response, ApiError> {
        let req = self.request(&method, path);
        let sent = match body {
            Some(json) => req.header("Content-Type", "application/json").body(json),
            None => req.build(),
        };
        let response = match sent {
            Ok(r) => r.send().await,
            Err(e) => return Err(ApiError::network(e.to_string())),
        }
        .map_err(|e| ApiError::network(e.to_string()))?;
        if response.ok() {
            return Ok(response);
        }
        let status = response.status();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.parse().ok());
        let problem: Option<Problem> = response
            .text()
            .await
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok());
        let (code, message) = problem.map_or_else(
            || (format!("http_{status}"), format!("HTTP {status}")),
            |p| (p.code, p.message),
        );
        if status == 401 && self.auth != Auth::Anonymous {
            self.on_unauthorized.emit(());
        }
        Err(ApiError {
            status,
            code,
            message,
            retry_after,
        })
    }

    async fn json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
        let text = response
            .text()
            .await
            .map_err(|e| ApiError::network(e.to_string()))?;
        serde_json::from_str(&text).map_err(|e| ApiError {
            status: response.status(),
            code: "unexpected_answer".into(),
            message: e.to_string(),
            retry_after: None,
        })
    }

    /// `GET` a JSON document.
    pub(crate) async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        Self::json(self.call(Method::GET, path, None).await?).await
    }

    /// A write with an optional JSON body, answered with JSON.
    pub(crate) async fn send<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&impl Serialize>,
    ) -> Result<T, ApiError> {
        let body = body.map(|b| serde_json::to_string(b).unwrap_or_default());
        Self::json(self.call(method, path, body).await?).await
    }

    /// A write whose answer does not matter (204, or JSON we ignore).
    pub(crate) async fn send_unit(
        &self,
        method: Method,
        path: &str,
        body: Option<&impl Serialize>,
    ) -> Result<(), ApiError> {
        let body = body.map(|b| serde_json::to_string(b).unwrap_or_default());
        self.call(method, path, body).await.map(drop)
    }

    /// Downloads `path` as a file named `name` (dev mode: a plain link
    /// could not carry the bearer header).
    pub(crate) async fn download(&self, path: &str, name: &str) -> Result<(), ApiError> {
        let response = self.call(Method::GET, path, None).await?;
        let bytes = response
            .binary()
            .await
            .map_err(|e| ApiError::network(e.to_string()))?;
        let array = js_sys::Uint8Array::from(bytes.as_slice());
        let parts = js_sys::Array::of1(&array);
        let blob = web_sys::Blob::new_with_u8_array_sequence(&parts)
            .map_err(|_| ApiError::network("blob".into()))?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)
            .map_err(|_| ApiError::network("url".into()))?;
        let document = gloo_utils_document();
        if let Some(a) = document
            .create_element("a")
            .ok()
            .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
        let _ = web_sys::Url::revoke_object_url(&url);
        Ok(())
    }
}

fn gloo_utils_document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// `text` as a path segment (ids, e-mails, tags).
pub(crate) fn segment(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}
