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
}
