//! `GET /api/v1/openapi.json`: the OpenAPI 3.1 document of the public and
//! admin API, generated from the handlers' annotations and the wire types,
//! so it cannot drift from the code.

use axum::routing::get;
use axum::{Json, Router};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "NPS collector API",
        description = "Public endpoints (`widget` tag) take the project's public key; \
                       admin endpoints need `Authorization: Bearer <admin token>`. \
                       Every error is a JSON problem `{code, message}`."
    ),
    paths(
        super::responses::create,
        super::responses::update_comment,
        super::events::create,
        super::config::config,
        super::eligibility::history,
        super::verbatims::list,
        super::verbatims::export,
        super::stats::stats,
        super::stats::compare::compare,
        super::stats::trend,
        super::stats::segments,
        super::stats::tenure,
        super::projects::list,
        super::projects::create,
        super::projects::put_config,
        super::projects::update,
        super::users::export,
        super::users::erase,
        super::users::log,
        super::tags::add,
        super::tags::remove,
        super::tags::rules,
        super::tags::create_rule,
        super::tags::delete_rule,
        super::tags::apply_all,
        super::tags::per_tag,
        super::followups::inbox,
        super::followups::one,
        super::followups::change,
        super::webhooks::create,
        super::webhooks::list,
        super::webhooks::remove,
        super::webhooks::test,
        super::webhooks::deliveries,
        super::session::sign_in,
        super::session::whoami,
        super::session::sign_out,
        super::members::list,
        super::members::add,
        super::members::change_role,
        super::members::remove,
        super::members::revoke,
    ),
    modifiers(&AdminToken)
)]
struct ApiDoc;

struct AdminToken;

impl Modify for AdminToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "admin_token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The document.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// The route serving it.
pub(super) fn router() -> Router<AppState> {
    Router::new().route("/api/v1/openapi.json", get(|| async { Json(document()) }))
}
