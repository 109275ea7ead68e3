//! Experiments: each moment of the project with its variants side by side
//! (`GET /api/v1/stats/experiments`), each against the control, with the
//! widget's own prompt previewing every variant's question. A moment
//! without variants says how to add them.

mod moment;

use std::rc::Rc;

use yew::prelude::*;

use moment::MomentCard;

use crate::web::components::page_title::PageTitle;
use crate::web::ctx::{use_ctx, use_projects};

/// The experiments page.
#[function_component]
pub(crate) fn ExperimentsPage() -> Html {
    let ctx = use_ctx();
    let (t, xp) = (ctx.t(), ctx.lang.xp());
    let projects = use_projects();
    let Some(project) = projects.project() else {
        return html! { <PageTitle title={t.experiments} intro={xp.intro} /> };
    };
    let config = &project.config;
    html! {
        <>
        <PageTitle title={t.experiments} intro={xp.intro} />
        if config.moments.is_empty() {
            <p class="notice">{ xp.no_moments }</p>
        }
        { for config.moments.iter().enumerate().map(|(i, m)| html! {
            <MomentCard key={m.event.clone()} index={i} project={project.key.clone()}
                moment={Rc::new(m.clone())} appearance={config.appearance.clone()} />
        }) }
        </>
    }
}
