//! Component tests of the widget in a real browser, through its public API.
//!
//! ```sh
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test -p nps-widget --target wasm32-unknown-unknown --test browser
//! ```
//! (needs `chromedriver` on PATH). No collector runs: `window.fetch` is
//! wrapped to answer the configuration's `GET` (the widget prompts only
//! once it has read it) and, on [`REFUSING`], to refuse everything else
//! for good; every other request goes to a port where nothing listens and
//! fails, so answers wait in the outbox. End-to-end behaviour with the real
//! collector is covered by the Playwright specs in `tests/e2e/`.
//!
//! The lazily loaded module is the real one (`nps-widget-lazy`: the
//! prompt's UI, the outbox's delivery, the cross-tab lock), linked into
//! this test wasm and handed to the widget the way the loader hands it
//! over. The specs are grouped by what they cover: `prompt`, `memory`
//! (what is kept in `localStorage`), `locks` and `refusals`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Function, Object, Promise, Reflect};
use nps_widget::Widget;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

mod locks;
mod memory;
mod prompt;
mod refusals;

/// Nothing listens on port 9 (discard): requests fail fast.
const NOWHERE: &str = "http://127.0.0.1:9";

/// A collector that serves the configuration but refuses every write with
/// a 422 (see [`collector`]).
const REFUSING: &str = "http://refusing.invalid";

/// A `Response` with a JSON `body` and `status`.
fn respond(body: &str, status: u16) -> JsValue {
    let window = web_sys::window().unwrap();
    let class: Function = Reflect::get(&window, &"Response".into())
        .unwrap()
        .unchecked_into();
    let init = Object::new();
    Reflect::set(&init, &"status".into(), &status.into()).unwrap();
    let args = Array::of2(&body.into(), &init);
    Promise::resolve(&Reflect::construct(&class, &args).unwrap()).into()
}

/// Wraps `window.fetch` (once per test page): the configuration's `GET`
/// is answered with an empty project's for key `browser-test`, and a 403
/// `origin_not_allowed` for key `other-site` (a page whose origin the
/// project does not allow); on [`REFUSING`] every write is a 422. Every
/// other request is the browser's own.
fn collector() {
    let window = web_sys::window().unwrap();
    if Reflect::has(&window, &"npsTestFetch".into()).unwrap() {
        return;
    }
    let real: Function = Reflect::get(&window, &"fetch".into())
        .unwrap()
        .unchecked_into();
    let this = window.clone();
    let fetch = Closure::<dyn Fn(JsValue, JsValue) -> JsValue>::new(move |url: JsValue, init| {
        let url = url.as_string().unwrap_or_default();
        if url.contains("/api/v1/config?key=browser-test") {
            respond(r#"{"key":"browser-test","moments":[]}"#, 200)
        } else if url.contains("/api/v1/config?key=other-site") {
            let problem = r#"{"code":"origin_not_allowed","message":"not from here"}"#;
            respond(problem, 403)
        } else if url.starts_with(REFUSING) {
            respond(r#"{"code":"invalid_response","message":"never"}"#, 422)
        } else {
            real.call2(&this, &url.into(), &init).unwrap()
        }
    })
    .into_js_value();
    Reflect::set(&window, &"npsTestFetch".into(), &JsValue::TRUE).unwrap();
    Reflect::set(&window, &"fetch".into(), &fetch).unwrap();
}

/// What the loader passes as `ui(now)`: a promise of the lazily loaded
/// module, whose `mount`, `outbox` and `lock` are `nps-widget-lazy`'s own
/// exports, linked into this test wasm.
fn ui_loader() -> Function {
    type Mount = dyn Fn(JsValue, Function) -> Result<JsValue, JsValue>;
    let mount = Closure::<Mount>::new(|props: JsValue, on_event| {
        nps_widget_lazy::mount(&props, on_event).map(JsValue::from)
    });
    let outbox = Closure::<dyn Fn(String, Function) -> JsValue>::new(|key: String, host| {
        nps_widget_lazy::outbox(&key, host).into()
    });
    let lock = Closure::<dyn Fn(String) -> Promise>::new(|key: String| nps_widget_lazy::lock(&key));
    let module = Object::new();
    Reflect::set(&module, &"mount".into(), &mount.into_js_value()).unwrap();
    Reflect::set(&module, &"outbox".into(), &outbox.into_js_value()).unwrap();
    Reflect::set(&module, &"lock".into(), &lock.into_js_value()).unwrap();
    let load = Closure::<dyn Fn(JsValue) -> JsValue>::new(move |_now: JsValue| {
        Promise::resolve(&module).into()
    });
    load.into_js_value().unchecked_into()
}

fn widget() -> Widget {
    collector();
    Widget::new(NOWHERE.into(), ui_loader())
}

fn call(widget: &Widget, args: &[JsValue]) {
    widget.command(&args.iter().collect::<Array>());
}

fn options(pairs: &[(&str, &str)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &(*k).into(), &(*v).into()).unwrap();
    }
    o.into()
}

/// Lets Yew render and promises settle.
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Waits (up to 2 s) until a prompt is on the page: the ui module and the
/// Web Lock come asynchronously.
async fn until_shown() {
    for _ in 0..40 {
        if find("[role=dialog]").is_some() {
            return;
        }
        tick().await;
    }
    panic!("no prompt after 2 s");
}

fn shadow() -> Option<ShadowRoot> {
    let document = web_sys::window()?.document()?;
    document
        .query_selector("[data-nps-widget]")
        .ok()??
        .shadow_root()
}

fn find(selector: &str) -> Option<Element> {
    shadow()?.query_selector(selector).ok()?
}

fn click(selector: &str) {
    find(selector)
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
}

async fn shown(locale: Option<&str>) -> Widget {
    shown_with(locale.map(|l| ("locale", l))).await
}

/// A widget of project `browser-test` showing a prompt, `init` given
/// `more`.
async fn shown_with(more: Option<(&str, &str)>) -> Widget {
    let widget = widget();
    let mut init = vec![("key", "browser-test")];
    init.extend(more);
    call(&widget, &["init".into(), options(&init)]);
    call(&widget, &["show".into()]);
    until_shown().await;
    widget
}

async fn closed(widget: &Widget) {
    call(widget, &["reset".into()]);
    tick().await;
    assert!(shadow().is_none(), "reset removes the prompt");
}
