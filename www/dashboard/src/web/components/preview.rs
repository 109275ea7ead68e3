//! The live preview: the widget's own prompt (`nps-widget-ui`, the same
//! Yew components the widget loads on a customer's page), rendered in a
//! shadow root beside the form with the texts, locale and look being
//! edited. It is drawn in the flow of the card (`inline`) instead of over
//! the page, and its buttons do nothing beyond showing the follow-up.

use nps_protocol::Appearance;
use nps_widget_ui::{Locale, Mounted, PromptProps};
use web_sys::Element;
use yew::prelude::*;

use crate::web::ctx::use_ctx;

/// Props of [`WidgetPreview`].
#[derive(Properties, PartialEq)]
pub(crate) struct WidgetPreviewProps {
    /// The moment's own question, if it has one in this language (else the
    /// widget's default question shows, as on a customer's page).
    #[prop_or_default]
    pub(crate) question: Option<AttrValue>,
    /// Its own follow-up question.
    #[prop_or_default]
    pub(crate) follow_up: Option<AttrValue>,
    /// The language shown.
    pub(crate) locale: AttrValue,
    /// Colour, position and theme.
    #[prop_or_default]
    pub(crate) appearance: Appearance,
    /// The card's heading ("Live preview" without one).
    #[prop_or_default]
    pub(crate) heading: Option<AttrValue>,
    /// The heading's id, unique on the page (several previews side by
    /// side each need their own).
    #[prop_or(AttrValue::Static("preview-title"))]
    pub(crate) heading_id: AttrValue,
    /// Sentences shown under the prompt (who is asked when).
    #[prop_or_default]
    pub(crate) notes: Vec<AttrValue>,
}

/// The preview card.
#[function_component]
pub(crate) fn WidgetPreview(props: &WidgetPreviewProps) -> Html {
    let t = use_ctx().t();
    let host = use_node_ref();
    let mounted = use_mut_ref(|| None::<Mounted>);
    let prompt = prompt_props(props);
    {
        let (host, mounted) = (host.clone(), mounted.clone());
        use_effect_with(prompt, move |prompt| {
            let mut slot = mounted.borrow_mut();
            match slot.as_mut() {
                Some(m) => m.update(prompt.clone()),
                None => {
                    if let Some(el) = host.cast::<Element>() {
                        *slot = nps_widget_ui::mount(&el, prompt.clone()).ok();
                    }
                }
            }
        });
    }
    {
        // The inner app goes with the card (a new one comes with the next).
        let mounted = mounted.clone();
        use_effect_with((), move |_| {
            move || {
                if let Some(m) = mounted.borrow_mut().take() {
                    m.destroy();
                }
            }
        });
    }
    let position = match props.appearance.position.as_str() {
        "bottom-left" => t.position_bottom_left,
        "center" => t.position_center,
        _ => t.position_bottom_right,
    };
    html! {
        <section class="card preview" aria-labelledby={props.heading_id.clone()}>
            <h2 id={props.heading_id.clone()}>{ props.heading.clone().unwrap_or(AttrValue::Static(t.preview)) }</h2>
            <p class="muted">{ format!("{}: {position}", t.position) }</p>
            <div class="preview-host" data-widget-preview="" lang={props.locale.clone()} ref={host} />
            if !props.notes.is_empty() {
                <ul class="preview-notes muted">{ for props.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
            }
        </section>
    }
}

/// What the widget's prompt is given.
fn prompt_props(p: &WidgetPreviewProps) -> PromptProps {
    let look = &p.appearance;
    PromptProps {
        locale: Locale::from_tag(&p.locale).unwrap_or_default(),
        on_event: Callback::noop(),
        question: p.question.clone(),
        follow_up: p.follow_up.clone(),
        whys: Default::default(),
        locked: false,
        thanking: false,
        failed: false,
        brand_color: look.brand_color.clone().map(AttrValue::from),
        position: look.position.clone().into(),
        theme: look.theme.clone().into(),
        inline: true,
    }
}
