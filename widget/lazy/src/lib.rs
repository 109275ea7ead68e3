//! The widget's lazily loaded wasm module: what a page view needs only once
//! a prompt may come, or answers wait to be sent. `widget/build.sh` builds
//! it as `ui-<hash>.wasm` with its ES-module glue `ui-<hash>.js`; the
//! always-loaded core (`nps-widget`, in `widget/src`) asks the loader for
//! it (see `widget/README.md`, "How the two stages talk").
//!
//! Everything it exports is code the first view of a page never downloads:
//! - `mount(props, onEvent)` (`prompt`): the prompt's UI (the Yew
//!   components of `nps-widget-ui`) in a shadow root of its own host
//!   element, with `update(props)` and `destroy()`;
//! - `outbox(key, host)` (`nps_widget::lazy::delivery`): the outbox
//!   of project `key` and its delivery, with `enqueue(write)`,
//!   `flush(how)`, `forget_dropped()` and `on_refused(refused)`; `host()`
//!   is the core's answer to where answers go now (`undefined` while
//!   privacy keeps them), and `refused(response, code)` tells the core of
//!   each write the collector refused for good (the response's id, or
//!   `undefined` for an event; the problem's `code`);
//! - `texts(code, table)` (`nps_widget_ui::texts`): the visitor's
//!   language, which the loader fetches beside this module
//!   (`lang-<hash>-<code>.json`) when the core decided on one other than
//!   English, the only one compiled in;
//! - `lock(key)` (`nps_widget::lazy::prompt_lock`): the cross-tab lock
//!   of project `key`: a promise of the function that releases it, or of
//!   `null` when another tab holds it. The core takes it once this module
//!   is loaded, before showing a prompt;
//! - `notice_frame(host, code)`: the frame of a waiting notice ("You
//!   asked, we delivered") in language `code`, for the notice's own
//!   module (`widget/loader/notice.js`), which the loader imports only to
//!   show one and which uses the outbox's `host()` (the core's function)
//!   and `enqueue(write)`
//!   and `lock(key)` to read it and record it seen.
//!
//! The outbox's delivery and the cross-tab lock live in `nps-widget`'s
//! `lazy` folder (`widget/src/lazy`), which shares that crate's browser
//! adapters; this crate links `nps-widget` without its `widget` feature
//! (so without the core's API), and `nps-widget-ui` for the components.
//!
//! ```sh
//! bash widget/build.sh   # builds it beside the core
//! ```
//!
//! Everything is wasm-only: natively this crate is empty.
#![cfg(target_arch = "wasm32")]

mod prompt;

use std::rc::Rc;

use js_sys::{Array, Function, Promise, Reflect};
use nps_widget::lazy::delivery::Delivery;
use nps_widget::machine::Flush;
use nps_widget_ui::{Locale, Texts};
use wasm_bindgen::prelude::*;
use web_sys::Element;

pub use prompt::{mount, Ui};

/// Keeps the texts of language `code` (a parsed language file: the
/// strings in `nps_widget_ui::i18n::KEYS` order) for the prompts of this
/// page. Throws for a file that is not one (an error page, a string
/// missing), so that the loader gives up the prompt instead of showing it
/// in English while the answer says `code`.
#[wasm_bindgen]
pub fn texts(code: &str, table: &JsValue) -> Result<(), JsValue> {
    let get = |i: u32| Reflect::get_u32(table, i).ok()?.as_string();
    match (Locale::from_tag(code), Texts::from_lookup(get)) {
        (Some(locale), Some(texts)) => {
            nps_widget_ui::texts::register(locale, texts);
            Ok(())
        }
        _ => Err(JsValue::from_str("not a language file")),
    }
}

/// Takes the cross-tab lock of project `key`: a promise of the function
/// that releases it, or of `null` when another tab holds it.
#[wasm_bindgen]
pub fn lock(key: &str) -> Promise {
    nps_widget::lazy::prompt_lock::take(key)
}

/// The frame of a notice in language `code` (English if unknown):
/// `[element, heading, close, lang, dir]`, the element to render the
/// notice into (in an open shadow root of `host`, with the prompt's
/// stylesheet), its heading's and Close's texts, and its `lang` and `dir`
/// attributes. The notice's own module (`widget/loader/notice.js`) builds
/// the rest with plain DOM calls.
#[wasm_bindgen]
pub fn notice_frame(host: &Element, code: &str) -> Result<Array, JsValue> {
    let locale = Locale::from_tag(code).unwrap_or_default();
    let t = Texts::of(locale);
    let dir = if locale.is_rtl() { "rtl" } else { "ltr" };
    Ok(Array::of5(
        &nps_widget_ui::shadow_root(host)?.into(),
        &t.notice_heading.into(),
        &t.close.into(),
        &locale.code().into(),
        &dir.into(),
    ))
}

/// The outbox of one project, as the core holds it, and the core's
/// `host()`.
#[wasm_bindgen]
pub struct Outbox(Rc<Delivery>, Function);

/// The outbox of project `key`; `host()` says where to deliver.
#[wasm_bindgen]
pub fn outbox(key: &str, host: Function) -> Outbox {
    Outbox(Delivery::new(key, host.clone()), host)
}

#[wasm_bindgen]
impl Outbox {
    /// Queues a write in its stored form, and sends it.
    pub fn enqueue(&self, write: &JsValue) {
        self.0.enqueue(write);
    }

    /// Delivers what is due (`0`), everything not in flight (`1`: a fresh
    /// start), or everything at once without leases (`2`: the page is
    /// going away).
    pub fn flush(&self, how: u8) {
        self.0.flush(match how {
            1 => Flush::Wake,
            2 => Flush::LastChance,
            _ => Flush::Due,
        });
    }

    /// Forgets the count of entries dropped for lack of room.
    pub fn forget_dropped(&self) {
        self.0.forget_dropped();
    }

    /// Calls `refused(response, code)` for each write the collector
    /// refuses for good.
    pub fn on_refused(&self, refused: Function) {
        self.0.on_refused(refused);
    }

    /// The core's `host()`, which says where answers go now (`undefined`
    /// while privacy keeps them). The function itself: an answer read
    /// here would cost the module a string's round trip.
    pub fn host(&self) -> Function {
        self.1.clone()
    }
}

/// The module's allocator (the default `small-alloc` feature; off where
/// the module is linked into a program that has its own, as the widget's
/// browser tests do): a free list of a few hundred bytes of wasm instead of
/// dlmalloc's 2.5 KB brotli; the prompt allocates a few hundred small
/// objects.
#[cfg(feature = "small-alloc")]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());
