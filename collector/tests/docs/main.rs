//! Docs that cannot lie: what the repository's Markdown files say is held
//! to the code, so a renamed flag, a moved file or a dropped field fails a
//! test that names the doc and the line.
//!
//! - every `nps-collector …` command line (in shell code blocks and code
//!   spans) is accepted by the binary's argument parser (`KEY`-like
//!   placeholders are fine where any text is; a span may name a command
//!   without its required arguments);
//! - every flag table row (`| --flag | NPS_ENV | …`) names a real flag and
//!   its environment variable;
//! - every repository path a doc names exists: a word in a code span or a
//!   shell block that has a `/` and starts with a folder of the root or of
//!   the doc's folder (or ends in a source extension), relative to either;
//!   every relative link, relative to the doc, and its `#anchor`;
//! - every field of a JSON example for an endpoint (a ```json block below
//!   a line naming `METHOD /api/v1/…`, or a `curl -d` body) is declared by
//!   that endpoint's request or answer in the OpenAPI document;
//! - every path in "Where things are" of `collector/ARCHITECTURE.md`
//!   exists.
//!
//! `cargo test -p nps-collector --test docs` (`npm test` runs it).

mod commands;
mod markdown;
mod openapi;
mod paths;

use std::path::{Path, PathBuf};

use markdown::{docs, Doc};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the collector is in the repository")
        .to_owned()
}

/// Fails with every finding, one per line.
fn report(what: &str, findings: &[String]) {
    assert!(
        findings.is_empty(),
        "{what}:\n  {}\n({} finding(s))",
        findings.join("\n  "),
        findings.len()
    );
}

#[test]
fn every_nps_collector_command_in_the_docs_is_accepted_by_the_binarys_parser() {
    let mut findings = Vec::new();
    let mut seen = 0;
    for doc in docs(&root()) {
        for line in commands::in_doc(&doc) {
            seen += 1;
            if let Err(why) = commands::check(&line) {
                findings.push(format!(
                    "{}: `nps-collector {}`: {why}",
                    line.at,
                    line.args.join(" ")
                ));
            }
        }
    }
    assert!(
        seen >= 5,
        "only {seen} command lines found: is the extraction broken?"
    );
    report("command lines the binary refuses", &findings);
}

#[test]
fn the_parser_here_is_the_binarys() {
    let binary = env!("CARGO_BIN_EXE_nps-collector");
    let mut findings = Vec::new();
    let mut queue = vec![(Vec::<String>::new(), commands::parser())];
    while let Some((path, command)) = queue.pop() {
        let out = std::process::Command::new(binary)
            .args(&path)
            .arg("--help")
            .output()
            .expect("the binary runs");
        let theirs = commands::listed(&String::from_utf8_lossy(&out.stdout));
        let ours = commands::listed(&command.clone().render_long_help().to_string());
        if theirs != ours {
            findings.push(format!(
                "`nps-collector {}`: the binary lists {theirs:?}, this test's parser {ours:?} \
                 (update `Cli` in collector/tests/docs/commands.rs to match src/main.rs)",
                path.join(" ")
            ));
        }
        for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut next = path.clone();
            next.push(sub.get_name().to_owned());
            queue.push((next, sub.clone()));
        }
    }
    report(
        "the binary's parser differs from the one the docs are checked with",
        &findings,
    );
}

#[test]
fn every_flag_table_row_names_a_real_flag_and_its_environment_variable() {
    let re = regex::Regex::new(r"^\|\s*`--([a-z0-9-]+)`\s*\|\s*`(NPS_[A-Z0-9_]+)`").expect("regex");
    let parser = commands::parser();
    let mut flags = Vec::new();
    let mut stack = vec![parser];
    while let Some(command) = stack.pop() {
        for arg in command.get_arguments() {
            if let Some(long) = arg.get_long() {
                let env = arg.get_env().map(|e| e.to_string_lossy().into_owned());
                flags.push((long.to_owned(), env));
            }
        }
        stack.extend(command.get_subcommands().cloned());
    }
    let mut findings = Vec::new();
    for doc in docs(&root()) {
        for n in 1..=doc.len() {
            let Some(cap) = re.captures(doc.line(n)) else {
                continue;
            };
            let (flag, env) = (&cap[1], &cap[2]);
            let known = flags
                .iter()
                .any(|(f, e)| f == flag && e.as_deref() == Some(env));
            if !known {
                findings.push(format!(
                    "{}: `--{flag}` with `{env}` is no flag of nps-collector",
                    doc.at(n)
                ));
            }
        }
    }
    report("flag tables naming flags that do not exist", &findings);
}

#[test]
fn every_repository_path_the_docs_name_exists() {
    let root = root();
    let all = docs(&root);
    let mut findings = Vec::new();
    for doc in &all {
        let (words, links) = paths::named(&root, doc);
        for word in words {
            if !paths::exists(&root, doc, &word.path, false) {
                findings.push(format!(
                    "{}: `{}` is neither in {} nor in the repository root",
                    doc.at(word.line),
                    word.path,
                    if doc.dir().is_empty() { "." } else { doc.dir() }
                ));
            }
        }
        for link in links {
            let file = link.path.split('#').next().unwrap_or("");
            if !file.is_empty() && !paths::exists(&root, doc, file, true) {
                findings.push(format!(
                    "{}: link to `{}`: no such file",
                    doc.at(link.line),
                    link.path
                ));
            } else if !paths::anchor_exists(&root, &all, doc, &link.path) {
                findings.push(format!(
                    "{}: link to `{}`: no such heading",
                    doc.at(link.line),
                    link.path
                ));
            }
        }
    }
    report("paths the docs name that do not exist", &findings);
}

#[test]
fn every_json_field_shown_for_an_endpoint_is_in_the_openapi_document() {
    let document =
        serde_json::to_value(nps_collector::http::openapi::document()).expect("serialises");
    let mut findings = Vec::new();
    let mut seen = 0;
    for doc in docs(&root()) {
        for example in openapi::examples(&doc) {
            seen += 1;
            for problem in openapi::check(&document, &example) {
                findings.push(format!(
                    "{}: {} {}: {problem}",
                    example.at, example.method, example.path
                ));
            }
        }
    }
    assert!(
        seen >= 3,
        "only {seen} JSON examples found: is the extraction broken?"
    );
    report(
        "JSON the docs show that the OpenAPI document does not declare",
        &findings,
    );
}

#[test]
fn every_path_in_where_things_are_exists() {
    let root = root();
    let path = "collector/ARCHITECTURE.md";
    let doc = docs(&root).into_iter().find(|d| d.path == path);
    let doc: Doc = doc.unwrap_or_else(|| panic!("{path} is missing"));
    let headings = doc.headings();
    let (start, level, _) = headings
        .iter()
        .find(|(_, _, text)| text == "Where things are")
        .unwrap_or_else(|| panic!("{path} has no \"Where things are\" section"));
    let end = headings
        .iter()
        .find(|(line, l, _)| line > start && l <= level)
        .map_or(doc.len() + 1, |(line, _, _)| *line);
    let mut findings = Vec::new();
    let mut named = 0;
    for span in doc
        .spans()
        .into_iter()
        .filter(|s| s.line > *start && s.line < end)
    {
        // Each entry starts with its path; later spans of the line describe it.
        let line = doc.line(span.line).trim_start();
        let first = line
            .trim_start_matches(['-', '*', '|', ' '])
            .starts_with(&format!("`{}`", span.text));
        if !first {
            continue;
        }
        named += 1;
        if !paths::exists(&root, &doc, span.text.trim_end_matches('/'), false) {
            findings.push(format!(
                "{}: `{}` does not exist",
                doc.at(span.line),
                span.text
            ));
        }
    }
    assert!(
        named >= 10,
        "{path}: \"Where things are\" names only {named} paths"
    );
    report(
        "\"Where things are\" names paths that do not exist",
        &findings,
    );
}
