//! Rebuilds the collector when files it embeds at compile time change:
//! the migrations (`sqlx::migrate!`) and the widget and pages
//! (`rust-embed` in release builds). Cargo only tracks files a crate
//! names, so a new migration or a new content-hashed wasm would otherwise
//! be missed.

fn main() {
    // Only what is embedded: the dashboard crate's sources are not.
    for dir in [
        "migrations",
        "../widget/dist",
        "../www/demo",
        "../www/dashboard/dist",
    ] {
        println!("cargo:rerun-if-changed={dir}");
    }
}
