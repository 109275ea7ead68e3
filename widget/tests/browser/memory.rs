//! What the widget keeps in `localStorage`: the outbox of unsent answers,
//! "ask me later", consent and its withdrawal, opting out.

use super::*;

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
