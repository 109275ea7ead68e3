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
//! The prompt's UI is the real one (`nps-widget-ui`), linked into this test
//! wasm and handed to the widget the way the loader hands it the lazily
//! loaded ui module.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Function, Object, Promise, Reflect};
use nps_widget::Widget;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

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

#[wasm_bindgen_test]
async fn show_renders_a_named_dialog_with_eleven_radios_and_focuses_the_first() {
    let widget = shown(None).await;

    let dialog = find("[role=dialog]").expect("a dialog");
    let question = find("#nps-q").unwrap().text_content().unwrap();
    assert_eq!(
        dialog.get_attribute("aria-labelledby").as_deref(),
        Some("nps-q")
    );
    assert_eq!(
        question,
        "How likely are you to recommend us to a friend or colleague?"
    );
    let radios = shadow()
        .unwrap()
        .query_selector_all("[role=radiogroup] [role=radio]")
        .unwrap();
    assert_eq!(radios.length(), 11);
    assert_eq!(
        radios.item(10).unwrap().text_content().as_deref(),
        Some("10")
    );
    let focused = shadow()
        .unwrap()
        .active_element()
        .expect("focus inside the prompt");
    assert_eq!(focused.text_content().as_deref(), Some("0"));

    closed(&widget).await;
}

#[wasm_bindgen_test]
async fn choosing_a_score_checks_it_and_asks_the_matching_follow_up() {
    let widget = shown(None).await;

    click("[role=radio]:nth-child(4)"); // score 3
    tick().await;
    let checked = find("[aria-checked=true]").expect("a checked radio");
    assert_eq!(checked.text_content().as_deref(), Some("3"));
    let label = find("label[for=nps-c]").expect("a labelled comment box");
    assert_eq!(
        label.text_content().as_deref(),
        Some("What disappointed you, and what should we fix first?")
    );
    assert!(find("textarea#nps-c").is_some());

    closed(&widget).await;
}

#[wasm_bindgen_test]
async fn close_removes_the_prompt_and_french_names_the_buttons() {
    let widget = shown(Some("fr-CA")).await;

    let close = find("button.x").unwrap();
    assert_eq!(close.get_attribute("aria-label").as_deref(), Some("Fermer"));
    click("[role=radio]:nth-child(10)"); // score 9
    tick().await;
    assert_eq!(
        find("button.send").unwrap().text_content().as_deref(),
        Some("Envoyer")
    );
    click("button.x");
    tick().await;
    assert!(shadow().is_none(), "Close removes the prompt");

    closed(&widget).await;
}

#[wasm_bindgen_test]
async fn bad_commands_are_logged_not_thrown() {
    let widget = widget();
    call(&widget, &["nonsense".into()]);
    call(&widget, &["init".into()]);
    call(&widget, &["track".into(), JsValue::from(42)]);
    call(&widget, &["on".into(), "shown".into(), JsValue::NULL]);
    call(
        &widget,
        &[
            "identify".into(),
            JsValue::from(7),
            options(&[("plan", "pro")]),
        ],
    );
    call(&widget, &[]);
    tick().await;
    assert!(shadow().is_none());
}

/// The queued requests of the test project's outbox in `localStorage`.
fn queued() -> Array {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let raw = storage
        .get_item("nps:browser-test:outbox")
        .unwrap()
        .unwrap_or_else(|| r#"{"entries":[]}"#.into());
    let outbox = js_sys::JSON::parse(&raw).unwrap();
    let entries = Reflect::get(&outbox, &"entries".into()).unwrap();
    Array::from(&entries)
        .iter()
        .map(|e| Reflect::get(&e, &"request".into()).unwrap())
        .collect()
}

fn get(object: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(object.clone(), |o, k| {
        Reflect::get(&o, &(*k).into()).unwrap_or(JsValue::UNDEFINED)
    })
}

#[wasm_bindgen_test]
async fn an_unsent_answer_waits_in_the_outbox_signed_for_its_user() {
    let widget = widget();
    call(
        &widget,
        &["init".into(), options(&[("key", "browser-test")])],
    );
    call(
        &widget,
        &[
            "identify".into(),
            "user-7".into(),
            options(&[("plan", "pro")]),
            options(&[("signature", "c0ffee")]),
        ],
    );
    call(&widget, &["show".into()]);
    until_shown().await;

    click("[role=radio]:nth-child(3)"); // score 2
    tick().await;
    let textarea = find("textarea#nps-c").unwrap();
    textarea
        .unchecked_ref::<web_sys::HtmlTextAreaElement>()
        .set_value("queued while offline");
    click("button.send");
    tick().await;

    let answer = queued()
        .iter()
        .map(|r| get(&r, &["response"]))
        .find(|r| get(r, &["comment"]).as_string().as_deref() == Some("queued while offline"))
        .expect("the answer is in the outbox");
    assert_eq!(get(&answer, &["score"]).as_f64(), Some(2.0));
    assert_eq!(
        get(&answer, &["user_id"]).as_string().as_deref(),
        Some("user-7")
    );
    assert_eq!(
        get(&answer, &["user_hash"]).as_string().as_deref(),
        Some("c0ffee")
    );
    assert_eq!(
        get(&answer, &["traits", "plan"]).as_string().as_deref(),
        Some("pro")
    );
    let shown = queued().iter().map(|r| get(&r, &["event"])).any(|e| {
        get(&e, &["kind"]).as_string().as_deref() == Some("shown")
            && get(&e, &["user_hash"]).as_string().as_deref() == Some("c0ffee")
    });
    assert!(shown, "the impression is queued too, signed");

    closed(&widget).await;
    assert!(
        queued().length() > 0,
        "reset() keeps the outbox: those answers are still owed"
    );
}

#[wasm_bindgen_test]
async fn plus_tard_snoozes_closes_the_prompt_and_is_remembered() {
    let _widget = shown(Some("fr")).await;

    let later = find("button.later").expect("an ask-me-later button");
    assert_eq!(later.text_content().as_deref(), Some("Plus tard"));
    click("button.later");
    tick().await;
    assert!(
        find("[role=dialog]").is_none(),
        "the prompt closes on Plus tard"
    );
    let history = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("nps:browser-test:history")
        .unwrap()
        .expect("a stored history");
    assert!(
        history.contains("\"last_outcome\":\"snoozed\"") && history.contains("\"snoozes\":1"),
        "{history}"
    );

    let reset = widget();
    call(
        &reset,
        &["init".into(), options(&[("key", "browser-test")])],
    );
    call(&reset, &["reset".into()]);
}

/// The widget's keys in `localStorage`, sorted.
fn nps_keys() -> Vec<String> {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let mut keys: Vec<String> = (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .filter(|k| k.starts_with("nps:"))
        .collect();
    keys.sort();
    keys
}

#[wasm_bindgen_test]
async fn consent_false_keeps_the_widget_silent_until_consent_and_withdrawal_forgets() {
    let before = nps_keys();
    let widget = widget();
    let init = options(&[("key", "browser-test")]);
    Reflect::set(&init, &"consent".into(), &JsValue::FALSE).unwrap();
    call(&widget, &["init".into(), init]);
    call(&widget, &["show".into()]);
    tick().await;
    assert!(shadow().is_none(), "nothing shown before consent");
    assert_eq!(nps_keys(), before, "nothing stored before consent");

    call(&widget, &["consent".into(), JsValue::TRUE]);
    until_shown().await;

    call(&widget, &["consent".into(), JsValue::FALSE]);
    tick().await;
    assert!(shadow().is_none(), "withdrawal closes the prompt");
    let left = nps_keys();
    assert!(
        left.iter().all(|k| k.ends_with(":outbox")),
        "only undelivered writes stay: {left:?}"
    );
    call(&widget, &["show".into()]);
    tick().await;
    assert!(shadow().is_none(), "nothing shown after withdrawal");
}

#[wasm_bindgen_test]
async fn ne_plus_me_demander_opts_out_for_good_until_reset() {
    let widget = shown(Some("fr")).await;

    let never = find("button.never").expect("a don't-ask-again button");
    assert_eq!(never.text_content().as_deref(), Some("Ne plus me demander"));
    click("button.never");
    tick().await;
    assert!(shadow().is_none(), "the prompt closes");
    let history = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("nps:browser-test:history")
        .unwrap()
        .expect("a stored history");
    assert!(history.contains("\"opted_out\":"), "{history}");
    let opted_out = queued()
        .iter()
        .any(|r| get(&r, &["event", "kind"]).as_string().as_deref() == Some("opted_out"));
    assert!(opted_out, "an opted_out event is queued");

    call(&widget, &["show".into()]);
    tick().await;
    assert!(shadow().is_none(), "show() respects the opt-out");

    call(&widget, &["reset".into()]);
    call(&widget, &["show".into()]);
    until_shown().await; // reset undoes it
    closed(&widget).await;
}

/// Waits `ms` of real time.
async fn wait(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn the_score_locks_after_the_debounce_and_the_thanks_close_the_prompt() {
    let widget = shown(None).await;

    click("[role=radio]:nth-child(6)"); // score 5
    tick().await;
    let five = find("[aria-checked=true]").unwrap();
    assert_eq!(
        five.get_attribute("aria-disabled"),
        None,
        "still changeable"
    );
    wait(700).await; // past the 600 ms debounce
    let five = find("[aria-checked=true]").unwrap();
    assert_eq!(
        five.get_attribute("aria-disabled").as_deref(),
        Some("true"),
        "read-only once sent"
    );

    click("button.send");
    tick().await;
    let thanks = find("[role=status]").unwrap().text_content().unwrap();
    assert_eq!(thanks, "Thank you for your feedback!");
    assert!(
        find("[role=radiogroup]").is_none(),
        "the form gives way to the thanks"
    );
    wait(2_600).await;
    assert!(shadow().is_none(), "the prompt closes after the thanks");

    closed(&widget).await;
}

/// The lazily loaded module's `lock(key)`, awaited: the release function,
/// or `null`.
async fn take_lock(key: &str) -> JsValue {
    JsFuture::from(nps_widget_lazy::lock(key)).await.unwrap()
}

/// Takes the lock twice, releases it, takes it again: what a prompt in two
/// tabs amounts to, whichever lock the browser offers.
async fn the_lock_holds_until_released(key: &str) {
    let first = take_lock(key).await;
    let release: Function = first.dyn_into().expect("a free lock is taken");
    assert!(take_lock(key).await.is_null(), "a held lock is refused");
    release.call0(&JsValue::UNDEFINED).unwrap();
    tick().await;
    let again = take_lock(key).await;
    assert!(again.is_function(), "a released lock is free again");
    again
        .unchecked_into::<Function>()
        .call0(&JsValue::UNDEFINED)
        .unwrap();
}

#[wasm_bindgen_test]
async fn the_web_lock_is_taken_once_until_released() {
    the_lock_holds_until_released("lock-test").await;
}

#[wasm_bindgen_test]
async fn without_web_locks_the_stored_lock_is_taken_once_until_released() {
    let navigator = web_sys::window().unwrap().navigator();
    let proto = Object::get_prototype_of(&navigator);
    let locks = JsValue::from_str("locks");
    let descriptor = Object::get_own_property_descriptor(&proto, &locks);
    Reflect::delete_property(&proto, &locks).unwrap();
    the_lock_holds_until_released("stored-lock-test").await;
    let stored = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("nps:stored-lock-test:lock")
        .unwrap();
    Object::define_property(&proto, &locks, &descriptor.unchecked_into());
    assert_eq!(stored, None, "released: the key is gone");
}

#[wasm_bindgen_test]
async fn on_a_page_whose_origin_the_project_does_not_allow_show_opens_nothing() {
    let widget = widget();
    call(&widget, &["init".into(), options(&[("key", "other-site")])]);
    call(&widget, &["show".into()]);
    for _ in 0..6 {
        tick().await;
    }
    assert!(shadow().is_none(), "no dialog");
    let stored = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("nps:other-site:history")
        .unwrap();
    assert_eq!(stored, None, "nothing recorded as shown");
}

#[wasm_bindgen_test]
async fn an_answer_refused_for_good_says_so_instead_of_thanking() {
    let widget = shown_with(Some(("host", REFUSING))).await;

    click("[role=radio]:nth-child(10)"); // score 9
    tick().await;
    click("button.send");
    // The refusal comes back in a task or two.
    for _ in 0..10 {
        tick().await;
        let status = find("[role=status]").and_then(|s| s.text_content());
        if status.as_deref() == Some("Sorry, your answer could not be recorded.") {
            break;
        }
    }
    let status = find("[role=status]").unwrap().text_content().unwrap();
    assert_eq!(status, "Sorry, your answer could not be recorded.");
    assert!(find("[role=radiogroup]").is_none(), "no form either");
    click("button.x");
    tick().await;
    assert!(shadow().is_none(), "Close removes it");

    closed(&widget).await;
}
