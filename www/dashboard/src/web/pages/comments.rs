//! Comments: the verbatim feed with search and filters (all in the URL),
//! tags added and removed by hand, "load more" by cursor, export links,
//! and the tag rules for admins. Comments are user input: rendered as
//! text, always.

pub(crate) mod item;
mod tag_rules;

use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use web_sys::{FormData, HtmlFormElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::filters::Filters;
use crate::query::Query;
use crate::web::components::filter_bar::FilterBar;
use crate::web::components::load::{show, Failure};
use crate::web::components::page_title::PageTitle;
use crate::web::ctx::{go, use_ctx, use_projects, use_query};
use crate::web::hooks::{use_fetch, Load};
use crate::web::routes::Route;
use crate::wire::{Answer, AnswerPage};

/// The feed's own URL parameters, on top of the shared filters.
const FEED: [&str; 5] = ["q", "category", "tag", "has_comment", "score_min"];

/// The API query of the feed: shared filters plus search, category and
/// tag; comments only unless `has_comment=any`.
fn feed_query(query: &Query, project: &str) -> Query {
    let mut api = Filters::from_query(query).api(project);
    for name in FEED {
        match (name, query.get(name)) {
            ("has_comment", Some("any")) => {}
            ("has_comment", None) => api.push("has_comment", "true"),
            (_, Some(v)) => api.push(name, v),
            (_, None) => {}
        }
    }
    api
}

/// The comments page.
#[function_component]
pub(crate) fn Comments() -> Html {
    let ctx = use_ctx();
    let t = ctx.t();
    let query = use_query();
    let projects = use_projects();
    let project = projects.current.clone().unwrap_or_default();
    let api_query = feed_query(&query, &project);
    let first = use_fetch::<AnswerPage>(
        Some(format!("/api/v1/responses?{}&limit=25", api_query.encode())),
        0,
    );
    let more = use_state(Vec::<Answer>::new);
    let cursor = use_state(|| None::<String>);
    let more_error = use_state(|| None);
    {
        let (more, cursor) = (more.clone(), cursor.clone());
        let next = first.ready().and_then(|p| p.next_cursor.clone());
        use_effect_with((api_query.encode(), next), move |(_, next)| {
            more.set(Vec::new());
            cursor.set(next.clone());
        });
    }
    let load_more = {
        let (more, cursor, more_error) = (more.clone(), cursor.clone(), more_error.clone());
        let (api, q) = (ctx.api.clone(), api_query.clone());
        Callback::from(move |_| {
            let Some(c) = (*cursor).clone() else { return };
            let (more, cursor, more_error, api) = (
                more.clone(),
                cursor.clone(),
                more_error.clone(),
                api.clone(),
            );
            let path = format!(
                "/api/v1/responses?{}&limit=25",
                q.clone().with("cursor", Some(&c)).encode()
            );
            spawn_local(async move {
                match api.get::<AnswerPage>(&path).await {
                    Ok(page) => {
                        let mut all = (*more).clone();
                        all.extend(page.items);
                        more.set(all);
                        cursor.set(page.next_cursor);
                    }
                    Err(e) => more_error.set(Some(e)),
                }
            });
        })
    };
    let export = |format: &str| {
        let href = format!(
            "/api/v1/responses/export?{}",
            api_query.clone().with("format", Some(format)).encode()
        );
        let name = format!("nps-{project}.{format}");
        let api = ctx.api.clone();
        let onclick = {
            let (href, name) = (href.clone(), name.clone());
            Callback::from(move |e: MouseEvent| {
                if api.uses_token() {
                    e.prevent_default();
                    let (api, href, name) = (api.clone(), href.clone(), name.clone());
                    spawn_local(async move {
                        let _ = api.download(&href, &name).await;
                    });
                }
            })
        };
        (href, name, onclick)
    };
    let (csv, csv_name, csv_click) = export("csv");
    let (jsonl, jsonl_name, jsonl_click) = export("jsonl");
    let items: Vec<Answer> = first
        .ready()
        .map(|p| {
            p.items
                .iter()
                .cloned()
                .chain(more.iter().cloned())
                .collect()
        })
        .unwrap_or_default();
    let items = Rc::new(items);
    html! {
        <>
        <PageTitle title={t.comments_title} />
        <FilterBar />
        <Search />
        <section class="card" aria-labelledby="export-title">
            <h2 id="export-title">{ t.export }</h2>
            <div class="actions">
                <a href={csv} download={csv_name} onclick={csv_click}>{ t.export_csv }</a>
                <a href={jsonl} download={jsonl_name} onclick={jsonl_click}>{ t.export_jsonl }</a>
            </div>
        </section>
        <section aria-labelledby="feed-title">
            <h2 id="feed-title">{ t.answers }</h2>
            { match &*first {
                Load::Ready(_) if items.is_empty() => html! { <p class="muted">{ t.no_comments }</p> },
                Load::Ready(_) => html! {
                    <ul class="feed">
                        { for items.iter().map(|a| html! { <item::Item key={a.id.clone()} answer={a.clone()} project={project.clone()} /> }) }
                    </ul>
                },
                other => show(other, |_| html! {}),
            } }
            if let Some(e) = &*more_error { <Failure error={e.clone()} /> }
            if cursor.is_some() {
                <div class="actions"><button type="button" onclick={load_more}>{ t.load_more }</button></div>
            }
        </section>
        if ctx.who.is_admin() { <tag_rules::TagRules /> }
        </>
    }
}

/// Search words, category, tag and "with a comment", kept in the URL.
#[function_component]
fn Search() -> Html {
    let t = use_ctx().t();
    let query = use_query();
    let navigator = use_navigator();
    let onsubmit = {
        let query = query.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(form) = e.target_dyn_into::<HtmlFormElement>() else {
                return;
            };
            let Ok(data) = FormData::new_with_form(&form) else {
                return;
            };
            let get = |n: &str| data.get(n).as_string().unwrap_or_default();
            let only = if data.get("has_comment").as_string().is_some() {
                None
            } else {
                Some("any")
            };
            let q = query
                .clone()
                .with("q", Some(get("q").trim()))
                .with("category", Some(&get("category")))
                .with("tag", Some(get("tag").trim()))
                .with("has_comment", only);
            go(navigator.as_ref(), &Route::Comments, &q, false);
        })
    };
    let category = query.get("category").unwrap_or_default();
    html! {
        <form class="card filters" role="search" aria-label={t.search} {onsubmit} key={query.encode()}>
            <div class="filter-grid">
                <div class="field">
                    <label for="s-q">{ t.search }</label>
                    <input id="s-q" name="q" type="search" value={query.get("q").unwrap_or_default().to_owned()} />
                </div>
                <div class="field">
                    <label for="s-category">{ t.category }</label>
                    <select id="s-category" name="category">
                        <option value="" selected={category.is_empty()}>{ t.any }</option>
                        <option value="promoter" selected={category == "promoter"}>{ t.promoters }</option>
                        <option value="passive" selected={category == "passive"}>{ t.passives }</option>
                        <option value="detractor" selected={category == "detractor"}>{ t.detractors }</option>
                    </select>
                </div>
                <div class="field">
                    <label for="s-tag">{ t.tag }</label>
                    <input id="s-tag" name="tag" type="text" value={query.get("tag").unwrap_or_default().to_owned()} />
                </div>
                <div class="check">
                    <input id="s-has" name="has_comment" type="checkbox" value="true"
                        checked={query.get("has_comment") != Some("any")} />
                    <label for="s-has">{ t.with_comment }</label>
                </div>
            </div>
            <div class="actions"><button type="submit" class="primary">{ t.search }</button></div>
        </form>
    }
}
