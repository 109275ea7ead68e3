//! The command line's other commands than `serve`, on the same database
//! settings: a person's data, exported or erased without the HTTP server.
//!
//! ```text
//! nps-collector user export --project KEY USER_ID   # JSON on stdout
//! nps-collector user delete --project KEY USER_ID   # counts on stdout
//! ```

use clap::{Args, Subcommand};

use crate::domain::{ProjectKey, UserId};
use crate::store;

/// `user export|delete`.
#[derive(Debug, Args)]
pub struct UserArgs {
    #[command(subcommand)]
    action: UserAction,
    /// The project's key.
    #[arg(long, global = true)]
    project: Option<String>,
    /// Where the responses are stored (as for `serve`).
    #[arg(
        long,
        env = "NPS_DATABASE_URL",
        default_value = "sqlite://nps.db",
        global = true
    )]
    database_url: String,
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

/// Runs `user export|delete`.
pub async fn user(args: UserArgs) -> anyhow::Result<()> {
    let project = args
        .project
        .ok_or_else(|| anyhow::anyhow!("--project KEY is required"))?;
    let key = ProjectKey::try_from(project)?;
    let store = store::open(&args.database_url).await?;
    if store.project(&key).await?.is_none() {
        anyhow::bail!("no project has the key {:?}", key.as_str());
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
            });
            println!("{}", serde_json::to_string_pretty(&out)?);
        }
        UserAction::Delete { user_id } => {
            let user = UserId::try_from(user_id)?;
            let deleted = store.delete_user(&key, &user, "cli").await?;
            println!("{}", serde_json::json!({ "deleted": deleted }));
        }
    }
    Ok(())
}
