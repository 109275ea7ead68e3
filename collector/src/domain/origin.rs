//! The web origins a project's public key may be used from
//! (`https://app.example.com`, or every subdomain with
//! `https://*.example.com`).
//!
//! Browsers send `Origin` with every cross-origin request and no page can
//! change it, so a list stops another website from posting answers or
//! reading the config with a key it copied. It does not stop a script
//! outside a browser (it can send any `Origin`, or none); requests without
//! one are let through, as a same-origin GET or a server has none.

use super::Invalid;

/// One allowed origin, lower-cased, without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedOrigin(String);

impl AllowedOrigin {
    /// The origin as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether a request's `Origin` header value is this origin (or one of
    /// its subdomains, for a `*.` pattern; the bare domain is not).
    pub fn allows(&self, origin: &str) -> bool {
        let origin = origin.to_ascii_lowercase();
        match self.0.split_once("://*.") {
            None => origin == self.0,
            Some((scheme, suffix)) => origin
                .strip_prefix(scheme)
                .and_then(|rest| rest.strip_prefix("://"))
                .and_then(|host| host.strip_suffix(suffix))
                .is_some_and(|sub| sub.ends_with('.') && sub.len() > 1 && !sub.contains('/')),
        }
    }
}

impl TryFrom<&str> for AllowedOrigin {
    type Error = Invalid;

    fn try_from(raw: &str) -> Result<Self, Invalid> {
        let bad = || {
            Invalid::new(
                "invalid_origin",
                format!("{raw:?} is not an origin such as https://app.example.com (scheme and host, no path)"),
            )
        };
        let origin = raw.trim().trim_end_matches('/').to_ascii_lowercase();
        let (scheme, rest) = origin.split_once("://").ok_or_else(bad)?;
        if scheme != "https" && scheme != "http" {
            return Err(bad());
        }
        let (host, port) = match rest.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (rest, None),
        };
        if port
            .is_some_and(|p| p.is_empty() || p.len() > 5 || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(bad());
        }
        let host = host.strip_prefix("*.").unwrap_or(host);
        let label_ok = |l: &str| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        };
        if host.is_empty() || host.len() > 253 || !host.split('.').all(label_ok) {
            return Err(bad());
        }
        Ok(Self(origin))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(raw: &str) -> AllowedOrigin {
        AllowedOrigin::try_from(raw).unwrap()
    }

    #[test]
    fn origins_are_normalised_and_checked() {
        assert_eq!(
            origin(" HTTPS://App.Example.com/ ").as_str(),
            "https://app.example.com"
        );
        assert_eq!(
            origin("http://localhost:3000").as_str(),
            "http://localhost:3000"
        );
        assert_eq!(
            origin("https://*.example.com").as_str(),
            "https://*.example.com"
        );
        for bad in [
            "app.example.com",
            "ftp://example.com",
            "https://example.com/path",
            "https://exa mple.com",
            "https://",
            "https://example.com:",
            "https://example.com:123456",
            "https://-bad.example.com",
            "https://*",
            "javascript://alert(1)",
        ] {
            assert!(AllowedOrigin::try_from(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn exact_origins_match_scheme_host_and_port() {
        let o = origin("https://app.example.com");
        assert!(o.allows("https://app.example.com"));
        assert!(o.allows("HTTPS://APP.EXAMPLE.COM"));
        assert!(!o.allows("http://app.example.com"));
        assert!(!o.allows("https://app.example.com:8443"));
        assert!(!o.allows("https://app.example.com.evil.example"));
        assert!(!o.allows("null"));
    }

    #[test]
    fn a_wildcard_matches_subdomains_only() {
        let o = origin("https://*.example.com");
        assert!(o.allows("https://app.example.com"));
        assert!(o.allows("https://a.b.example.com"));
        assert!(!o.allows("https://example.com"));
        assert!(!o.allows("https://evilexample.com"));
        assert!(!o.allows("http://app.example.com"));
        assert!(!o.allows("https://app.example.com.evil.example"));
    }
}
