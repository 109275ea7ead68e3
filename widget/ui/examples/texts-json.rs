//! Writes each language but English (which the lazy module carries) as
//! `<code>.json` into the directory given, for `widget/build.sh` to install
//! as `lang-<hash>-<code>.json`: the language files the loader fetches with
//! the prompt, made from the same tables the tests check. Each is a JSON
//! array of the strings in `nps_widget_ui::i18n::KEYS` order: the keys
//! would add about 60 B brotli to each prompt in another language.
//!
//! ```sh
//! cargo run -p nps-widget-ui --features all-languages --example texts-json -- OUT_DIR
//! ```

use std::path::PathBuf;

use nps_protocol::Locale;
use nps_widget_ui::texts::builtin;

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(std::env::args().nth(1).expect("an output directory"));
    std::fs::create_dir_all(&dir)?;
    for locale in Locale::ALL.into_iter().filter(|l| *l != Locale::En) {
        let texts = builtin(locale).expect("every language is compiled in");
        let fields: Vec<String> = texts
            .entries()
            .iter()
            .map(|(_, value)| format!("\"{}\"", escape(value)))
            .collect();
        std::fs::write(
            dir.join(format!("{}.json", locale.code())),
            format!("[{}]", fields.join(",")),
        )?;
    }
    Ok(())
}

/// JSON string escaping: quotes, backslashes and control characters (the
/// tables hold none of the latter, but a new language file might).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}
