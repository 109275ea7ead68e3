//! The notice ("You asked, we delivered"), from the lazy module's side:
//! the core only learns from the eligibility read that one waits and hands
//! over here, with its `notice_seen` event to fill in (who, in which
//! project) and the page's language. This takes the cross-tab lock (no tab
//! shows a notice while another shows a notice or a prompt), reads the
//! notices afresh in that language (another tab or device may have just
//! seen one), skips those this browser already showed, and records the
//! one it shows: in `localStorage` at once, and as the `notice_seen` event
//! queued in the outbox, after which the collector no longer returns it
//! anywhere.

use std::rc::Rc;

use js_sys::{Array, Function, Object};
use wasm_bindgen::{JsCast, JsValue};

use super::delivery::Delivery;
use crate::browser::encode::set;
use crate::browser::promise::settle;
use crate::browser::read::{field, text};
use crate::browser::{http, storage, uuid};

/// A notice to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    /// The announcement, in the page's language (English otherwise).
    pub text: String,
    /// Where to read more.
    pub link: Option<String>,
}

/// What shows a notice: it gets the notice and the function that releases
/// the cross-tab lock, to call once the notice is closed.
pub type Show = Box<dyn FnOnce(Waiting, Function)>;

/// Shows the first notice waiting for the user of `event` (the core's
/// `notice_seen` event without its id and notice, plus the page's
/// `locale`) that this browser has not shown, if the cross-tab lock is
/// free and privacy lets the outbox deliver, and records it seen.
pub fn next(event: JsValue, outbox: Rc<Delivery>, show: Show) {
    let (Some(key), Some(user), Some(hash), Some(host)) = (
        text(&event, "key"),
        text(&event, "user_id"),
        text(&event, "user_hash"),
        outbox.host(),
    ) else {
        return;
    };
    let event: Object = event.unchecked_into();
    let mut url = http::history_url(&host, &key, &user, &hash);
    url.push_str("&locale=");
    url.push_str(&text(&event, "locale").unwrap_or_default());
    settle(
        &super::prompt_lock::take(&key).into(),
        Box::new(move |got| {
            let Some(release) = got.ok().and_then(|r| r.dyn_into::<Function>().ok()) else {
                return; // another tab shows something
            };
            http::get_json(
                &url,
                Box::new(move |json| {
                    let seen_key = storage::item_key(&key, "notices");
                    let mut seen = storage::get(&seen_key).unwrap_or_default();
                    let Some((id, notice)) = json.ok().and_then(|j| first_unseen(&j, &seen)) else {
                        let _ = release.call0(&JsValue::UNDEFINED);
                        return;
                    };
                    seen.push(' ');
                    seen.push_str(&id);
                    storage::set(&seen_key, &seen);
                    set(&event, "id", &uuid::new_id().into());
                    set(&event, "notice", &id.into());
                    let write = Object::new();
                    set(&write, "event", &event);
                    outbox.enqueue(&write);
                    show(notice, release);
                }),
            );
        }),
    );
}

/// The first notice of an eligibility answer whose id is not in `seen`
/// (ids separated by spaces), with its id.
fn first_unseen(json: &JsValue, seen: &str) -> Option<(String, Waiting)> {
    let list: Array = field(json, "notices")?.dyn_into().ok()?;
    list.iter().find_map(|n| {
        let id = text(&n, "id").filter(|id| !seen.split(' ').any(|s| s == id))?;
        let link =
            text(&n, "link").filter(|l| l.starts_with("https://") || l.starts_with("http://"));
        Some((
            id,
            Waiting {
                text: text(&n, "text")?,
                link,
            },
        ))
    })
}
