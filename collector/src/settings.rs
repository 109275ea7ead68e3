//! Typed configuration of `nps-collector serve`, from flags or environment.

use std::net::SocketAddr;

use clap::Args;
use secrecy::SecretString;

/// Options of `serve`. Every flag also reads an `NPS_*` environment
/// variable, so containers can be configured without a command line.
#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Address and port to listen on (port 0 picks a free one).
    #[arg(long, env = "NPS_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Where to store responses: `sqlite://PATH` (created if missing) or
    /// `postgres://USER:PASS@HOST/DB`.
    #[arg(long, env = "NPS_DATABASE_URL", default_value = "sqlite://nps.db")]
    pub database_url: String,

    /// Token the admin API and dashboard require (`Authorization: Bearer`).
    /// A random one is generated and printed when absent.
    #[arg(long, env = "NPS_ADMIN_TOKEN", hide_env_values = true)]
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
}
