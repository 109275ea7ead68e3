//! The command line's other commands than `serve`, on the same database
//! setting (`--database-url` or `NPS_DATABASE_URL`, as for `serve`): a
//! person's data exported or erased, the team's members, and backups,
//! without the HTTP server. Each says which database it used (on standard
//! error where standard output is data), a PostgreSQL URL without its
//! password.
//!
//! ```text
//! nps-collector user export --project KEY USER_ID   # JSON on stdout
//! nps-collector user delete --project KEY USER_ID   # counts on stdout
//! nps-collector member add --email E --role admin   # password on stdin
//! nps-collector backup --to nps-copy.db             # SQLite, while serving
//! ```

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::domain::{ProjectKey, UserId};
use crate::settings::DatabaseSettings;
use crate::store;

/// `user export|delete`.
#[derive(Debug, Args)]
pub struct UserArgs {
    #[command(subcommand)]
    action: UserAction,
    /// The project's key.
    #[arg(long, global = true)]
    project: Option<String>,
    #[command(flatten)]
    database: DatabaseSettings,
}

#[derive(Debug, Subcommand)]
enum UserAction {
    /// Prints everything stored about the user, as JSON.
    Export {
        /// The host app's user id.
        user_id: String,
    },
    /// Erases everything stored about the user; prints the counts.
    Delete {
        /// The host app's user id.
        user_id: String,
    },
}

/// `member add`.
#[derive(Debug, Args)]
pub struct MemberArgs {
    #[command(subcommand)]
    action: MemberAction,
    #[command(flatten)]
    database: DatabaseSettings,
}

#[derive(Debug, Subcommand)]
enum MemberAction {
    /// Adds a member of the team (or resets the role and password of an
    /// existing one, which ends their sessions). The password is read from
    /// `NPS_MEMBER_PASSWORD`, or else from the first line of standard input.
    Add {
        /// Their sign-in e-mail.
        #[arg(long)]
        email: String,
        /// `admin` (configure, members, webhooks, keys) or `member` (read,
        /// follow up).
        #[arg(long, default_value = "member")]
        role: String,
    },
}

/// `backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    // The database to copy (SQLite only: `backup` explains what to do
    // for PostgreSQL).
    #[command(flatten)]
    database: DatabaseSettings,
    /// The file to write (replaced if it exists, once the copy is whole).
    #[arg(long)]
    to: PathBuf,
}

/// Runs `backup`.
pub async fn backup(args: BackupArgs) -> anyhow::Result<()> {
    let report = crate::backup::backup(&args.database.url, &args.to).await?;
    println!(
        "backed up {} answers from {} to {} ({} bytes)",
        report.responses,
        args.database,
        report.path.display(),
        report.bytes
    );
    Ok(())
}

/// Runs `member add`.
pub async fn member(args: MemberArgs) -> anyhow::Result<()> {
    let MemberAction::Add { email, role } = args.action;
    let role = crate::auth::parse_role(&role)?;
    let password = match std::env::var("NPS_MEMBER_PASSWORD") {
        Ok(p) if !p.is_empty() => p,
        _ => {
            let mut line = String::new();
            std::io::stdin().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let email = crate::auth::Email::try_from(email.as_str())?;
    let store = store::open(&args.database.url).await?;
    let created =
        crate::auth::add_member(store.as_ref(), email.as_str(), role, &password, true).await?;
    let database = &args.database;
    if created {
        println!("added {email} ({}) to {database}", role.as_str());
    } else {
        println!(
            "updated {email} ({}) in {database}; their sessions were ended",
            role.as_str()
        );
    }
    Ok(())
}

/// Runs `user export|delete`.
pub async fn user(args: UserArgs) -> anyhow::Result<()> {
    let project = args
        .project
        .ok_or_else(|| anyhow::anyhow!("--project KEY is required"))?;
    let key = ProjectKey::try_from(project)?;
    let store = store::open(&args.database.url).await?;
    if store.project(&key).await?.is_none() {
        anyhow::bail!(
            "no project has the key {:?} in {}",
            key.as_str(),
            args.database
        );
    }
    match args.action {
        UserAction::Export { user_id } => {
            let user = UserId::try_from(user_id)?;
            let data = store.user_data(&key, &user).await?;
            let rows = (data.responses.len() + data.events.len()) as u64;
            store.log_privacy(&key, "export_user", "cli", rows).await?;
            let out = serde_json::json!({
                "project": key.as_str(),
                "user_id": user.as_str(),
                "responses": data.responses,
                "events": data.events,
                "tags": data.tags,
                "followups": data.followups,
                "webhook_deliveries": data.webhook_deliveries,
            });
            println!("{}", serde_json::to_string_pretty(&out)?);
            eprintln!("exported from {}", args.database);
        }
        UserAction::Delete { user_id } => {
            let user = UserId::try_from(user_id)?;
            let deleted = store.delete_user(&key, &user, "cli").await?;
            println!("{}", serde_json::json!({ "deleted": deleted }));
            eprintln!("deleted from {}", args.database);
        }
    }
    Ok(())
}
