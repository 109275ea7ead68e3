//! The notice, shown through the outbox's JavaScript method, which the
//! widget's core calls when the eligibility read says a notice waits:
//!
//! ```js
//! outbox.notice(event);  // the notice_seen event to fill in, with `locale`
//! ```
//!
//! Under the cross-tab lock it reads the notices afresh, shows the first
//! this browser has not shown in `<div data-nps-notice>` at the end of
//! `<body>` (an open shadow root with the prompt's stylesheet) and records
//! it seen (`nps_widget::lazy::notice`); Close (or Escape) removes it and
//! releases the lock.
//!
//! A small non-modal dialog named by its heading ("You asked, we
//! delivered"), with the announcement, its link if any, and Close, in the
//! page's language (`nps_widget_ui::notice_texts`). Built with plain DOM
//! calls rather than a Yew component: a component costs the module about
//! 3 KB brotli more, and the notice has nothing to re-render. It takes no
//! focus: the reader is in the middle of something.

use std::rc::Rc;

use js_sys::Reflect;
use nps_widget::lazy::delivery::Delivery;
use nps_widget::lazy::notice::{next, Waiting};
use nps_widget_ui::notice_texts::NoticeTexts;
use nps_widget_ui::Locale;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

/// Shows the user's waiting notice (see the module's header), recording
/// it seen through `outbox`.
pub(crate) fn show_waiting(event: JsValue, outbox: Rc<Delivery>) {
    let locale = Reflect::get(&event, &"locale".into())
        .ok()
        .and_then(|l| l.as_string())
        .unwrap_or_default();
    let t = NoticeTexts::of(Locale::from_tag(&locale).unwrap_or(Locale::En));
    next(
        event,
        outbox,
        Box::new(move |n, release| {
            if show(t, &n, release.clone()).is_err() {
                let _ = release.call0(&JsValue::UNDEFINED);
            }
        }),
    );
}

/// An element `tag` with `class` (and `text`), appended to `parent`.
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

fn show(t: &'static NoticeTexts, n: &Waiting, release: js_sys::Function) -> Result<(), JsValue> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let body = doc
        .body()
        .ok_or_else(|| JsValue::from_str("no <body> yet"))?;
    let host = doc.create_element("div")?;
    host.set_attribute("data-nps-notice", "")?;
    let root = nps_widget_ui::shadow_root(&host)?;
    let card = add(&doc, &root, "div", "card notice", "")?;
    card.set_attribute("role", "dialog")?;
    card.set_attribute("aria-labelledby", "nps-n")?;
    add(&doc, &card, "p", "q", t.heading)?.set_id("nps-n");
    add(&doc, &card, "p", "said", &n.text)?;
    if let Some(link) = &n.link {
        let p = add(&doc, &card, "p", "said", "")?;
        let a = add(&doc, &p, "a", "", t.read_more)?;
        a.set_attribute("href", link)?;
        a.set_attribute("target", "_blank")?;
        a.set_attribute("rel", "noopener noreferrer")?;
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
