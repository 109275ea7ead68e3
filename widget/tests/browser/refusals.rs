//! The collector says no: a page whose origin the project does not
//! allow, and an answer refused for good.

use super::*;

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
