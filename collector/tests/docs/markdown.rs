//! The repository's Markdown, read as the checks need it: fenced blocks,
//! inline code spans, links and headings, each with the line it is on.

use std::fs;
use std::path::Path;

/// Folders never searched for documents: build outputs, dependencies,
/// tool state (every dot-folder, `.git` included).
const SKIPPED: &[&str] = &["target", "node_modules", "test-results", "dist"];

/// One Markdown file.
pub(crate) struct Doc {
    /// Relative to the repository root, `/`-separated.
    pub(crate) path: String,
    lines: Vec<String>,
}

/// A fenced code block.
pub(crate) struct Block {
    /// Its info string's first word (`sh`, `json`, or empty).
    pub(crate) lang: String,
    /// The line of its first content line (1-based).
    pub(crate) line: usize,
    /// Its content, the fence's indentation removed.
    pub(crate) lines: Vec<String>,
}

/// Inline text found on a line: a code span's content or a link's target.
pub(crate) struct Found {
    /// 1-based.
    pub(crate) line: usize,
    pub(crate) text: String,
}

/// Every Markdown file of the repository, sorted by path.
pub(crate) fn docs(root: &Path) -> Vec<Doc> {
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Doc>) {
    let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if path.is_dir() {
            if !name.starts_with('.')
                && !name.starts_with("mutants.out")
                && !SKIPPED.contains(&name.as_str())
            {
                walk(root, &path, out);
            }
        } else if name.ends_with(".md") {
            let text =
                fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let rel = path.strip_prefix(root).expect("under the root");
            out.push(Doc {
                path: rel.to_string_lossy().replace('\\', "/"),
                lines: text.lines().map(str::to_owned).collect(),
            });
        }
    }
}

impl Doc {
    /// The document's folder relative to the root (`""` at the root).
    pub(crate) fn dir(&self) -> &str {
        self.path.rsplit_once('/').map_or("", |(dir, _)| dir)
    }

    /// `path:line`, for messages.
    pub(crate) fn at(&self, line: usize) -> String {
        format!("{}:{line}", self.path)
    }

    /// Which lines are inside a fence (or are one).
    fn fenced(&self) -> Vec<bool> {
        let mut fenced = vec![false; self.lines.len()];
        for block in self.blocks() {
            for i in block.line - 2..block.line + block.lines.len() {
                if let Some(f) = fenced.get_mut(i) {
                    *f = true;
                }
            }
        }
        fenced
    }

    /// Every fenced code block (``` or ~~~).
    pub(crate) fn blocks(&self) -> Vec<Block> {
        let mut out = Vec::new();
        let mut open: Option<(String, usize, Block)> = None;
        for (i, raw) in self.lines.iter().enumerate() {
            let indent = raw.len() - raw.trim_start().len();
            let trimmed = raw.trim();
            if let Some((fence, fence_indent, block)) = &mut open {
                if trimmed.starts_with(fence.as_str())
                    && trimmed.chars().all(|c| c == '`' || c == '~')
                {
                    let (_, _, block) = open.take().expect("open");
                    out.push(block);
                } else {
                    let cut = indent.min(*fence_indent);
                    block.lines.push(raw[cut..].to_owned());
                }
                continue;
            }
            for marker in ["```", "~~~"] {
                if trimmed.starts_with(marker) {
                    let c = marker.as_bytes()[0] as char;
                    let fence: String = trimmed.chars().take_while(|&x| x == c).collect();
                    let info = trimmed[fence.len()..].trim();
                    let lang = info.split_whitespace().next().unwrap_or("").to_owned();
                    let block = Block {
                        lang,
                        line: i + 2,
                        lines: Vec::new(),
                    };
                    open = Some((fence, indent, block));
                    break;
                }
            }
        }
        out
    }

    /// The paragraphs outside fences (a heading and a table row are each
    /// their own), as (first line, text joined with `\n`).
    fn paragraphs(&self) -> Vec<(usize, String)> {
        let fenced = self.fenced();
        let mut out: Vec<(usize, String)> = Vec::new();
        let mut current: Option<(usize, String)> = None;
        for (i, line) in self.lines.iter().enumerate() {
            let t = line.trim_start();
            let alone = t.starts_with('#') || t.starts_with('|');
            if fenced[i] || t.is_empty() || alone {
                out.extend(current.take());
            }
            if fenced[i] || t.is_empty() {
                continue;
            }
            if alone {
                out.push((i + 1, line.clone()));
                continue;
            }
            match &mut current {
                Some((_, text)) => {
                    text.push('\n');
                    text.push_str(line);
                }
                None => current = Some((i + 1, line.clone())),
            }
        }
        out.extend(current);
        out
    }

    /// Every inline code span outside fences, its content as CommonMark
    /// reads it (line breaks as spaces, one padding space stripped).
    pub(crate) fn spans(&self) -> Vec<Found> {
        let mut out = Vec::new();
        for (first, text) in self.paragraphs() {
            for (offset, span) in code_spans(&text) {
                let line = first + text[..offset].matches('\n').count();
                out.push(Found { line, text: span });
            }
        }
        out
    }

    /// Every link target `[text](target)` outside fences and code spans.
    pub(crate) fn links(&self) -> Vec<Found> {
        let re = regex::Regex::new(r"\]\(([^)\s]+)(?:\s+\x22[^\x22]*\x22)?\)").expect("regex");
        let mut out = Vec::new();
        for (first, text) in self.paragraphs() {
            let mut plain = text.clone();
            for (offset, _) in code_spans(&text) {
                // Blank the span (keeping line breaks and offsets).
                let end = span_end(&text, offset);
                let blank: String = text[offset..end]
                    .chars()
                    .map(|c| {
                        if c == '\n' {
                            "\n".to_owned()
                        } else {
                            " ".repeat(c.len_utf8())
                        }
                    })
                    .collect();
                plain.replace_range(offset..end, &blank);
            }
            for cap in re.captures_iter(&plain) {
                let m = cap.get(1).expect("group");
                let line = first + plain[..m.start()].matches('\n').count();
                out.push(Found {
                    line,
                    text: m.as_str().to_owned(),
                });
            }
        }
        out
    }

    /// Headings outside fences: (line, level, text).
    pub(crate) fn headings(&self) -> Vec<(usize, usize, String)> {
        let fenced = self.fenced();
        let mut out = Vec::new();
        for (i, line) in self.lines.iter().enumerate() {
            if fenced[i] || !line.starts_with('#') {
                continue;
            }
            let level = line.chars().take_while(|&c| c == '#').count();
            if line[level..].starts_with(' ') {
                out.push((i + 1, level, line[level..].trim().to_owned()));
            }
        }
        out
    }

    /// The line (1-based).
    pub(crate) fn line(&self, n: usize) -> &str {
        &self.lines[n - 1]
    }

    /// How many lines.
    pub(crate) fn len(&self) -> usize {
        self.lines.len()
    }
}

/// Where the code span opening at `start` ends (after its closing run).
fn span_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let run = bytes[start..].iter().take_while(|&&b| b == b'`').count();
    let mut i = start + run;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let close = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            if close == run {
                return i + close;
            }
            i += close;
        } else {
            i += 1;
        }
    }
    bytes.len()
}

/// The code spans of a paragraph: (byte offset of the opening run, content).
fn code_spans(text: &str) -> Vec<(usize, String)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
        let mut j = i + run;
        let mut closed = None;
        while j < bytes.len() {
            if bytes[j] == b'`' {
                let close = bytes[j..].iter().take_while(|&&b| b == b'`').count();
                if close == run {
                    closed = Some(j);
                    break;
                }
                j += close;
            } else {
                j += 1;
            }
        }
        match closed {
            Some(j) => {
                let mut content = text[i + run..j].replace('\n', " ");
                if content.len() > 1 && content.starts_with(' ') && content.ends_with(' ') {
                    content = content[1..content.len() - 1].to_owned();
                }
                out.push((i, content));
                i = j + run;
            }
            // An unmatched run is literal text.
            None => i += run,
        }
    }
    out
}

/// GitHub's anchor for a heading: lower case, punctuation dropped, spaces
/// as hyphens.
pub(crate) fn anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_follow_commonmark() {
        let spans: Vec<String> = code_spans("a `b` and ``c ` d`` and `e\nf` and \\`g`")
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        assert_eq!(spans, ["b", "c ` d", "e f"]);
    }

    #[test]
    fn anchors_are_githubs() {
        assert_eq!(anchor("Faults survived"), "faults-survived");
        assert_eq!(anchor("Your first five minutes"), "your-first-five-minutes");
        assert_eq!(anchor("`nps(...)`: the commands"), "nps-the-commands");
    }
}
