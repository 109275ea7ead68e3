//! Building and running the server: open the store, seed the demo, bind the
//! port, serve until SIGINT/SIGTERM, then drain in-flight requests.

use std::net::SocketAddr;
use std::sync::Arc;

use secrecy::SecretString;
use tokio::net::TcpListener;

use nps_protocol::{Moment, WidgetConfig};

use crate::domain::{ProjectKey, TimingRules};
use crate::http::{app, widget_is_built, AppState, RateLimits};
use crate::settings::{check_admin_token, Settings, TransportSettings};
use crate::store::{self, Project, ProjectSettings, Store};

/// A bound, not yet running, collector.
pub struct Application {
    listener: TcpListener,
    state: AppState,
    transport: TransportSettings,
    /// The admin token in force (generated when none was configured).
    pub admin_token: SecretString,
    /// With `--demo`: the password of [`DEMO_ADMIN`], new at each start.
    pub demo_password: Option<String>,
}

/// The demo's dashboard admin.
pub const DEMO_ADMIN: &str = "admin@demo.example";

impl Application {
    /// Opens the database, runs migrations, seeds the demo project if asked,
    /// and binds the listening socket.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let store = store::open(&settings.database.url).await?;
        let mut demo_password = None;
        if settings.demo {
            seed_demo(store.as_ref()).await?;
            let password = crate::auth::random_token()[..16].to_owned();
            crate::auth::add_member(
                store.as_ref(),
                DEMO_ADMIN,
                crate::auth::Role::Admin,
                &password,
                true,
            )
            .await
            .map_err(|e| anyhow::anyhow!("demo admin: {e}"))?;
            demo_password = Some(password);
        }
        if !widget_is_built() {
            tracing::warn!("widget assets missing: run `npm run build` so /widget.js is served");
        }
        let admin_token = settings
            .admin_token
            .unwrap_or_else(|| SecretString::from(uuid::Uuid::new_v4().simple().to_string()));
        check_admin_token(&admin_token).map_err(anyhow::Error::msg)?;
        let mut transport = settings.transport;
        if settings.trust_forwarded_for {
            // Every connection comes from the proxy: counting them per
            // address would cap the whole audience.
            transport.max_connections_per_ip = 0;
        }
        let listener = TcpListener::bind(settings.listen).await?;
        let limits = RateLimits::new(
            settings.rate_limit_per_ip,
            settings.rate_limit_per_key,
            settings.trust_forwarded_for,
        );
        let mut state = AppState::new(store, admin_token.clone(), settings.demo, limits);
        let bound = listener.local_addr()?;
        state.public_url = Arc::from(
            settings
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{bound}"))
                .trim_end_matches('/'),
        );
        state.webhook_allow_private = settings.webhook_allow_private;
        Ok(Self {
            listener,
            state,
            transport,
            admin_token,
            demo_password,
        })
    }

    /// The address actually bound (useful with port 0).
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until Ctrl-C or SIGTERM, then lets in-flight requests finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        crate::retention::spawn(self.state.store.clone());
        let alerts = crate::alerts::Alerts::new(
            self.state.store.clone(),
            self.state.public_url.clone(),
            self.state.webhook_allow_private,
        );
        let router = crate::http::with_deadlines(app(self.state), &self.transport);
        let server =
            crate::transport::serve(self.listener, router, self.transport, shutdown_signal());
        // The alert loops live as long as the server: stopping (or
        // aborting) the one stops the other; their state is in the database.
        tokio::select! {
            served = server => served,
            () = crate::alerts::spawn(alerts) => Ok(()),
        }
    }
}

async fn seed_demo(store: &dyn Store) -> anyhow::Result<()> {
    let demo = Project {
        key: ProjectKey::try_from("demo".to_owned())?,
        name: "Demo: Acme Analytics".to_owned(),
        settings: ProjectSettings {
            timing: TimingRules::try_from(WidgetConfig {
                moments: vec![Moment {
                    event: "onboarding_completed".to_owned(),
                    ..Moment::default()
                }],
                ..WidgetConfig::default()
            })?,
            identity_secret: None,
            ..ProjectSettings::default()
        },
    };
    if store.create_project(&demo).await? {
        tracing::info!("created the demo project (key \"demo\")");
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: draining in-flight requests");
}
