//! The widget and the `www/` pages, embedded in the binary so one process is
//! the whole product.
//!
//! `/widget.js` is the loader the snippet names: short-cached with an ETag
//! so a new release reaches pages within minutes. The wasm it loads has a
//! content-hashed name and is cached forever.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use rust_embed::{EmbeddedFile, RustEmbed};

use super::caching::cached;
use super::error::Error;
use super::AppState;

/// What `widget/build.sh` writes: `widget.js` and `nps-<hash>.wasm`.
#[derive(RustEmbed)]
#[folder = "$CARGO_MANIFEST_DIR/../widget/dist"]
struct WidgetDist;

/// The web pages: the demo host app and the dashboard.
#[derive(RustEmbed)]
#[folder = "$CARGO_MANIFEST_DIR/../www"]
struct Www;

const SHORT_CACHE: &str = "public, max-age=300";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// Routes serving files; the `www/` fallback goes last.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::temporary("/dashboard/") }))
        .route("/widget.js", get(widget_js))
        .route("/widget/{file}", get(widget_file))
        .fallback(get(page))
}

/// True when the widget was built before this binary (warned at start-up).
pub(crate) fn widget_is_built() -> bool {
    WidgetDist::get("widget.js").is_some()
}

async fn widget_js(headers: HeaderMap) -> Response {
    serve(
        WidgetDist::get("widget.js"),
        "widget.js",
        SHORT_CACHE,
        &headers,
    )
}

async fn widget_file(Path(file): Path<String>, headers: HeaderMap) -> Response {
    serve(WidgetDist::get(&file), &file, IMMUTABLE, &headers)
}

async fn page(State(state): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    let path = uri.path().trim_start_matches('/');
    if path.starts_with("demo/") && !state.demo {
        return Error::NotFound("the demo is served with --demo".into()).into_response();
    }
    if !path.is_empty() && !path.ends_with('/') && Www::get(&format!("{path}/index.html")).is_some()
    {
        return Redirect::permanent(&format!("/{path}/")).into_response();
    }
    let file = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_owned()
    };
    serve(Www::get(&file), &file, REVALIDATE, &headers)
}

fn serve(
    file: Option<EmbeddedFile>,
    name: &str,
    cache: &'static str,
    headers: &HeaderMap,
) -> Response {
    let Some(file) = file else {
        return Error::NotFound(format!("no file {name:?}")).into_response();
    };
    let mime = mime_guess::from_path(name).first_or_octet_stream();
    cached(
        headers,
        &file.metadata.sha256_hash(),
        cache,
        mime.essence_str(),
        file.data,
    )
}
