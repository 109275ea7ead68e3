//! `nps-collector`: the command line of the NPS collector.
//!
//! ```text
//! nps-collector serve --demo                      # SQLite file nps.db, demo project
//! nps-collector serve --database-url postgres://… # several instances, one database
//! nps-collector user export --project KEY USER_ID  # a person's data, as JSON
//! nps-collector user delete --project KEY USER_ID  # erase it
//! nps-collector member add --email E --role admin  # the first admin
//! nps-collector backup --to copy.db                # SQLite, while serving
//! nps-collector import --project KEY --format csv answers.csv
//! ```

use clap::{Parser, Subcommand};
use secrecy::ExposeSecret;
use tracing_subscriber::EnvFilter;

use nps_collector::{Application, Settings};

// Every request allocates (its headers, body, JSON, the writer's batch) on
// whichever worker thread runs it; mimalloc's thread-local free lists serve
// that faster than glibc's arenas (measured: README, "Durable ingest").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Self-hosted in-app NPS: collector, widget host and dashboard.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the HTTP server.
    Serve(Settings),
    /// Export or erase one person's data.
    User(nps_collector::cli::UserArgs),
    /// Manage the team that signs in to the dashboard.
    Member(nps_collector::cli::MemberArgs),
    /// Copy a SQLite database consistently, even while `serve` writes to it.
    Backup(nps_collector::cli::BackupArgs),
    /// Bring answers in from Delighted or a CSV file, keeping their times.
    Import(nps_collector::cli::ImportArgs),
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("NPS_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let settings = match Cli::parse().command {
        Command::Serve(settings) => settings,
        Command::User(args) => return nps_collector::cli::user(args).await,
        Command::Member(args) => return nps_collector::cli::member(args).await,
        Command::Backup(args) => return nps_collector::cli::backup(args).await,
        Command::Import(args) => return nps_collector::cli::import(args).await,
    };
    let token_was_given = settings.admin_token.is_some();
    let demo = settings.demo;
    let database = settings.database.clone();
    let app = Application::build(settings).await?;
    let base = format!("http://{}", app.local_addr()?);
    // Scripts and tests read the first line to learn the port.
    println!("listening on {base}");
    println!("database:      {database}");
    if !token_was_given {
        println!(
            "admin token (generated; set --admin-token to keep one): {}",
            app.admin_token.expose_secret()
        );
    }
    if demo {
        println!("demo host app: {base}/demo/");
        if let Some(password) = &app.demo_password {
            println!(
                "dashboard sign-in: {} / {password}",
                nps_collector::startup::DEMO_ADMIN
            );
        }
    }
    println!("dashboard:     {base}/dashboard/");
    app.run_until_stopped().await?;
    Ok(())
}
