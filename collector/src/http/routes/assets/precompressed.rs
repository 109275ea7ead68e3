//! Precompressed static files: `widget/build.sh` writes a brotli (quality
//! 11) and a gzip (level 9) copy beside each file it builds (`x.wasm.br`,
//! `x.wasm.gz`), and the copy the client accepts is sent as it is, with
//! `Content-Encoding`. Compressing once at build time gets the smallest
//! bytes at no cost per request; the router's `CompressionLayer` leaves a
//! response that already has a `Content-Encoding` alone.
//!
//! Brotli is preferred, then gzip, else the file itself. Every answer
//! carries `Vary: Accept-Encoding`, so caches keep one copy per encoding,
//! and each copy has its own ETag (the digest of its own bytes).

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use rust_embed::EmbeddedFile;

/// A content coding a copy is stored in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Encoding {
    /// `br`, the `.br` copy.
    Brotli,
    /// `gzip`, the `.gz` copy.
    Gzip,
}

impl Encoding {
    /// Best first.
    const PREFERRED: [Self; 2] = [Self::Brotli, Self::Gzip];

    fn token(self) -> &'static str {
        match self {
            Self::Brotli => "br",
            Self::Gzip => "gzip",
        }
    }

    /// What the stored copy's name ends with.
    pub(super) fn suffix(self) -> &'static str {
        match self {
            Self::Brotli => ".br",
            Self::Gzip => ".gz",
        }
    }
}

/// Whether a file name is one of the stored copies, not a file of its own.
pub(super) fn is_copy(name: &str) -> bool {
    Encoding::PREFERRED
        .iter()
        .any(|e| name.ends_with(e.suffix()))
}

/// Whether `Accept-Encoding` allows `coding`: named with a non-zero
/// quality, or covered by `*` without being refused by name.
fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    let mut named = None;
    let mut star = None;
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim();
            let quality = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if name.eq_ignore_ascii_case(coding) {
                named = Some(quality > 0.0);
            } else if name == "*" {
                star = Some(quality > 0.0);
            }
        }
    }
    named.or(star).unwrap_or(false)
}

/// The file to send for `name`: the best stored copy the client accepts,
/// else the file itself; `None` if there is no such file.
pub(super) fn pick(
    name: &str,
    headers: &HeaderMap,
    get: impl Fn(&str) -> Option<EmbeddedFile>,
) -> Option<(EmbeddedFile, Option<Encoding>)> {
    let original = get(name)?;
    for encoding in Encoding::PREFERRED {
        if !accepts(headers, encoding.token()) {
            continue;
        }
        if let Some(copy) = get(&format!("{name}{}", encoding.suffix())) {
            return Some((copy, Some(encoding)));
        }
    }
    Some((original, None))
}

/// Labels `response` (built from the file [`pick`] chose) with its coding
/// and `Vary: Accept-Encoding`.
pub(super) fn label(mut response: Response, encoding: Option<Encoding>) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::VARY,
        HeaderValue::from_static(header::ACCEPT_ENCODING.as_str()),
    );
    if let (Some(encoding), false) = (encoding, response.status() == StatusCode::NOT_MODIFIED) {
        response.headers_mut().insert(
            header::CONTENT_ENCODING,
            HeaderValue::from_static(encoding.token()),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(accept: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(accept).unwrap(),
        );
        h
    }

    #[test]
    fn a_browser_that_accepts_brotli_gets_brotli() {
        let h = with("gzip, deflate, br, zstd");
        assert!(accepts(&h, "br"), "chromium's header");
        assert!(accepts(&h, "gzip"));
    }

    #[test]
    fn qualities_and_the_wildcard_are_honoured() {
        let cases = [
            ("br;q=0, gzip", "br", false),
            ("br;q=0, gzip", "gzip", true),
            ("*", "br", true),
            ("*;q=0", "gzip", false),
            ("*, br;q=0", "br", false),
            ("gzip;q=0.5", "gzip", true),
            ("identity", "gzip", false),
            ("BR", "br", true),
        ];
        for (header, coding, expected) in cases {
            assert_eq!(
                accepts(&with(header), coding),
                expected,
                "{coding} under {header:?}"
            );
        }
    }

    #[test]
    fn no_accept_encoding_means_the_file_itself() {
        assert!(!accepts(&HeaderMap::new(), "br"));
        assert!(!accepts(&HeaderMap::new(), "gzip"));
    }

    #[test]
    fn stored_copies_are_recognised_by_their_suffix() {
        assert!(is_copy("nps-0123.wasm.br"));
        assert!(is_copy("widget.js.gz"));
        assert!(!is_copy("widget.js"));
    }
}
