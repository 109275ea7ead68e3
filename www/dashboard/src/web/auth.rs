//! Signing in and out. With the session API (`/api/v1/session`) the
//! browser holds an HttpOnly cookie and we keep only the CSRF token, in
//! memory. Dev mode: a link carrying `#token=ADMIN_TOKEN` (what the
//! collector prints at start-up) signs in with the admin token, kept in
//! `sessionStorage` for this tab and wiped from the address bar at once.

use std::rc::Rc;

use gloo_net::http::Method;
use gloo_storage::{SessionStorage, Storage};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::api::{Api, ApiError, Auth};
use super::ctx::Who;
use crate::query::Query;
use crate::wire::{Credentials, Projects, Role, Session};

const TOKEN_KEY: &str = "nps.dashboard.token";

/// Why the sign-in form shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Notice {
    /// First visit.
    None,
    /// After "Sign out".
    SignedOut,
    /// The collector stopped accepting the session.
    Expired,
}

/// Where the app stands.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Phase {
    /// Asking the collector who we are.
    Checking,
    /// The sign-in form.
    SignedOut(Notice),
    /// The dashboard.
    SignedIn { who: Who, auth: Auth },
}

fn anonymous() -> Api {
    Api::new(Auth::Anonymous, Callback::noop())
}

/// Moves `#token=…&project=…` out of the address bar: the token into
/// session storage, the project into the query.
fn adopt_fragment() {
    let window = gloo_utils::window();
    let location = window.location();
    let hash = location.hash().unwrap_or_default();
    if hash.len() <= 1 {
        return;
    }
    let fragment = Query::parse(&hash[1..]);
    if let Some(token) = fragment.get("token") {
        let _ = SessionStorage::set(TOKEN_KEY, token);
    }
    let mut query = Query::parse(&location.search().unwrap_or_default());
    if let (Some(project), None) = (fragment.get("project"), query.get("project")) {
        query.set("project", Some(project));
    }
    let path = location.pathname().unwrap_or_else(|_| "/dashboard/".into());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&query.href(&path)),
        );
    }
}

/// Finds out whether this tab is signed in (token or cookie).
pub(crate) fn restore(phase: UseStateHandle<Phase>) {
    adopt_fragment();
    spawn_local(async move {
        if let Ok(token) = SessionStorage::get::<String>(TOKEN_KEY) {
            let auth = Auth::Token(Rc::from(token.as_str()));
            let api = Api::new(auth.clone(), Callback::noop());
            match api.get::<Projects>("/api/v1/projects").await {
                Ok(_) => {
                    let who = Who {
                        email: None,
                        role: Role::Admin,
                    };
                    phase.set(Phase::SignedIn { who, auth });
                }
                Err(_) => {
                    SessionStorage::delete(TOKEN_KEY);
                    phase.set(Phase::SignedOut(Notice::Expired));
                }
            }
            return;
        }
        match anonymous().get::<Session>("/api/v1/session").await {
            Ok(s) => phase.set(signed_in(s)),
            Err(_) => phase.set(Phase::SignedOut(Notice::None)),
        }
    });
}

fn signed_in(s: Session) -> Phase {
    Phase::SignedIn {
        who: Who {
            email: Some(s.email),
            role: s.role,
        },
        auth: Auth::Session {
            csrf: Rc::from(s.csrf_token.as_str()),
        },
    }
}

/// `POST /api/v1/session`.
pub(crate) async fn sign_in(email: String, password: String) -> Result<Phase, ApiError> {
    let body = Credentials { email, password };
    let session: Session = anonymous()
        .send(Method::POST, "/api/v1/session", Some(&body))
        .await?;
    Ok(signed_in(session))
}

/// Ends the session (or forgets the token) and shows the sign-in form.
pub(crate) fn sign_out(auth: Auth, phase: UseStateHandle<Phase>) {
    SessionStorage::delete(TOKEN_KEY);
    spawn_local(async move {
        if let Auth::Session { .. } = auth {
            let api = Api::new(auth, Callback::noop());
            let _ = api
                .send_unit(Method::DELETE, "/api/v1/session", None::<&()>)
                .await;
        }
        phase.set(Phase::SignedOut(Notice::SignedOut));
    });
}

/// The collector refused our credentials mid-session.
pub(crate) fn expired(phase: &UseStateHandle<Phase>) {
    SessionStorage::delete(TOKEN_KEY);
    if matches!(**phase, Phase::SignedIn { .. }) {
        phase.set(Phase::SignedOut(Notice::Expired));
    }
}
