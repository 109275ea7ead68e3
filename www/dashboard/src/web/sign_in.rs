//! The sign-in page: e-mail and password, errors announced, the language
//! switch already there.

use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::auth::{self, Notice, Phase};
use super::components::lang_menu::LangMenu;
use crate::i18n::Lang;

/// Props of [`SignIn`].
#[derive(Properties, PartialEq)]
pub(crate) struct SignInProps {
    pub(crate) lang: Lang,
    pub(crate) set_lang: Callback<Lang>,
    pub(crate) notice: Notice,
    pub(crate) on_signed_in: Callback<Phase>,
}

/// The sign-in form.
#[function_component]
pub(crate) fn SignIn(props: &SignInProps) -> Html {
    let t = props.lang.t();
    let email = use_node_ref();
    let password = use_node_ref();
    let busy = use_state(|| false);
    let error = use_state(|| None::<&'static str>);
    {
        let title = props.lang.title(t.sign_in_title);
        use_effect_with(title, |title| gloo_utils::document().set_title(title));
    }
    let onsubmit = {
        let (email, password) = (email.clone(), password.clone());
        let (busy, error) = (busy.clone(), error.clone());
        let on_signed_in = props.on_signed_in.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = |r: &NodeRef| {
                r.cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default()
            };
            let (address, secret) = (value(&email).trim().to_owned(), value(&password));
            let (busy, error, on_signed_in) = (busy.clone(), error.clone(), on_signed_in.clone());
            busy.set(true);
            error.set(None);
            spawn_local(async move {
                match auth::sign_in(address, secret).await {
                    Ok(phase) => on_signed_in.emit(phase),
                    Err(e) => {
                        busy.set(false);
                        error.set(Some(match e.status {
                            0 => t.network_error,
                            404 | 405 => t.no_session_api,
                            429 => t.rate_limited,
                            _ => t.wrong_credentials,
                        }));
                    }
                }
            });
        })
    };
    let notice = match props.notice {
        Notice::None => None,
        Notice::SignedOut => Some(t.signed_out),
        Notice::Expired => Some(t.session_ended),
    };
    html! {
        <>
        <header class="topbar">
            <p class="brand">{ t.app_name }</p>
            <LangMenu lang={props.lang} set_lang={props.set_lang.clone()} />
        </header>
        <main id="main" class="sign-in">
            <h1>{ t.sign_in_title }</h1>
            <p class="muted">{ t.sign_in_intro }</p>
            if let Some(n) = notice {
                <p class="notice" role="status">{ n }</p>
            }
            <form {onsubmit} class="stack">
                <div class="field">
                    <label for="sign-in-email">{ t.email }</label>
                    <input id="sign-in-email" ref={email} type="email" name="email"
                        autocomplete="username" required=true />
                </div>
                <div class="field">
                    <label for="sign-in-password">{ t.password }</label>
                    <input id="sign-in-password" ref={password} type="password" name="password"
                        autocomplete="current-password" required=true />
                </div>
                <div class="error-slot" role="alert">
                    if let Some(e) = *error { <p class="error">{ e }</p> }
                </div>
                <button type="submit" class="primary" disabled={*busy}>
                    { if *busy { t.signing_in } else { t.sign_in } }
                </button>
            </form>
            <p class="muted first-admin">
                { t.first_admin }
                <code>{ "nps-collector member add --email you@example.com --role admin" }</code>
                { t.first_admin_database }
            </p>
        </main>
        </>
    }
}
