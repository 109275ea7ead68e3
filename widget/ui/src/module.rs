//! The ui wasm's JavaScript entry points (`--features module`), called by
//! the widget's core through the loader:
//!
//! ```js
//! const ui = mount(hostElement, props, onEvent);  // renders the prompt
//! ui.update(props);                               // new state from the core
//! ui.destroy();                                   // before removing the host
//! ```
//!
//! `props` is `{locale: 'en'|'fr', question?, follow_up?, locked?,
//! thanking?, brand_color?, position?, theme?}`; `onEvent(kind, value)` is called with `('pick', score)`,
//! `('send', comment)`, `('close')`, `('later')` or `('never')`.

use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::{AttrValue, Callback};

use crate::{Locale, Mounted, PromptProps, UiEvent};

/// A mounted prompt, as JavaScript holds it.
#[wasm_bindgen]
pub struct Ui {
    mounted: Mounted,
    on_event: Callback<UiEvent>,
}

/// Renders the prompt into a new shadow root of `host`.
#[wasm_bindgen]
pub fn mount(host: &Element, props: &JsValue, on_event: Function) -> Result<Ui, JsValue> {
    let on_event = Callback::from(move |event: UiEvent| {
        let (kind, value) = match event {
            UiEvent::Pick(score) => ("pick", JsValue::from(score)),
            UiEvent::Send(comment) => ("send", JsValue::from(comment)),
            UiEvent::Close => ("close", JsValue::UNDEFINED),
            UiEvent::Later => ("later", JsValue::UNDEFINED),
            UiEvent::Never => ("never", JsValue::UNDEFINED),
        };
        // A throwing listener is the core's problem, not the page's.
        let _ = on_event.call2(&JsValue::NULL, &JsValue::from_str(kind), &value);
    });
    let mounted = crate::mount(host, read(props, &on_event))?;
    Ok(Ui { mounted, on_event })
}

#[wasm_bindgen]
impl Ui {
    /// Re-renders with new `props`.
    pub fn update(&mut self, props: &JsValue) {
        let props = read(props, &self.on_event);
        self.mounted.update(props);
    }

    /// Removes the components; the caller then removes the host.
    pub fn destroy(self) {
        self.mounted.destroy();
    }
}

fn read(props: &JsValue, on_event: &Callback<UiEvent>) -> PromptProps {
    let get = |name: &str| Reflect::get(props, &JsValue::from_str(name)).unwrap_or_default();
    let text = |name: &str| get(name).as_string().map(AttrValue::from);
    PromptProps {
        locale: Locale::from_code(&get("locale").as_string().unwrap_or_default()),
        on_event: on_event.clone(),
        question: text("question"),
        follow_up: text("follow_up"),
        locked: get("locked").is_truthy(),
        thanking: get("thanking").is_truthy(),
        brand_color: text("brand_color"),
        position: text("position").unwrap_or_default(),
        theme: text("theme").unwrap_or_default(),
        inline: false,
    }
}
