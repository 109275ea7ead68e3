//! When the user last sent input, for a prompt that waits for a pause
//! (`rules::pause`): passive, capturing listeners on the window for keys,
//! pointers, the wheel, scrolling and touch, added only while such a prompt
//! waits, so a page view with nothing pending runs none. They note a time
//! and nothing else: the machine reads it when its timer fires.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::Object;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::{clock, encode, window};

/// What counts as the user doing something.
const INPUT: [&str; 6] = [
    "keydown",
    "pointerdown",
    "pointermove",
    "wheel",
    "scroll",
    "touchstart",
];

/// The listeners while they run, and the last input's time.
#[derive(Default)]
pub(crate) struct InputWatch {
    last: Rc<Cell<f64>>,
    listener: Option<Closure<dyn FnMut(web_sys::Event)>>,
}

impl InputWatch {
    /// Starts (`true`) or stops noting input; doing either twice is
    /// harmless.
    pub(crate) fn watch(&mut self, on: bool) {
        let Some(w) = window() else { return };
        if on && self.listener.is_none() {
            let last = self.last.clone();
            let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
                last.set(clock::now_ms());
            });
            // Passive: the page's scrolling never waits for us.
            let options = Object::new();
            encode::set(&options, "capture", &JsValue::TRUE);
            encode::set(&options, "passive", &JsValue::TRUE);
            for kind in INPUT {
                let _ = w.add_event_listener_with_callback_and_add_event_listener_options(
                    kind,
                    listener.as_ref().unchecked_ref(),
                    options.unchecked_ref(),
                );
            }
            self.listener = Some(listener);
        } else if let (false, Some(listener)) = (on, self.listener.take()) {
            for kind in INPUT {
                let _ = w.remove_event_listener_with_callback_and_bool(
                    kind,
                    listener.as_ref().unchecked_ref(),
                    true,
                );
            }
        }
    }

    /// The last input's time (ms since the epoch), if any was noted.
    pub(crate) fn last(&self) -> Option<f64> {
        Some(self.last.get()).filter(|t| *t > 0.0)
    }
}
