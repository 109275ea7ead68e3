//! The notice, shown through the outbox's JavaScript method, which the
//! widget's core calls when the eligibility read says a notice waits:
//!
//! ```js
//! outbox.notice(event);  // the notice_seen event to fill in, with `locale`
//! ```
//!
//! The core loads this module with the texts of `locale` first (the
//! loader fetches its language file). Under the cross-tab lock this reads
//! the notices afresh, shows the first this browser has not shown in
//! `<div data-nps-notice>` at the end of `<body>` (an open shadow root
//! with the prompt's stylesheet) and records it seen
//! (`nps_widget::lazy::notice`); Close (or Escape) removes it and releases
//! the lock.
//!
//! A small non-modal dialog named by its heading ("You asked, we
//! delivered", `Texts::notice_heading`), with the announcement (a link to
//! its page, if it has one) and Close (`Texts::close`), in the page's
//! language. Built with plain DOM calls rather than a Yew component: a
//! component costs the module about 3 KB brotli more, and the notice has
//! nothing to re-render. It takes no focus: the reader is in the middle of
//! something.

use std::rc::Rc;

use js_sys::{Function, Reflect};
use nps_widget::lazy::delivery::Delivery;
use nps_widget::lazy::notice::{next, Waiting};
use nps_widget_ui::{Locale, Texts};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

/// Shows the user's waiting notice (see the module's header), recording
/// it seen through `outbox`.
pub(crate) fn show_waiting(event: JsValue, outbox: Rc<Delivery>) {
    let locale = Reflect::get(&event, &"locale".into())
        .ok()
        .and_then(|l| l.as_string())
        .and_then(|l| Locale::from_tag(&l))
        .unwrap_or_default();
    next(
        event,
        outbox,
        Box::new(move |n, release| {
            if show(locale, &n, release.clone()).is_err() {
                let _ = release.call0(&JsValue::UNDEFINED);
            }
        }),
    );
}

/// An element `tag` with `class` and `text`, appended to `parent`.
fn add(
    doc: &Document,
    parent: &Element,
    tag: &str,
    class: &str,
    text: &str,
) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    e.set_class_name(class);
    e.set_text_content(Some(text));
    parent.append_child(&e)?;
    Ok(e)
}

fn show(locale: Locale, n: &Waiting, release: Function) -> Result<(), JsValue> {
    let t = Texts::of(locale);
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let body = doc
        .body()
        .ok_or_else(|| JsValue::from_str("no <body> yet"))?;
    let host = doc.create_element("div")?;
    host.set_attribute("data-nps-notice", "")?;
    let root = nps_widget_ui::shadow_root(&host)?;
    let card = add(&doc, &root, "div", "card", "")?;
    card.set_attribute("role", "dialog")?;
    card.set_attribute("aria-labelledby", "nps-n")?;
    card.set_attribute("lang", locale.code())?;
    card.set_attribute("dir", if locale.is_rtl() { "rtl" } else { "ltr" })?;
    add(&doc, &card, "p", "q", t.notice_heading)?.set_id("nps-n");
    let said = add(&doc, &card, "p", "said", "")?;
    match &n.link {
        // The announcement itself is the link: no "Read more" to translate.
        Some(link) => {
            let a = add(&doc, &said, "a", "", &n.text)?;
            a.set_attribute("href", link)?;
            a.set_attribute("target", "_blank")?;
            a.set_attribute("rel", "noopener noreferrer")?;
        }
        None => said.set_text_content(Some(&n.text)),
    }
    let actions = add(&doc, &card, "div", "actions", "")?;
    let close = add(&doc, &actions, "button", "send", t.close)?;
    close.set_attribute("type", "button")?;
    let gone = host.clone();
    let on_close = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        let key = Reflect::get(&e, &"key".into())
            .ok()
            .and_then(|k| k.as_string());
        if key.is_none() || key.as_deref() == Some("Escape") {
            gone.remove();
            let _ = release.call0(&JsValue::UNDEFINED);
        }
    })
    .into_js_value();
    close.add_event_listener_with_callback("click", on_close.unchecked_ref())?;
    card.add_event_listener_with_callback("keydown", on_close.unchecked_ref())?;
    body.append_child(&host)?;
    Ok(())
}
