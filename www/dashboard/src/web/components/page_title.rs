//! A page's heading: the `<h1>` focus moves to after a navigation, and the
//! document title.

use yew::prelude::*;

use crate::web::ctx::use_ctx;

/// Props of [`PageTitle`].
#[derive(Properties, PartialEq)]
pub(crate) struct PageTitleProps {
    pub(crate) title: AttrValue,
    #[prop_or_default]
    pub(crate) intro: Option<AttrValue>,
}

/// The page heading.
#[function_component]
pub(crate) fn PageTitle(props: &PageTitleProps) -> Html {
    let lang = use_ctx().lang;
    {
        let title = lang.title(&props.title);
        use_effect_with(title, |title| gloo_utils::document().set_title(title));
    }
    html! {
        <div class="page-head">
            <h1 id="page-title" tabindex="-1">{ props.title.clone() }</h1>
            if let Some(intro) = &props.intro { <p class="muted">{ intro.clone() }</p> }
        </div>
    }
}
