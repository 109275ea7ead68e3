//! `nps-collector …` command lines in the docs, and the binary's argument
//! parser to try them on.

use clap::{CommandFactory, Parser, Subcommand};

use nps_collector::{cli, Settings};

use crate::markdown::Doc;

/// The binary's parser as `src/main.rs` declares it, over the library's
/// argument types (the binary's own `Cli` is not reachable from a test).
/// `the_parser_here_is_the_binarys` holds it to the binary's `--help`.
#[derive(Debug, Parser)]
#[command(name = "nps-collector", version)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

// Parsed, never run: the fields are read by nobody.
#[allow(dead_code)]
#[derive(Debug, Subcommand)]
enum Command {
    /// Run the HTTP server.
    Serve(Settings),
    /// Export or erase one person's data.
    User(cli::UserArgs),
    /// Manage the team that signs in to the dashboard.
    Member(cli::MemberArgs),
    /// Copy a SQLite database consistently, even while `serve` writes to it.
    Backup(cli::BackupArgs),
    /// Bring answers in from Delighted or a CSV file, keeping their times.
    Import(cli::ImportArgs),
}

/// The parser, as a clap command (for its help and its flags).
pub(crate) fn parser() -> clap::Command {
    let mut command = Cli::command();
    command.build();
    command
}

/// One command line a doc shows.
pub(crate) struct CommandLine {
    /// `doc:line`.
    pub(crate) at: String,
    /// The arguments after `nps-collector`.
    pub(crate) args: Vec<String>,
    /// In prose (a code span) rather than in a code block: it may name a
    /// command without all its arguments (`nps-collector member add`).
    pub(crate) inline: bool,
}

/// Whether the parser accepts it; the reason when not.
pub(crate) fn check(line: &CommandLine) -> Result<(), String> {
    let argv = std::iter::once("nps-collector".to_owned()).chain(line.args.iter().cloned());
    let Err(error) = Cli::try_parse_from(argv) else {
        return Ok(());
    };
    use clap::error::ErrorKind::*;
    let reference = matches!(
        error.kind(),
        MissingRequiredArgument | MissingSubcommand | DisplayHelpOnMissingArgumentOrSubcommand
    );
    if matches!(error.kind(), DisplayHelp | DisplayVersion) || (line.inline && reference) {
        return Ok(());
    }
    let rendered = error.render().to_string();
    Err(rendered.lines().next().unwrap_or("refused").to_owned())
}

/// Every `nps-collector …` command line of a doc: in shell code blocks
/// (continuation lines joined, one command of a `&&` or `|` chain at a
/// time, `# comments` and redirections left out) and in code spans.
pub(crate) fn in_doc(doc: &Doc) -> Vec<CommandLine> {
    let mut out = Vec::new();
    for block in doc.blocks() {
        if !matches!(
            block.lang.as_str(),
            "" | "sh" | "bash" | "shell" | "console" | "text"
        ) {
            continue;
        }
        for (line, logical) in logical_lines(&block.lines, block.line) {
            let logical = logical.trim_start().trim_start_matches("$ ");
            for words in commands(logical) {
                if let Some(args) = collector_args(&words) {
                    out.push(CommandLine {
                        at: doc.at(line),
                        args,
                        inline: false,
                    });
                }
            }
        }
    }
    for span in doc.spans() {
        if let Some(words) = commands(&span.text).into_iter().next() {
            if let Some(args) = collector_args(&words) {
                out.push(CommandLine {
                    at: doc.at(span.line),
                    args,
                    inline: true,
                });
            }
        }
    }
    out
}

/// Lines with a trailing `\` joined to the next: (first line, text).
pub(crate) fn logical_lines(lines: &[String], first: usize) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut pending: Option<(usize, String)> = None;
    for (i, line) in lines.iter().enumerate() {
        let (start, mut text) = pending.take().unwrap_or((first + i, String::new()));
        let body = line.trim_end();
        if let Some(cut) = body.strip_suffix('\\') {
            text.push_str(cut);
            text.push(' ');
            pending = Some((start, text));
        } else {
            text.push_str(body);
            out.push((start, text));
        }
    }
    out.extend(pending);
    out
}

/// The arguments of a command whose program is `nps-collector` (by any
/// path), after `VAR=value` assignments and `sudo`/`exec`/`env`.
fn collector_args(words: &[String]) -> Option<Vec<String>> {
    let mut rest = words.iter().skip_while(|w| {
        let assignment = w.split_once('=').is_some_and(|(name, _)| {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
        assignment || matches!(w.as_str(), "sudo" | "exec" | "env" | "time")
    });
    let program = rest.next()?;
    (program.rsplit('/').next() == Some("nps-collector")).then(|| rest.cloned().collect())
}

/// A shell line as its simple commands' words: quotes removed (their
/// content kept whole), `$(…)` and `${…}` kept as written, a `#` comment
/// and redirections dropped, commands split at `&&`, `||`, `|`, `;`, `&`.
pub(crate) fn commands(line: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = vec![Vec::new()];
    let mut word: Option<String> = None;
    let mut skip_next_word = false;
    let mut i = 0;
    let finish = |word: &mut Option<String>, out: &mut Vec<Vec<String>>, skip: &mut bool| {
        if let Some(w) = word.take() {
            if std::mem::take(skip) {
                return;
            }
            out.last_mut().expect("a command").push(w);
        }
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' => finish(&mut word, &mut out, &mut skip_next_word),
            '#' if word.is_none() => break,
            '&' | '|' | ';' | '(' | ')' => {
                finish(&mut word, &mut out, &mut skip_next_word);
                if c == '&' && chars.get(i + 1) == Some(&'>') {
                    skip_next_word = true;
                    i += 1;
                } else {
                    out.push(Vec::new());
                }
                while matches!(chars.get(i + 1), Some('&' | '|')) {
                    i += 1;
                }
            }
            '>' | '<' => {
                // `2>` and the like: the digits were read as a word.
                if word
                    .as_deref()
                    .is_some_and(|w| w.chars().all(|d| d.is_ascii_digit()))
                {
                    word = None;
                }
                finish(&mut word, &mut out, &mut skip_next_word);
                while chars.get(i + 1) == Some(&'>') {
                    i += 1;
                }
                if chars.get(i + 1) == Some(&'&') {
                    // `>&2`: a descriptor, not a file to name.
                    i += 1;
                    while chars.get(i + 1).is_some_and(char::is_ascii_digit) {
                        i += 1;
                    }
                } else {
                    skip_next_word = true;
                }
            }
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                i += 1;
                while i < chars.len() && chars[i] != '\'' {
                    w.push(chars[i]);
                    i += 1;
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' && i + 1 < chars.len() {
                        i += 1;
                    }
                    w.push(chars[i]);
                    i += 1;
                }
            }
            '\\' => {
                if let Some(&next) = chars.get(i + 1) {
                    word.get_or_insert_with(String::new).push(next);
                    i += 1;
                }
            }
            '$' if matches!(chars.get(i + 1), Some('(' | '{')) => {
                let (open, close) = if chars[i + 1] == '(' {
                    ('(', ')')
                } else {
                    ('{', '}')
                };
                let w = word.get_or_insert_with(String::new);
                let mut depth = 0;
                while i < chars.len() {
                    w.push(chars[i]);
                    if chars[i] == open {
                        depth += 1;
                    } else if chars[i] == close {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    i += 1;
                }
            }
            _ => word.get_or_insert_with(String::new).push(c),
        }
        i += 1;
    }
    finish(&mut word, &mut out, &mut skip_next_word);
    out.retain(|c| !c.is_empty());
    out
}

/// The long flags and subcommands a help text lists.
pub(crate) fn listed(help: &str) -> (Vec<String>, Vec<String>) {
    let mut flags = Vec::new();
    let mut subcommands = Vec::new();
    let mut section = "";
    for line in help.lines() {
        if !line.starts_with(' ') {
            section = line.trim_end_matches(':');
            continue;
        }
        let first = line.split_whitespace().next().unwrap_or("");
        match section {
            "Commands" => subcommands.push(first.to_owned()),
            _ => {
                let flag = line.split_whitespace().find(|w| w.starts_with("--"));
                if let (true, Some(flag)) = (first.starts_with('-'), flag) {
                    let name = flag.trim_start_matches("--").trim_end_matches(',');
                    let name = name.split(['=', '<', ' ']).next().unwrap_or(name);
                    flags.push(name.to_owned());
                }
            }
        }
    }
    flags.sort();
    subcommands.sort();
    (flags, subcommands)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<Vec<String>> {
        commands(line)
    }

    #[test]
    fn shell_lines_split_into_commands_without_comments_or_redirections() {
        assert_eq!(
            words("NPS_X=1 nps-collector serve --demo 2>&1 >log   # a comment"),
            [["NPS_X=1", "nps-collector", "serve", "--demo"]]
        );
        assert_eq!(
            words("a 'b c' \"d $e\" && nps-collector backup --to x-$(date +%F).db | tee f"),
            vec![
                vec!["a", "b c", "d $e"],
                vec!["nps-collector", "backup", "--to", "x-$(date +%F).db"],
                vec!["tee", "f"]
            ]
        );
    }

    #[test]
    fn only_the_collector_as_the_program_counts() {
        let args = |l: &str| collector_args(&commands(l)[0]);
        assert_eq!(
            args("./target/release/nps-collector serve"),
            Some(vec!["serve".to_owned()])
        );
        assert_eq!(args("cargo test -p nps-collector"), None);
    }
}
