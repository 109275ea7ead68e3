//! Typed configuration of `nps-collector serve`, from flags or environment,
//! and the database setting every command shares.

use std::fmt;
use std::net::SocketAddr;
use std::str::FromStr;
use std::time::Duration;

use clap::Args;
use secrecy::{ExposeSecret, SecretString};

/// Shortest admin token accepted: anything shorter can be guessed.
pub const MIN_ADMIN_TOKEN_CHARS: usize = 16;

/// Options of `serve`. Every flag also reads an `NPS_*` environment
/// variable, so containers can be configured without a command line.
#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Address and port to listen on (port 0 picks a free one).
    #[arg(long, env = "NPS_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// The database.
    #[command(flatten)]
    pub database: DatabaseSettings,

    /// Token the admin API and dashboard require (`Authorization: Bearer`),
    /// at least 16 characters. A random one is generated and printed when
    /// absent.
    #[arg(long, env = "NPS_ADMIN_TOKEN", hide_env_values = true, value_parser = parse_admin_token)]
    pub admin_token: Option<SecretString>,

    /// Create the `demo` project (prompting on `onboarding_completed`) and
    /// serve the demo host app at `/demo/`.
    #[arg(long, env = "NPS_DEMO")]
    pub demo: bool,

    /// Most API requests per second from one client IP (bursts of twice
    /// that are absorbed); 0 turns the limit off.
    #[arg(long, env = "NPS_RATE_LIMIT_PER_IP", default_value_t = 50)]
    pub rate_limit_per_ip: u32,

    /// Behind a reverse proxy or load balancer, count the per-IP limit
    /// against the last address of `X-Forwarded-For` (the one your proxy
    /// appends) instead of the proxy's own address. Only set it when a
    /// proxy you control always sets that header.
    #[arg(long, env = "NPS_TRUST_FORWARDED_FOR")]
    pub trust_forwarded_for: bool,

    /// Most requests per second for one project key, all clients together;
    /// 0 turns the limit off.
    #[arg(long, env = "NPS_RATE_LIMIT_PER_KEY", default_value_t = 2000)]
    pub rate_limit_per_key: u32,

    /// The address people reach this collector at (for links in alerts),
    /// e.g. `https://nps.example.com`; the listening address by default.
    #[arg(long, env = "NPS_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Let webhooks target private, loopback and link-local addresses (a
    /// receiver on your own network). Off: such targets are refused, so a
    /// webhook cannot be used to reach internal services (SSRF).
    #[arg(long, env = "NPS_WEBHOOK_ALLOW_PRIVATE")]
    pub webhook_allow_private: bool,

    /// Connection limits and deadlines.
    #[command(flatten)]
    pub transport: TransportSettings,
}

/// Which database a command opens. `serve` and every other command take it
/// alike (one flag, one variable, one default), so `member add` run beside
/// a server writes where that server reads.
///
/// `Display` shows where it is without its secrets: a SQLite file by its
/// absolute path, a PostgreSQL URL without its password. `Debug` does too.
#[derive(Clone, Args)]
pub struct DatabaseSettings {
    /// Where the data is stored: `sqlite://PATH` (created if missing) or
    /// `postgres://USER:PASS@HOST/DB`.
    #[arg(
        id = "database_url",
        long = "database-url",
        value_name = "DATABASE_URL",
        env = "NPS_DATABASE_URL",
        hide_env_values = true,
        default_value = "sqlite://nps.db",
        global = true
    )]
    pub url: String,
}

impl fmt::Display for DatabaseSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.url.starts_with("sqlite:") {
            // Relative paths are the surprise: say which folder they meant.
            let file = sqlx::sqlite::SqliteConnectOptions::from_str(&self.url)
                .ok()
                .map(|options| options.get_filename().to_owned())
                .and_then(|path| std::path::absolute(path).ok());
            if let Some(file) = file {
                return write!(f, "sqlite://{}", file.display());
            }
        }
        f.write_str(&without_password(&self.url))
    }
}

impl fmt::Debug for DatabaseSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DatabaseSettings")
            .field("url", &without_password(&self.url))
            .finish()
    }
}

/// The URL with its password, in the authority or as a `password`
/// parameter, replaced by `***`.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let authority = match authority.rsplit_once('@') {
        Some((user_info, host)) => match user_info.split_once(':') {
            Some((user, _)) => format!("{user}:***@{host}"),
            None => authority.to_owned(),
        },
        None => authority.to_owned(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let pairs: Vec<String> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((name, _)) if name.eq_ignore_ascii_case("password") => {
                        format!("{name}=***")
                    }
                    _ => pair.to_owned(),
                })
                .collect();
            format!("{path}?{}", pairs.join("&"))
        }
        None => tail.to_owned(),
    };
    format!("{scheme}://{authority}{tail}")
}

/// How long a client may take, and how many connections it may hold. The
/// defaults keep a slow or idle client from holding the server.
#[derive(Debug, Clone, Args)]
pub struct TransportSettings {
    /// Seconds a connection has to send a request's head (method, path and
    /// headers); an idle keep-alive connection is closed after the same
    /// time.
    #[arg(long, env = "NPS_HEADER_TIMEOUT", default_value_t = 10)]
    pub header_timeout_secs: u64,

    /// Seconds a request has to send its body.
    #[arg(long, env = "NPS_BODY_TIMEOUT", default_value_t = 30)]
    pub body_timeout_secs: u64,

    /// Seconds a request may take from its head to the response (408
    /// after that).
    #[arg(long, env = "NPS_REQUEST_TIMEOUT", default_value_t = 30)]
    pub request_timeout_secs: u64,

    /// Most open connections overall; past it new ones are closed at once
    /// (also kept below the open-file limit).
    #[arg(long, env = "NPS_MAX_CONNECTIONS", default_value_t = 10_000)]
    pub max_connections: usize,

    /// Most open connections from one client address (IPv6: one /64); 0
    /// turns it off. Ignored with `--trust-forwarded-for`, where every
    /// connection comes from the proxy.
    #[arg(long, env = "NPS_MAX_CONNECTIONS_PER_IP", default_value_t = 256)]
    pub max_connections_per_ip: usize,
}

impl Default for TransportSettings {
    fn default() -> Self {
        Self {
            header_timeout_secs: 10,
            body_timeout_secs: 30,
            request_timeout_secs: 30,
            max_connections: 10_000,
            max_connections_per_ip: 256,
        }
    }
}

impl TransportSettings {
    /// The head deadline.
    pub fn header_timeout(&self) -> Duration {
        Duration::from_secs(self.header_timeout_secs.max(1))
    }

    /// The body deadline.
    pub fn body_timeout(&self) -> Duration {
        Duration::from_secs(self.body_timeout_secs.max(1))
    }

    /// The whole-request deadline.
    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_secs.max(1))
    }
}

/// Refuses an empty or short admin token at start-up, with the reason.
fn parse_admin_token(raw: &str) -> Result<SecretString, String> {
    let token = SecretString::from(raw.trim());
    check_admin_token(&token)?;
    Ok(token)
}

/// Whether a token is long enough to resist guessing.
pub fn check_admin_token(token: &SecretString) -> Result<(), String> {
    let len = token.expose_secret().chars().count();
    if len < MIN_ADMIN_TOKEN_CHARS {
        return Err(format!(
            "the admin token must be at least {MIN_ADMIN_TOKEN_CHARS} characters (got {len}); \
             leave it unset to have a random one generated"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(url: &str) -> String {
        DatabaseSettings { url: url.into() }.to_string()
    }

    #[test]
    fn a_postgres_url_is_shown_without_its_password() {
        assert_eq!(
            shown("postgres://nps:s3cret@db.internal:5432/nps?sslmode=require"),
            "postgres://nps:***@db.internal:5432/nps?sslmode=require"
        );
        assert_eq!(
            shown("postgresql://db/nps?user=nps&password=s3cret"),
            "postgresql://db/nps?user=nps&password=***"
        );
        assert_eq!(shown("postgres://nps@db/nps"), "postgres://nps@db/nps");
        let debug = format!(
            "{:?}",
            DatabaseSettings {
                url: "postgres://a:s3cret@b/c".into()
            }
        );
        assert!(!debug.contains("s3cret"), "{debug}");
    }

    #[test]
    fn a_sqlite_file_is_shown_by_its_absolute_path() {
        let here = std::env::current_dir().unwrap().join("nps.db");
        assert_eq!(
            shown("sqlite://nps.db"),
            format!("sqlite://{}", here.display())
        );
        assert_eq!(shown("sqlite:///srv/nps.db"), "sqlite:///srv/nps.db");
    }
}
