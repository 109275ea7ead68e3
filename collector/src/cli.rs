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
//! nps-collector import --project KEY --format delighted responses.json
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

/// `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The project's key.
    #[arg(long)]
    project: String,
    /// `delighted` (the JSON of Delighted's `GET /v1/survey_responses.json`
    /// with `expand[]=person`) or `csv` (any CSV with a header row).
    #[arg(long)]
    format: String,
    /// CSV only: the column of a field, `FIELD=COLUMN`, e.g.
    /// `created_at="Response Timestamp"` or `trait.plan=Plan`; repeat for
    /// each. Fields: id, created_at, score, comment, user_id, moment,
    /// locale, trait.NAME. Without one, the column named like the field.
    #[arg(long = "map", value_name = "FIELD=COLUMN")]
    maps: Vec<String>,
    /// Check every row and say what would be imported; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Leave bad rows out (each named on standard error) instead of
    /// refusing the whole file.
    #[arg(long)]
    skip_invalid: bool,
    #[command(flatten)]
    database: DatabaseSettings,
    /// The file.
    file: PathBuf,
}

/// Runs `import`: the summary on standard output, bad rows and progress on
/// standard error; a bad row without `--skip-invalid` fails the command
/// with nothing imported.
pub async fn import(args: ImportArgs) -> anyhow::Result<()> {
    let key = ProjectKey::try_from(args.project)?;
    let options = crate::import::Options {
        format: args.format.parse()?,
        maps: args.maps,
        dry_run: args.dry_run,
        skip_invalid: args.skip_invalid,
    };
    let store = store::open(&args.database.url).await?;
    if store.project(&key).await?.is_none() {
        anyhow::bail!(
            "no project has the key {:?} in {}",
            key.as_str(),
            args.database
        );
    }
    let say = |line: String| eprintln!("{line}");
    let summary = match crate::import::run(store.as_ref(), &key, &args.file, &options, &say).await {
        Ok(summary) => summary,
        Err(crate::import::ImportError::Rejected(summary)) => {
            for e in &summary.errors {
                eprintln!("{}: {}", e.row, e.message);
            }
            anyhow::bail!(
                "{} bad rows in {}; nothing was imported (fix them, or pass --skip-invalid)",
                summary.skipped,
                args.file.display()
            );
        }
        Err(e) => anyhow::bail!("{e}; nothing was imported"),
    };
    let would = if summary.dry_run {
        " (dry run: nothing written)"
    } else {
        ""
    };
    println!(
        "imported {}, skipped {}, duplicates {}{would}",
        summary.imported, summary.skipped, summary.duplicates
    );
    eprintln!("into project {} of {}", key.as_str(), args.database);
    Ok(())
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
                "moments": data.moments,
                "tags": data.tags,
                "followups": data.followups,
                "notices": data.notices,
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
