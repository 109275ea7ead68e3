//! The commands other than `serve` open the database `serve` does (its
//! `--database-url` flag, or `NPS_DATABASE_URL`) and say which one they
//! wrote to: an admin added to a stray `./nps.db` is no longer silent.

use std::process::{Command, Output};

use crate::helpers::{spawn_app, TestApp};

const PASSWORD: &str = "a long enough password";

/// Runs `nps-collector ARGS` in `folder` (where a default `./nps.db`
/// would land) with no database in its environment but what `configure`
/// adds; fails the test unless it succeeds.
fn run(args: &[&str], folder: &std::path::Path, configure: impl Fn(&mut Command)) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_nps-collector"));
    command
        .args(args)
        .current_dir(folder)
        .env_remove("NPS_DATABASE_URL")
        .env("NPS_MEMBER_PASSWORD", PASSWORD);
    configure(&mut command);
    let out = command.output().expect("the binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

async fn sign_in_status(app: &TestApp, email: &str) -> u16 {
    app.client
        .post(app.url("/api/v1/session"))
        .json(&serde_json::json!({"email": email, "password": PASSWORD}))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// What the command printed names the app's database, and never its
/// password (PostgreSQL runs of the suite have one in the URL).
fn assert_names_the_database(out: &Output, email: &str, app: &TestApp) {
    let said = String::from_utf8_lossy(&out.stdout);
    let url = &app.database_url;
    assert!(
        said.starts_with(&format!("added {email} (admin) to ")),
        "{said}"
    );
    let name = url.rsplit('/').next().unwrap_or_default();
    assert!(said.trim_end().ends_with(name), "{said} names {name}");
    if url.starts_with("sqlite:") {
        assert_eq!(said.trim_end(), format!("added {email} (admin) to {url}"));
    }
    let password = url
        .split_once("://")
        .and_then(|(_, rest)| rest.split_once('@'))
        .and_then(|(user_info, _)| user_info.split_once(':'))
        .map(|(_, password)| password);
    if let Some(password) = password {
        assert!(
            !said.contains(password),
            "the password is not shown: {said}"
        );
    }
}

#[tokio::test]
async fn member_add_writes_to_the_database_it_is_given_as_serve_is_and_says_which() {
    // Arrange
    let app = spawn_app().await;
    let url = app.database_url.as_str();
    let cases = [
        ("the flag", "flag@acme.example", true, false),
        ("the flag before `add`", "before@acme.example", false, false),
        ("NPS_DATABASE_URL", "env@acme.example", false, true),
    ];

    for (case, email, flag_after, by_env) in cases {
        let folder = tempfile::tempdir().unwrap();
        let mut args = vec!["member"];
        if !flag_after && !by_env {
            args.extend(["--database-url", url]);
        }
        args.extend(["add", "--email", email, "--role", "admin"]);
        if flag_after {
            args.extend(["--database-url", url]);
        }

        // Act
        let out = run(&args, folder.path(), |c| {
            if by_env {
                c.env("NPS_DATABASE_URL", url);
            }
        });

        // Assert
        assert_names_the_database(&out, email, &app);
        assert_eq!(sign_in_status(&app, email).await, 200, "{case}");
        assert!(
            !folder.path().join("nps.db").exists(),
            "{case}: no database was made in the working folder"
        );
    }
}

#[tokio::test]
async fn user_export_says_on_stderr_which_database_it_read() {
    // Arrange
    let app = spawn_app().await;
    let folder = tempfile::tempdir().unwrap();

    // Act
    let out = run(
        &["user", "export", "--project", "demo", "nobody@example.com"],
        folder.path(),
        |c| {
            c.env("NPS_DATABASE_URL", &app.database_url);
        },
    );

    // Assert
    let data: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(data["user_id"], "nobody@example.com");
    let said = String::from_utf8_lossy(&out.stderr);
    let name = app.database_url.rsplit('/').next().unwrap_or_default();
    assert!(
        said.contains("exported from ") && said.contains(name),
        "{said}"
    );
}
