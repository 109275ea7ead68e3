//! Loading API data into components: [`use_fetch`] refetches when its
//! path (which holds the filters) or its reload counter changes, and
//! ignores answers that arrive after a newer request was made. And
//! [`use_today`]: which day it is where the project counts its days.

use std::rc::Rc;

use serde::de::DeserializeOwned;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::api::ApiError;
use super::clock;
use super::ctx::{use_ctx, use_projects};
use crate::dates::Day;

/// Where a fetch stands.
#[derive(Debug, PartialEq)]
pub(crate) enum Load<T> {
    /// Nothing asked (no path).
    Idle,
    /// Waiting for the first answer.
    Loading,
    /// The latest answer.
    Ready(Rc<T>),
    /// The latest call failed.
    Failed(ApiError),
}

impl<T> Load<T> {
    /// The data, when there is some.
    pub(crate) fn ready(&self) -> Option<&Rc<T>> {
        match self {
            Load::Ready(v) => Some(v),
            _ => None,
        }
    }
}

/// GETs `path` (when `Some`) and again whenever it or `reload` changes.
#[hook]
pub(crate) fn use_fetch<T>(path: Option<String>, reload: u32) -> UseStateHandle<Load<T>>
where
    T: DeserializeOwned + 'static,
{
    let ctx = use_ctx();
    let state = use_state(|| Load::Idle);
    let generation = use_mut_ref(|| 0_u32);
    {
        let state = state.clone();
        let api = ctx.api.clone();
        use_effect_with((path, reload), move |(path, _)| {
            *generation.borrow_mut() += 1;
            let mine = *generation.borrow();
            match path.clone() {
                None => state.set(Load::Idle),
                Some(path) => {
                    if !matches!(*state, Load::Ready(_)) {
                        state.set(Load::Loading);
                    }
                    spawn_local(async move {
                        let answer = api.get::<T>(&path).await;
                        if *generation.borrow() == mine {
                            state.set(match answer {
                                Ok(v) => Load::Ready(Rc::new(v)),
                                Err(e) => Load::Failed(e),
                            });
                        }
                    });
                }
            }
        });
    }
    state
}

/// A counter to bump for a refetch.
#[hook]
pub(crate) fn use_reload() -> (u32, Callback<()>) {
    let n = use_state(|| 0_u32);
    let bump = {
        let n = n.clone();
        Callback::from(move |()| n.set(n.wrapping_add(1)))
    };
    (*n, bump)
}

/// Today in the current project's time zone (the browser's `Intl` says
/// which day that is), for "today" and "last 30 days".
#[hook]
pub(crate) fn use_today() -> Day {
    clock::today_in(&use_projects().zone())
}
