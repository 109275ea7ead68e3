//! The prompt's JavaScript entry points, called by the widget's core
//! through the loader:
//!
//! ```js
//! const ui = mount(props, onEvent);  // adds the host element, renders the prompt
//! ui.update(props);                  // new state from the core
//! ui.destroy();                      // removes it, gives focus back
//! ```
//!
//! `props` is `{locale: 'en'|'fr'|'de'|'es'|'it'|'pt'|'pt-BR'|'nl'|'ar',
//! locked?, thanking?, failed?, moment?, variant?, appearance?}`, where
//! `moment` and `appearance` are the config's JSON as the collector sent
//! it (the moment's `texts` and `variants`, the project's look) and
//! `variant` the index of the person's variant; `onEvent(kind, value)` is
//! called with `('pick', score)`, `('send', comment)`, `('close')`,
//! `('later')` or `('never')`.
//!
//! The module owns the host element, `<div data-nps-widget>` at the end of
//! `<body>`: the always-loaded core then needs none of the DOM calls that
//! place it, remove it and hand focus back (they weigh in every page view;
//! here they cost almost nothing beside Yew's).

use js_sys::{Function, Reflect};
use nps_widget_ui::{Locale, Mounted, PromptProps, UiEvent};
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};
use yew::{AttrValue, Callback};

/// A mounted prompt, as JavaScript holds it.
#[wasm_bindgen]
pub struct Ui {
    mounted: Mounted,
    on_event: Callback<UiEvent>,
    /// The host element, removed by `destroy`.
    host: Element,
    /// Where focus was before the prompt, to give it back.
    restore: Option<HtmlElement>,
}

/// Appends `<div data-nps-widget>` to `<body>` and renders the prompt into
/// a new shadow root of it.
#[wasm_bindgen]
pub fn mount(props: &JsValue, on_event: Function) -> Result<Ui, JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no <body> yet"))?;
    let restore = document
        .active_element()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
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
    let host = document.create_element("div")?;
    host.set_attribute("data-nps-widget", "")?;
    body.append_child(&host)?;
    match nps_widget_ui::mount(&host, read(props, &on_event)) {
        Ok(mounted) => Ok(Ui {
            mounted,
            on_event,
            host,
            restore,
        }),
        Err(e) => {
            host.remove();
            Err(e)
        }
    }
}

#[wasm_bindgen]
impl Ui {
    /// Re-renders with new `props`.
    pub fn update(&mut self, props: &JsValue) {
        let props = read(props, &self.on_event);
        self.mounted.update(props);
    }

    /// Removes the components and the host element, handing focus back to
    /// where it was before the prompt if the prompt had it (otherwise the
    /// user has moved on and focus is left alone).
    pub fn destroy(self) {
        let active = self.host.owner_document().and_then(|d| d.active_element());
        let had_focus = active.as_ref() == Some(&self.host);
        self.mounted.destroy();
        self.host.remove();
        if had_focus {
            if let Some(el) = self.restore.filter(|el| el.is_connected()) {
                let _ = el.focus();
            }
        }
    }
}

/// Property `name` of `object` (`undefined` if it has none).
fn get(object: &JsValue, name: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(name)).unwrap_or_default()
}

/// A string property, for the prompt.
fn text(object: &JsValue, name: &str) -> Option<AttrValue> {
    get(object, name).as_string().map(AttrValue::from)
}

/// The core's props, with the config's JSON: the moment's texts in the
/// prompt's language, its variant's over them, and the project's look
/// with the variant's position over it.
fn read(props: &JsValue, on_event: &Callback<UiEvent>) -> PromptProps {
    let locale = get(props, "locale").as_string().unwrap_or_default();
    let moment = get(props, "moment");
    let in_locale = |o: &JsValue| get(&get(o, "texts"), &locale);
    let own = in_locale(&moment);
    let variant = get(props, "variant")
        .as_f64()
        .map(|i| Reflect::get_u32(&get(&moment, "variants"), i as u32).unwrap_or_default())
        .unwrap_or_default();
    let theirs = in_locale(&variant);
    let look = get(props, "appearance");
    PromptProps {
        locale: Locale::from_tag(&locale).unwrap_or_default(),
        on_event: on_event.clone(),
        question: text(&theirs, "question").or_else(|| text(&own, "question")),
        follow_up: text(&own, "follow_up"),
        whys: [
            text(&theirs, "why_detractor"),
            text(&theirs, "why_passive"),
            text(&theirs, "why_promoter"),
        ],
        locked: get(props, "locked").is_truthy(),
        thanking: get(props, "thanking").is_truthy(),
        failed: get(props, "failed").is_truthy(),
        brand_color: text(&look, "brand_color"),
        position: text(&variant, "position")
            .or_else(|| text(&look, "position"))
            .unwrap_or_default(),
        theme: text(&look, "theme").unwrap_or_default(),
        inline: false,
    }
}
