//! Integrations: the snippet to paste (with this collector's address and
//! the project's public key), the identity secret, the allowed origins,
//! the project's time zone, the webhooks, and a form to create another
//! project.

mod new_project;
mod origins;
mod webhooks;
mod zone;

use yew::prelude::*;

use crate::web::components::copy::CopyButton;
use crate::web::components::page_title::PageTitle;
use crate::web::ctx::{use_ctx, use_projects};

/// The snippet a SaaS developer pastes, for this collector and project.
fn snippet(origin: &str, key: &str) -> String {
    format!(
        "<script>window.nps=window.nps||function(){{(window.nps.q=window.nps.q||[]).push(arguments)}};\nnps('init',{{key:'{key}'}});</script>\n<script async src=\"{origin}/widget.js\"></script>"
    )
}

/// The integrations page.
#[function_component]
pub(crate) fn Integrations() -> Html {
    let ctx = use_ctx();
    let t = ctx.t();
    let projects = use_projects();
    let shown = use_state(|| false);
    let Some(project) = projects.project().cloned() else {
        return html! {
            <>
            <PageTitle title={t.integrations_title} />
            <new_project::NewProjectForm />
            </>
        };
    };
    let origin = gloo_utils::window().location().origin().unwrap_or_default();
    let code = snippet(&origin, &project.key);
    let toggle = {
        let shown = shown.clone();
        Callback::from(move |_| shown.set(!*shown))
    };
    html! {
        <>
        <PageTitle title={t.integrations_title} />
        <section class="card" aria-labelledby="install-title">
            <h2 id="install-title">{ t.install }</h2>
            <p class="muted">{ t.install_intro }</p>
            <pre><code>{ code.clone() }</code></pre>
            <CopyButton text={code} label={format!("{} ({})", t.copy, t.install)} />
        </section>
        <section class="card" aria-labelledby="keys-title">
            <h2 id="keys-title">{ t.public_key }</h2>
            <p><code class="secret">{ project.key.clone() }</code></p>
            <CopyButton text={project.key.clone()} label={format!("{} ({})", t.copy, t.public_key)} />
            <h3>{ t.identity_secret }</h3>
            <p class="muted">{ t.identity_intro }</p>
            if let Some(secret) = project.identity_secret.clone() {
                <p><code class="secret">{ if *shown { secret.clone() } else { "•".repeat(24) } }</code></p>
                <div class="actions">
                    <button type="button" class="quiet" aria-pressed={(*shown).to_string()} onclick={toggle}>
                        { if *shown { t.hide_secret } else { t.show_secret } }
                    </button>
                    <CopyButton text={secret} label={format!("{} ({})", t.copy, t.identity_secret)} />
                </div>
            } else {
                <p>{ t.no_identity }</p>
            }
        </section>
        <origins::AllowedOrigins project={project.key.clone()} origins={project.allowed_origins.clone()} />
        <zone::TimeZone project={project.key.clone()} zone={project.timezone.clone()} />
        <webhooks::Webhooks project={project.key.clone()} />
        <new_project::NewProjectForm />
        </>
    }
}
