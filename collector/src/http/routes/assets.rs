//! The widget and the `www/` pages, embedded in the binary so one process is
//! the whole product.
//!
//! `/widget.js` is the loader the snippet names: short-cached with an ETag
//! so a new release reaches pages within minutes. The files it loads have
//! content-hashed names and are cached forever. The widget's files are
//! sent precompressed (see [`precompressed`]).
//!
//! `/dashboard/` serves the build of the dashboard crate
//! (`www/dashboard/dist/`, written by `www/dashboard/build.sh`), never its
//! sources: `index.html` revalidated, its content-hashed script, wasm and
//! stylesheet cached forever. The dashboard routes in the path, so any
//! other `/dashboard/…` address without a file extension is the app's
//! `index.html` (a bookmark such as `/dashboard/comments?project=demo`).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use rust_embed::{EmbeddedFile, RustEmbed};

use crate::http::error::Error;
use crate::http::middleware::caching::cached;
use crate::http::state::AppState;

mod precompressed;

/// What `widget/build.sh` writes: `widget.js` and `nps-<hash>.wasm`.
#[derive(RustEmbed)]
#[folder = "$CARGO_MANIFEST_DIR/../widget/dist"]
struct WidgetDist;

/// The demo host app (`/demo/`, only with `--demo`).
#[derive(RustEmbed)]
#[folder = "$CARGO_MANIFEST_DIR/../www/demo"]
struct Demo;

/// What `www/dashboard/build.sh` writes: `index.html`, `app-<hash>.js`,
/// `app-<hash>.wasm`, `style-<hash>.css`.
#[derive(RustEmbed)]
#[folder = "$CARGO_MANIFEST_DIR/../www/dashboard/dist"]
struct DashboardDist;

const SHORT_CACHE: &str = "public, max-age=300";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// Routes serving files; the demo fallback goes last.
pub(in crate::http) fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::temporary("/dashboard/") }))
        .route("/widget.js", get(widget_js))
        .route("/widget/{file}", get(widget_file))
        .route(
            "/dashboard",
            get(|| async { Redirect::permanent("/dashboard/") }),
        )
        .route("/dashboard/", get(dashboard_index))
        .route("/dashboard/{*path}", get(dashboard))
        .fallback(get(page))
}

/// True when the widget was built before this binary (warned at start-up).
pub(crate) fn widget_is_built() -> bool {
    WidgetDist::get("widget.js").is_some()
}

async fn widget_js(headers: HeaderMap) -> Response {
    serve_widget("widget.js", SHORT_CACHE, &headers)
}

async fn widget_file(Path(file): Path<String>, headers: HeaderMap) -> Response {
    if precompressed::is_copy(&file) {
        return Error::NotFound(format!("no file {file:?}")).into_response();
    }
    serve_widget(&file, IMMUTABLE, &headers)
}

/// A file of the widget's build, in the best stored coding the client
/// accepts (never compressed on the fly).
fn serve_widget(name: &str, cache: &'static str, headers: &HeaderMap) -> Response {
    let Some((file, encoding)) = precompressed::pick(name, headers, WidgetDist::get) else {
        return Error::NotFound(format!("no file {name:?}")).into_response();
    };
    let mut response = precompressed::label(serve(Some(file), name, cache, headers), encoding);
    // A script or a wasm is not a page: the pages' policy (240 bytes on
    // every answer, a tenth of the widget's overhead on the wire) means
    // nothing here, and the strictest policy is also the shortest.
    response.headers_mut().insert(
        axum::http::header::CONTENT_SECURITY_POLICY,
        axum::http::HeaderValue::from_static("default-src 'none'"),
    );
    response
}

async fn dashboard_index(headers: HeaderMap) -> Response {
    serve(
        DashboardDist::get("index.html"),
        "index.html",
        REVALIDATE,
        &headers,
    )
}

/// A built file of the dashboard, or the app itself for a route of it.
async fn dashboard(Path(path): Path<String>, headers: HeaderMap) -> Response {
    if let Some(file) = DashboardDist::get(&path) {
        let cache = if path == "index.html" {
            REVALIDATE
        } else {
            IMMUTABLE
        };
        return serve(Some(file), &path, cache, &headers);
    }
    let last = path.rsplit('/').next().unwrap_or_default();
    if last.contains('.') {
        return Error::NotFound(format!("no file {path:?}")).into_response();
    }
    dashboard_index(headers).await
}

async fn page(State(state): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    let path = uri.path().trim_start_matches('/');
    if path == "demo" {
        return Redirect::permanent("/demo/").into_response();
    }
    let Some(file) = path.strip_prefix("demo/") else {
        return Error::NotFound(format!("no page {path:?}")).into_response();
    };
    if !state.demo {
        return Error::NotFound("the demo is served with --demo".into()).into_response();
    }
    let file = if file.is_empty() || file.ends_with('/') {
        format!("{file}index.html")
    } else {
        file.to_owned()
    };
    serve(Demo::get(&file), &file, REVALIDATE, &headers)
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
