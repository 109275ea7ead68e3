//! What every component may reach: the language, the API client, who is
//! signed in, and the current project. Provided once by the app.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use super::api::Api;
use crate::i18n::{Lang, Texts};
use crate::query::Query;
use crate::wire::{Project, Role};

/// Who is signed in.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Who {
    /// The member's e-mail; `None` with the admin token.
    pub(crate) email: Option<String>,
    /// What they may do.
    pub(crate) role: Role,
}

impl Who {
    /// May change configuration (projects, timing, webhooks, members).
    pub(crate) fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}

/// The app-wide context.
#[derive(Clone, PartialEq)]
pub(crate) struct Ctx {
    pub(crate) lang: Lang,
    pub(crate) set_lang: Callback<Lang>,
    pub(crate) api: Api,
    pub(crate) who: Rc<Who>,
    pub(crate) sign_out: Callback<()>,
}

impl Ctx {
    /// The texts of the current language.
    pub(crate) fn t(&self) -> &'static Texts {
        self.lang.t()
    }
}

/// The projects and the one the URL names.
#[derive(Clone, PartialEq)]
pub(crate) struct Projects {
    pub(crate) all: Rc<Vec<Project>>,
    /// The current project's key.
    pub(crate) current: Option<String>,
    /// Reloads the list (after a configuration change).
    pub(crate) reload: Callback<()>,
}

impl Projects {
    /// The current project, if it exists.
    pub(crate) fn project(&self) -> Option<&Project> {
        let key = self.current.as_deref()?;
        self.all.iter().find(|p| p.key == key)
    }

    /// The current project's time zone, where its days start (`UTC`
    /// without a project).
    pub(crate) fn zone(&self) -> String {
        self.project()
            .map_or_else(|| "UTC".to_owned(), |p| p.timezone.clone())
    }
}

/// The app context (panics outside the provider: a programming error).
#[hook]
pub(crate) fn use_ctx() -> Ctx {
    use_context::<Ctx>().expect("Ctx is provided by the app")
}

/// The projects context.
#[hook]
pub(crate) fn use_projects() -> Projects {
    use_context::<Projects>().expect("Projects is provided by the shell")
}

/// The page's query string.
#[hook]
pub(crate) fn use_query() -> Query {
    let location = use_location();
    Query::parse(location.as_ref().map(|l| l.query_str()).unwrap_or_default())
}

/// Goes to `route` with `query` in the URL (a new history entry, or
/// replacing the current one).
pub(crate) fn go(
    navigator: Option<&Navigator>,
    route: &super::routes::Route,
    query: &Query,
    replace: bool,
) {
    let Some(nav) = navigator else { return };
    let pairs = query.pairs().to_vec();
    let _ = if replace {
        nav.replace_with_query(route, &pairs)
    } else {
        nav.push_with_query(route, &pairs)
    };
}
