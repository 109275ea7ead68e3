//! Repository paths named by the docs, and whether they exist.

use std::path::Path;

use crate::markdown::{anchor, Doc};

/// Built or installed by the commands the docs give, so absent from a
/// clean clone: a path under one of these is not checked.
const GENERATED: &[&str] = &[
    "target/",
    "node_modules/",
    "test-results/",
    "widget/dist/",
    "www/dashboard/dist/",
];

/// A file name ending that makes a word a path even when its first folder
/// is nowhere to be found (a stale `ui/src/module.rs`).
const EXTENSIONS: &[&str] = &[
    "rs", "mjs", "js", "sh", "md", "toml", "json", "lua", "sql", "css", "html", "db", "go", "py",
    "rb", "lock",
];

/// A word that a doc names as a path: `(line, as written)`.
pub(crate) struct Named {
    pub(crate) line: usize,
    pub(crate) path: String,
}

/// The paths a doc names: in code spans, in shell code blocks, and as
/// link targets (those resolved against the doc's folder only).
pub(crate) fn named(root: &Path, doc: &Doc) -> (Vec<Named>, Vec<Named>) {
    let mut words = Vec::new();
    for span in doc.spans() {
        if looks_like_path(root, doc, &span.text) {
            words.push(Named {
                line: span.line,
                path: span.text.clone(),
            });
        }
    }
    for block in doc.blocks() {
        if !matches!(block.lang.as_str(), "sh" | "bash" | "shell") {
            continue;
        }
        for (line, logical) in crate::commands::logical_lines(&block.lines, block.line) {
            for word in crate::commands::commands(&logical).into_iter().flatten() {
                if looks_like_path(root, doc, &word) {
                    words.push(Named { line, path: word });
                }
            }
        }
    }
    let mut links = Vec::new();
    for link in doc.links() {
        let target = &link.text;
        let external = ["http:", "https:", "mailto:"]
            .iter()
            .any(|p| target.starts_with(p));
        if !external {
            links.push(Named {
                line: link.line,
                path: target.clone(),
            });
        }
    }
    (words, links)
}

/// A relative path of plain names, with a `/`, whose first folder is in the
/// root or in the doc's folder, or whose file name has a known extension.
fn looks_like_path(root: &Path, doc: &Doc, word: &str) -> bool {
    let word = word.strip_prefix("./").unwrap_or(word);
    let plain =
        |s: &str| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || "._-@".contains(c));
    let trimmed = word.trim_end_matches('/');
    if !trimmed.contains('/') || !trimmed.split('/').all(plain) {
        return false;
    }
    let first = trimmed.split('/').next().unwrap_or("");
    let last = trimmed.rsplit('/').next().unwrap_or("");
    let known_ext = last
        .rsplit_once('.')
        .is_some_and(|(_, ext)| EXTENSIONS.contains(&ext));
    root.join(first).exists() || root.join(doc.dir()).join(first).exists() || known_ext
}

/// Whether a path named in `doc` exists, relative to the doc's folder or
/// (for words, not links) to the repository root.
pub(crate) fn exists(root: &Path, doc: &Doc, path: &str, link: bool) -> bool {
    let path = path.strip_prefix("./").unwrap_or(path);
    let from_root = !link || path.starts_with("..");
    let candidates = [
        Some(root.join(doc.dir()).join(path)),
        from_root.then(|| root.join(path)),
    ];
    let generated = |p: &Path| {
        let rel = p
            .strip_prefix(root)
            .map(|r| r.to_string_lossy().replace('\\', "/"));
        rel.is_ok_and(|r| {
            GENERATED
                .iter()
                .any(|g| r.starts_with(g) || format!("{r}/") == *g)
        })
    };
    candidates.into_iter().flatten().any(|p| {
        let normal = normalise(&p);
        normal.starts_with(root) && (normal.exists() || generated(&normal))
    })
}

/// `a/b/../c` → `a/c`, without touching the file system.
fn normalise(path: &Path) -> std::path::PathBuf {
    let mut out = std::path::PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Whether a link's `#anchor` names a heading of the document it points to.
pub(crate) fn anchor_exists(root: &Path, docs: &[Doc], from: &Doc, target: &str) -> bool {
    let Some((file, fragment)) = target.split_once('#') else {
        return true;
    };
    let path = if file.is_empty() {
        from.path.clone()
    } else {
        let joined = normalise(&root.join(from.dir()).join(file));
        match joined.strip_prefix(root) {
            Ok(rel) => rel.to_string_lossy().replace('\\', "/"),
            Err(_) => return false,
        }
    };
    let Some(doc) = docs.iter().find(|d| d.path == path) else {
        // Not a Markdown file of ours (source code: a line anchor).
        return true;
    };
    doc.headings()
        .iter()
        .any(|(_, _, text)| anchor(text) == fragment)
}
