//! The browser half: the app, its pages and components. Starts when the
//! wasm module is instantiated by `boot.js`.

pub(crate) mod api;
mod auth;
pub(crate) mod clock;
pub(crate) mod components;
pub(crate) mod ctx;
pub(crate) mod hooks;
mod pages;
pub(crate) mod routes;
mod shell;
mod sign_in;

use std::rc::Rc;

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::prelude::*;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::i18n::Lang;
use api::Api;
use auth::Phase;
use ctx::Ctx;

const LANG_KEY: &str = "nps.dashboard.lang";

/// Mounts the app on `<div id="app">` (or the body).
#[wasm_bindgen(start)]
pub(crate) fn start() {
    routes::follow_hash_routes();
    let root = gloo_utils::document().get_element_by_id("app");
    match root {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}

/// The language stored by the menu, or the browser's preference.
fn initial_lang() -> Lang {
    if let Some(lang) = LocalStorage::get::<String>(LANG_KEY)
        .ok()
        .as_deref()
        .and_then(Lang::from_code)
    {
        return lang;
    }
    let navigator = gloo_utils::window().navigator();
    let tags: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .chain(navigator.language())
        .collect();
    Lang::from_preferences(tags.iter().map(String::as_str))
}

#[function_component]
fn App() -> Html {
    let lang = use_state(initial_lang);
    let phase = use_state(|| Phase::Checking);
    {
        let lang = *lang;
        use_effect_with(lang, move |lang| {
            if let Some(html) = gloo_utils::document().document_element() {
                let _ = html.set_attribute("lang", lang.code());
                // Arabic lays the whole dashboard out right to left.
                let _ = html.set_attribute("dir", lang.dir());
            }
        });
    }
    {
        let phase = phase.clone();
        use_effect_with((), move |()| auth::restore(phase));
    }
    // The menu's choice, kept for the next visit.
    let set_lang = {
        let lang = lang.clone();
        Callback::from(move |l: Lang| {
            let _ = LocalStorage::set(LANG_KEY, l.code());
            lang.set(l);
        })
    };
    let on_unauthorized = {
        let phase = phase.clone();
        Callback::from(move |()| auth::expired(&phase))
    };
    let body = match &*phase {
        Phase::Checking => html! {
            <main id="main" class="centered"><p role="status">{ lang.t().loading }</p></main>
        },
        Phase::SignedOut(notice) => {
            let on_signed_in = {
                let phase = phase.clone();
                Callback::from(move |next: Phase| phase.set(next))
            };
            html! {
                <sign_in::SignIn lang={*lang} set_lang={set_lang.clone()} notice={*notice} {on_signed_in} />
            }
        }
        Phase::SignedIn { who, auth } => {
            let sign_out = {
                let phase = phase.clone();
                let auth = auth.clone();
                Callback::from(move |()| auth::sign_out(auth.clone(), phase.clone()))
            };
            let ctx = Ctx {
                lang: *lang,
                set_lang: set_lang.clone(),
                api: Api::new(auth.clone(), on_unauthorized),
                who: Rc::new(who.clone()),
                sign_out,
            };
            html! {
                <ContextProvider<Ctx> context={ctx}>
                    <shell::Shell />
                </ContextProvider<Ctx>>
            }
        }
    };
    html! { <BrowserRouter>{ body }</BrowserRouter> }
}
