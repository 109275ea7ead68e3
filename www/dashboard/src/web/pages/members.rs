//! Members (admins): who may sign in, with which role; invite, change a
//! role, remove, sign someone out everywhere.

use gloo_net::http::Method;
use wasm_bindgen_futures::spawn_local;
use web_sys::{FormData, HtmlFormElement};
use yew::prelude::*;

use crate::i18n::{Lang, Shown};
use crate::web::api::{segment, ApiError};
use crate::web::clock;
use crate::web::components::load::Failure;
use crate::web::components::page_title::PageTitle;
use crate::web::components::table::TableRegion;
use crate::web::ctx::{use_ctx, use_projects};
use crate::web::hooks::{use_fetch, use_reload, Load};
use crate::wire::{Member, Members, NewMember, Role};

/// The day a member was added, in `lang`, in the current project's zone
/// (UTC without one), as every other date of the dashboard.
fn created(m: &Member, lang: Lang, zone: &str) -> String {
    clock::show_unix_ms(lang, m.created_at, zone, Shown::Day)
}

/// The members page.
#[function_component]
pub(crate) fn MembersPage() -> Html {
    let ctx = use_ctx();
    let t = ctx.t();
    let zone = use_projects().zone();
    let (reload, bump) = use_reload();
    let members = use_fetch::<Members>(Some("/api/v1/members".into()), reload);
    let error = use_state(|| None::<ApiError>);
    let status = use_state(|| "");
    let run = {
        let (api, error, status, bump) =
            (ctx.api.clone(), error.clone(), status.clone(), bump.clone());
        Callback::from(
            move |(method, path, body, done): (
                Method,
                String,
                Option<serde_json::Value>,
                &'static str,
            )| {
                let (api, error, status, bump) =
                    (api.clone(), error.clone(), status.clone(), bump.clone());
                spawn_local(async move {
                    match api.send_unit(method, &path, body.as_ref()).await {
                        Ok(()) => {
                            error.set(None);
                            status.set(done);
                            bump.emit(());
                        }
                        Err(e) => error.set(Some(e)),
                    }
                });
            },
        )
    };
    let invite = {
        let run = run.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(form) = e.target_dyn_into::<HtmlFormElement>() else {
                return;
            };
            let Ok(data) = FormData::new_with_form(&form) else {
                return;
            };
            let get = |n: &str| data.get(n).as_string().unwrap_or_default();
            let role = if get("role") == "admin" {
                Role::Admin
            } else {
                Role::Member
            };
            let body = NewMember {
                email: get("email").trim().to_owned(),
                role: role.as_str().to_owned(),
                password: get("password"),
            };
            run.emit((
                Method::POST,
                "/api/v1/members".into(),
                serde_json::to_value(body).ok(),
                t.member_added,
            ));
            form.reset();
        })
    };
    let me = ctx.who.email.clone();
    let table = match &*members {
        Load::Failed(e) if e.status == 404 => {
            html! { <p class="notice">{ t.members_unavailable }</p> }
        }
        Load::Failed(e) => html! { <Failure error={e.clone()} /> },
        Load::Ready(list) if list.members.is_empty() => {
            html! { <p class="muted">{ t.no_members }</p> }
        }
        Load::Ready(list) => html! {
            <TableRegion label={t.members_title}>
                <table>
                    <thead><tr><th scope="col">{ t.email }</th><th scope="col">{ t.role }</th><th scope="col">{ t.created }</th><th scope="col">{ "" }<span class="sr-only">{ t.remove }</span></th></tr></thead>
                    <tbody>
                        { for list.members.iter().map(|m| {
                            let path = format!("/api/v1/members/{}", segment(&m.email));
                            let change = {
                                let (run, path) = (run.clone(), path.clone());
                                Callback::from(move |e: Event| {
                                    let role = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                                    run.emit((Method::PATCH, path.clone(), Some(serde_json::json!({ "role": role })), t.saved));
                                })
                            };
                            let remove = {
                                let (run, path) = (run.clone(), path.clone());
                                Callback::from(move |_| run.emit((Method::DELETE, path.clone(), None, t.saved)))
                            };
                            let revoke = {
                                let (run, path) = (run.clone(), format!("{path}/sessions"));
                                Callback::from(move |_| run.emit((Method::DELETE, path.clone(), None, t.saved)))
                            };
                            let id = format!("role-{}", m.email);
                            let is_me = me.as_deref() == Some(m.email.as_str());
                            html! {
                                <tr>
                                    <th scope="row">{ m.email.clone() }</th>
                                    <td>
                                        <label class="sr-only" for={id.clone()}>{ format!("{} – {}", t.change_role, m.email) }</label>
                                        <select id={id} onchange={change} disabled={is_me}>
                                            <option value="member" selected={m.role == Role::Member}>{ t.role_member }</option>
                                            <option value="admin" selected={m.role == Role::Admin}>{ t.role_admin }</option>
                                        </select>
                                    </td>
                                    <td>{ created(m, ctx.lang, &zone) }</td>
                                    <td><div class="actions">
                                        <button type="button" class="quiet" onclick={revoke} aria-label={format!("{} – {}", t.revoke_sessions, m.email)}>{ t.revoke_sessions }</button>
                                        if !is_me {
                                            <button type="button" class="danger" onclick={remove} aria-label={format!("{} – {}", t.remove, m.email)}>{ t.remove }</button>
                                        }
                                    </div></td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </TableRegion>
        },
        _ => html! { <crate::web::components::load::Loading /> },
    };
    html! {
        <>
        <PageTitle title={t.members_title} />
        <section class="card" aria-labelledby="members-list-title">
            <h2 id="members-list-title">{ t.members_title }</h2>
            { table }
            <p role="status" class="muted">{ *status }</p>
            if let Some(e) = &*error { <Failure error={e.clone()} /> }
        </section>
        <section class="card" aria-labelledby="invite-title">
            <h2 id="invite-title">{ t.invite }</h2>
            <form class="form-grid" onsubmit={invite}>
                <div class="field"><label for="inv-email">{ t.email }</label><input id="inv-email" name="email" type="email" required=true autocomplete="off" /></div>
                <div class="field">
                    <label for="inv-role">{ t.role }</label>
                    <select id="inv-role" name="role">
                        <option value="member" selected=true>{ t.role_member }</option>
                        <option value="admin" selected=false>{ t.role_admin }</option>
                    </select>
                </div>
                <div class="field"><label for="inv-password">{ t.initial_password }</label><input id="inv-password" name="password" type="password" required=true minlength="12" autocomplete="new-password" /></div>
                <div class="actions"><button type="submit" class="primary">{ t.invite_button }</button></div>
            </form>
        </section>
        </>
    }
}
