//! `GET /api/v1/openapi.json`: the OpenAPI 3.1 document of the public and
//! admin API, generated from the handlers' annotations and the wire types,
//! so it cannot drift from the code.

use axum::routing::get;
use axum::{Json, Router};
use nps_protocol::Problem;
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi};

use super::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "NPS collector API",
        description = "Public endpoints (`widget` tag) take the project's public key; \
                       admin endpoints need `Authorization: Bearer <admin token>`; \
                       `POST /api/v1/moments` (`server` tag) needs the project's server key. \
                       Every error is a JSON problem `{code, message}`."
    ),
    paths(
        super::routes::responses::create,
        super::routes::responses::update_comment,
        super::routes::events::create,
        super::routes::config::config,
        super::routes::eligibility::history,
        super::routes::moments::record,
        super::routes::moments::rotate_key,
        super::routes::verbatims::list,
        super::routes::verbatims::export::export,
        super::routes::stats::stats,
        super::routes::stats::compare::compare,
        super::routes::stats::trend,
        super::routes::stats::segments,
        super::routes::stats::tenure,
        super::routes::projects::list,
        super::routes::projects::create,
        super::routes::projects::put_config,
        super::routes::projects::update,
        super::routes::imports::import,
        super::routes::config_versions::list,
        super::routes::config_versions::revert,
        super::routes::users::export,
        super::routes::users::erase,
        super::routes::users::log,
        super::routes::tags::add,
        super::routes::tags::remove,
        super::routes::tags::rules,
        super::routes::tags::create_rule,
        super::routes::tags::delete_rule,
        super::routes::tags::apply_all,
        super::routes::tags::per_tag,
        super::routes::lifecycle::list,
        super::routes::lifecycle::change,
        super::routes::timeline::timeline,
        super::routes::stats::loop_stats::loop_stats,
        super::routes::stats::experiments::experiments,
        super::routes::stats::sampling::sampling,
        super::routes::themes::themes,
        super::routes::themes::drivers::drivers,
        super::routes::themes::tag,
        super::routes::followups::inbox,
        super::routes::followups::one,
        super::routes::followups::change,
        super::routes::webhooks::create,
        super::routes::webhooks::list,
        super::routes::webhooks::remove,
        super::routes::webhooks::test,
        super::routes::webhooks::deliveries,
        super::routes::session::sign_in,
        super::routes::session::whoami,
        super::routes::session::sign_out,
        super::routes::members::list,
        super::routes::members::add,
        super::routes::members::change_role,
        super::routes::members::remove,
        super::routes::members::revoke,
    ),
    // Every error is a `Problem` (see `ProblemResponses`).
    components(schemas(Problem)),
    modifiers(&AdminToken, &OperationIds, &ProblemResponses)
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
        // `POST /api/v1/moments`: the project's secret server key.
        components.add_security_scheme(
            "server_key",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Operation ids from method and path (`getStatsCompare`,
/// `patchFollowupsById`): handler names repeat across modules (`list`,
/// `create`), and a generated client needs them unique.
struct OperationIds;

impl Modify for OperationIds {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            let name: String = path
                .trim_start_matches("/api/v1/")
                .split(['/', '-', '_'])
                .filter(|s| !s.is_empty())
                .map(
                    |segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                        Some(param) => format!("By{}", capitalised(param)),
                        None => capitalised(segment),
                    },
                )
                .collect();
            for (method, op) in operations(item) {
                op.operation_id = Some(format!("{method}{name}"));
            }
        }
    }
}

/// The operations of a path, with their methods.
fn operations(item: &mut PathItem) -> impl Iterator<Item = (&'static str, &mut Operation)> {
    [
        ("get", item.get.as_mut()),
        ("post", item.post.as_mut()),
        ("put", item.put.as_mut()),
        ("patch", item.patch.as_mut()),
        ("delete", item.delete.as_mut()),
    ]
    .into_iter()
    .filter_map(|(method, op)| op.map(|op| (method, op)))
}

/// The problems of every operation, declared here once: every error any
/// API request can meet is added to each operation that does not list it
/// (rate limits and timeouts apply to every route, 401/403 to every admin
/// route, and a body can be malformed or too large anywhere one is read),
/// and every error status is a `{code, message}` problem. A handler lists
/// only what it says more precisely, as `(status = 409, description =
/// "The last admin")`.
struct ProblemResponses;

/// What every error status means, unless an operation says more.
const ERRORS: [(&str, &str); 12] = [
    ("400", "Malformed JSON or query"),
    ("401", "No or wrong admin token or session"),
    ("403", "Not allowed (role, CSRF, identity proof)"),
    ("404", "No such project or resource"),
    ("408", "The request took too long"),
    ("409", "Conflicts with the current state"),
    ("413", "Body over 64 KiB"),
    ("415", "Not application/json"),
    ("422", "A field or filter broke a rule"),
    ("429", "Rate limited (see Retry-After)"),
    ("500", "Internal error (nothing was stored)"),
    (
        "503",
        "Storage unavailable for now: disk full, database restarting (see Retry-After)",
    ),
];

/// The media type of problems.
const PROBLEM_JSON: &str = "application/problem+json";

impl Modify for ProblemResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let problem = || {
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build()
        };
        for item in openapi.paths.paths.values_mut() {
            for (_, op) in operations(item) {
                let responses = &mut op.responses.responses;
                for (code, response) in responses.iter_mut() {
                    if let (true, RefOr::T(response)) = (is_error(code), response) {
                        if response.content.is_empty() {
                            response.content.insert(PROBLEM_JSON.to_owned(), problem());
                        }
                    }
                }
                for (code, description) in ERRORS {
                    if !responses.contains_key(code) {
                        let response = ResponseBuilder::new()
                            .description(description)
                            .content(PROBLEM_JSON, problem())
                            .build();
                        responses.insert(code.to_owned(), response.into());
                    }
                }
            }
        }
    }
}

/// A 4xx or 5xx status.
fn is_error(code: &str) -> bool {
    code.starts_with(['4', '5'])
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The document.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// The route serving it.
pub(super) fn router() -> Router<AppState> {
    Router::new().route("/api/v1/openapi.json", get(|| async { Json(document()) }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_declares_every_problem_as_a_problem_document() {
        let doc = serde_json::to_value(document()).unwrap();
        let mut operations = 0;
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                operations += 1;
                let responses = op["responses"].as_object().unwrap();
                for (code, _) in ERRORS {
                    let schema = &responses[code]["content"][PROBLEM_JSON]["schema"]["$ref"];
                    assert_eq!(
                        schema, "#/components/schemas/Problem",
                        "{method} {path}: {code}"
                    );
                }
                for (code, response) in responses.iter().filter(|(c, _)| is_error(c)) {
                    assert!(
                        response["content"][PROBLEM_JSON].is_object(),
                        "{method} {path}: {code} is a problem"
                    );
                }
            }
        }
        assert!(operations >= 40, "{operations} operations");
    }

    #[test]
    fn a_problem_an_operation_describes_keeps_its_own_description() {
        let doc = serde_json::to_value(document()).unwrap();
        let sign_in = &doc["paths"]["/api/v1/session"]["post"]["responses"];
        assert_eq!(sign_in["401"]["description"], "Wrong e-mail or password");
        assert_eq!(
            sign_in["422"]["description"],
            "A field or filter broke a rule"
        );
    }
}
