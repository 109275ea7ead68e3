//! The prompt on the page: its dialog and radios, the follow-up, closing,
//! the languages, bad commands, the score's debounce and the thank-you.

use super::*;

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
