//! One person's story (`/dashboard/people?user=ID`, also reached as
//! `#/people/ID`): every answer, prompt, tag, follow-up change, note and
//! notice, oldest first, from `GET /api/v1/users/{user_id}/timeline`;
//! admins can erase the person (the existing erasure).

use gloo_net::http::Method;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::i18n::Shown;
use crate::web::api::segment;
use crate::web::clock;
use crate::web::components::load::{show, Failure};
use crate::web::components::page_title::PageTitle;
use crate::web::ctx::{use_ctx, use_projects, use_query};
use crate::web::hooks::use_fetch;
use crate::wire::{Timeline, TimelineItem};

/// The address of `user`'s page in `project`.
pub(crate) fn person_href(project: &str, user: &str) -> String {
    format!(
        "/dashboard/people?project={}&user={}",
        segment(project),
        segment(user)
    )
}

/// What an item says besides its kind.
fn detail(i: &TimelineItem) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(score) = i.score {
        parts.push(format!("{score}/10"));
    }
    parts.extend(i.comment.clone().map(|c| format!("“{c}”")));
    parts.extend(i.tag.clone());
    parts.extend(i.field.clone());
    parts.extend(i.value.clone());
    parts.extend(i.moment.clone());
    parts.extend(i.actor.clone().map(|a| format!("({a})")));
    parts.join(" · ")
}

/// The person page.
#[function_component]
pub(crate) fn Person() -> Html {
    let ctx = use_ctx();
    let p = ctx.lang.person();
    let projects = use_projects();
    let zone = projects.zone();
    let project = projects.current.unwrap_or_default();
    let query = use_query();
    let user = query.get("user").unwrap_or_default().to_owned();
    let reload = use_state(|| 0_u32);
    let erased = use_state(|| None::<Result<(), crate::web::api::ApiError>>);
    let path = (!user.is_empty()).then(|| {
        format!(
            "/api/v1/users/{}/timeline?project={}",
            segment(&user),
            segment(&project)
        )
    });
    let story = use_fetch::<Timeline>(path, *reload);
    let erase = {
        let (api, erased, reload) = (ctx.api.clone(), erased.clone(), reload.clone());
        let path = format!(
            "/api/v1/users/{}?project={}",
            segment(&user),
            segment(&project)
        );
        let confirm = p.erase_confirm;
        Callback::from(move |_: MouseEvent| {
            if !gloo_utils::window()
                .confirm_with_message(confirm)
                .unwrap_or(false)
            {
                return;
            }
            let (api, erased, reload, path) =
                (api.clone(), erased.clone(), reload.clone(), path.clone());
            spawn_local(async move {
                erased.set(Some(
                    api.send_unit(Method::DELETE, &path, None::<&()>).await,
                ));
                reload.set(*reload + 1);
            });
        })
    };
    html! {
        <>
        <PageTitle title={format!("{} {user}", p.title)} intro={p.intro} />
        <section class="card" aria-label={p.title}>
            { show(&story, |s: &Timeline| if s.items.is_empty() {
                html! { <p class="muted">{ p.empty }</p> }
            } else {
                html! {
                    <ol class="timeline">
                        { for s.items.iter().map(|i| html! {
                            <li class={classes!("timeline-item", format!("kind-{}", i.kind))}>
                                <time datetime={i.at.clone()}>{ clock::show_instant(ctx.lang, &i.at, &zone, Shown::Moment) }</time>
                                <strong>{ p.kind(&i.kind) }</strong>
                                <span class="meta">{ detail(i) }</span>
                            </li>
                        }) }
                    </ol>
                }
            }) }
        </section>
        if ctx.who.is_admin() {
            <p>
                <button type="button" class="danger" onclick={erase}>{ p.erase }</button>
                { match &*erased {
                    Some(Ok(())) => html! { <span role="status">{ p.erased }</span> },
                    Some(Err(e)) => html! { <Failure error={e.clone()} /> },
                    None => html! {},
                } }
            </p>
        }
        </>
    }
}
