//! Putting the prompt on a page: in an *open* shadow root on the host
//! element, so the host page's CSS cannot restyle it and ours cannot leak
//! out, while assistive technology and test tools still see inside.

use wasm_bindgen::JsValue;
use web_sys::{Element, ShadowRootInit, ShadowRootMode};
use yew::AppHandle;

use crate::prompt::{Prompt, PromptProps};
use crate::CSS;

/// A prompt rendered into a host element's shadow root.
pub struct Mounted {
    app: AppHandle<Prompt>,
}

/// Renders [`Prompt`] with `props` into a new open shadow root of `host`,
/// with its stylesheet. The host element is the caller's: it places it,
/// and removes it after [`Mounted::destroy`].
pub fn mount(host: &Element, props: PromptProps) -> Result<Mounted, JsValue> {
    let document = host
        .owner_document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
    let style = document.create_element("style")?;
    style.set_text_content(Some(CSS));
    shadow.append_child(&style)?;
    let root = document.create_element("div")?;
    shadow.append_child(&root)?;
    let app = yew::Renderer::<Prompt>::with_root_and_props(root, props).render();
    Ok(Mounted { app })
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
