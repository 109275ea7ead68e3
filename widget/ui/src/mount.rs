//! Putting the prompt on a page: in an *open* shadow root on the host
//! element, so the host page's CSS cannot restyle it and ours cannot leak
//! out, while assistive technology and test tools still see inside.

use std::cell::RefCell;

use wasm_bindgen::JsValue;
use web_sys::{CssStyleSheet, Document, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};
use yew::AppHandle;

use crate::look::CSS;
use crate::prompt::{Prompt, PromptProps};

/// A prompt rendered into a host element's shadow root.
pub struct Mounted {
    app: AppHandle<Prompt>,
}

/// Renders [`Prompt`] with `props` into a new open shadow root of `host`,
/// with its stylesheet. The host element is the caller's: it places it,
/// and removes it after [`Mounted::destroy`].
pub fn mount(host: &Element, props: PromptProps) -> Result<Mounted, JsValue> {
    let root = shadow_root(host)?;
    let app = yew::Renderer::<Prompt>::with_root_and_props(root, props).render();
    Ok(Mounted { app })
}

/// A new open shadow root on `host`, with the stylesheet, and the element
/// in it to render into (the prompt's, or the lazy module's notice).
pub fn shadow_root(host: &Element) -> Result<Element, JsValue> {
    let document = host
        .owner_document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
    style(&document, &shadow)?;
    let root = document.create_element("div")?;
    shadow.append_child(&root)?;
    Ok(root)
}

impl Mounted {
    /// Re-renders with new properties (the score locked, the thank-you).
    pub fn update(&mut self, props: PromptProps) {
        self.app.update(props);
    }

    /// Removes the components (the shadow root stays, empty).
    pub fn destroy(self) {
        self.app.destroy();
    }
}

thread_local! {
    /// The stylesheet, parsed once per page and shared by every prompt.
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

/// Gives `shadow` the prompt's stylesheet: a constructable sheet, parsed
/// at the first prompt and adopted by the later ones (a prompt shown again
/// after `reset()` neither re-parses nor re-matches a new sheet), or a
/// `<style>` element in a browser without `adoptedStyleSheets`.
fn style(document: &Document, shadow: &ShadowRoot) -> Result<(), JsValue> {
    let adopts =
        js_sys::Reflect::has(shadow, &JsValue::from_str("adoptedStyleSheets")).unwrap_or(false);
    let sheet = adopts
        .then(|| {
            SHEET.with_borrow_mut(|sheet| {
                if sheet.is_none() {
                    *sheet = CssStyleSheet::new()
                        .ok()
                        .filter(|s| s.replace_sync(CSS).is_ok());
                }
                sheet.clone()
            })
        })
        .flatten();
    match sheet {
        Some(sheet) => shadow.set_adopted_style_sheets(&js_sys::Array::of1(&sheet)),
        None => {
            let style = document.create_element("style")?;
            style.set_text_content(Some(CSS));
            shadow.append_child(&style)?;
        }
    }
    Ok(())
}
