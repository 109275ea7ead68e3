//! The Themes page's pure half: where a theme's terms occur in a comment
//! (to highlight them as text, never as markup), the tag a theme proposes,
//! and the drivers the overview's card shows.

use nps_protocol::admin::Driver;

/// A piece of a comment: its text and whether it is one of the theme's
/// words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Piece<'a> {
    pub(crate) text: &'a str,
    pub(crate) marked: bool,
}

/// A character folded for comparison: lower case, French and common
/// Latin accents removed (`É` → `e`), as the collector folds words.
fn fold(c: char) -> char {
    let c = c.to_lowercase().next().unwrap_or(c);
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'œ' => 'o',
        'æ' => 'a',
        c => c,
    }
}

/// The folded words of the terms (a term may hold several).
fn needles(terms: &[String]) -> Vec<Vec<char>> {
    let mut out: Vec<Vec<char>> = terms
        .iter()
        .flat_map(|t| t.split_whitespace())
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .map(fold)
                .collect()
        })
        .filter(|w: &Vec<char>| !w.is_empty())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// `comment` cut into pieces, the words that start with one of `terms`
/// marked whole ("exports", "lents" for the terms `export`, `lent`),
/// ignoring case and accents. Only whole-word starts count: `lent` does
/// not mark "excellent". The pieces put together are `comment` exactly.
pub(crate) fn pieces<'a>(comment: &'a str, terms: &[String]) -> Vec<Piece<'a>> {
    let needles = needles(terms);
    // Each word: its byte range and its folded characters.
    let mut words: Vec<(usize, usize, Vec<char>)> = Vec::new();
    let mut current: Option<(usize, Vec<char>)> = None;
    for (at, c) in comment.char_indices() {
        if c.is_alphanumeric() {
            current
                .get_or_insert_with(|| (at, Vec::new()))
                .1
                .push(fold(c));
        } else if let Some((start, folded)) = current.take() {
            words.push((start, at, folded));
        }
    }
    if let Some((start, folded)) = current {
        words.push((start, comment.len(), folded));
    }
    let mut out = Vec::new();
    let mut done = 0;
    for (start, end, folded) in words {
        if needles.iter().any(|n| folded.starts_with(n)) {
            if start > done {
                out.push(Piece {
                    text: &comment[done..start],
                    marked: false,
                });
            }
            out.push(Piece {
                text: &comment[start..end],
                marked: true,
            });
            done = end;
        }
    }
    if done < comment.len() {
        out.push(Piece {
            text: &comment[done..],
            marked: false,
        });
    }
    out
}

/// The tag a theme proposes: its label folded to the characters a tag
/// may hold (`prix élevé` → `prix-eleve`), at most 64 of them.
pub(crate) fn tag_for(label: &str) -> String {
    let mut tag = String::new();
    for c in label.chars().map(fold) {
        if c.is_ascii_alphanumeric() {
            tag.push(c);
        } else if !tag.is_empty() && !tag.ends_with('-') {
            tag.push('-');
        }
    }
    let tag: String = tag.trim_end_matches('-').chars().take(64).collect();
    let tag = tag.trim_end_matches('-');
    if tag.is_empty() {
        "theme".to_owned()
    } else {
        tag.to_owned()
    }
}

/// The first `n` themes of a drivers list (already ranked).
pub(crate) fn top_themes(list: &[Driver], n: usize) -> Vec<&Driver> {
    list.iter().filter(|d| d.kind == "theme").take(n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| (*w).to_owned()).collect()
    }

    fn marked<'a>(p: &[Piece<'a>]) -> Vec<&'a str> {
        p.iter().filter(|p| p.marked).map(|p| p.text).collect()
    }

    #[test]
    fn whole_words_starting_with_a_term_are_marked_whatever_their_case_and_accents() {
        let p = pieces(
            "Les EXPORTS sont lents, l'export élevé",
            &terms(&["export", "lent", "eleve"]),
        );
        assert_eq!(marked(&p), ["EXPORTS", "lents", "export", "élevé"]);
        let whole: String = p.iter().map(|p| p.text).collect();
        assert_eq!(whole, "Les EXPORTS sont lents, l'export élevé");
    }

    #[test]
    fn a_term_inside_a_word_is_not_marked() {
        assert!(marked(&pieces("excellent", &terms(&["lent"]))).is_empty());
        assert_eq!(
            marked(&pieces("Slow export", &terms(&["slow export"]))),
            ["Slow", "export"]
        );
    }

    #[test]
    fn markup_in_a_comment_stays_text_in_the_pieces() {
        let raw = "<b>slow</b> <script>alert(1)</script>";
        let p = pieces(raw, &terms(&["slow"]));
        assert_eq!(marked(&p), ["slow"]);
        assert_eq!(p.iter().map(|p| p.text).collect::<String>(), raw);
    }

    #[test]
    fn no_terms_leave_the_comment_whole() {
        assert_eq!(
            pieces("Great support", &[]),
            [Piece {
                text: "Great support",
                marked: false
            }]
        );
        assert!(pieces("", &terms(&["x"])).is_empty());
    }

    #[test]
    fn a_themes_tag_is_its_label_in_tag_characters() {
        assert_eq!(tag_for("prix élevé"), "prix-eleve");
        assert_eq!(tag_for("Slow export!"), "slow-export");
        assert_eq!(tag_for("«»"), "theme");
        assert_eq!(tag_for(&"a".repeat(80)).len(), 64);
    }

    #[test]
    fn the_card_takes_themes_only_in_their_order() {
        let d = |kind: &str, value: &str, impact: f64| Driver {
            kind: kind.into(),
            name: value.into(),
            value: value.into(),
            responses: 10,
            nps: None,
            ci95: None,
            impact,
            significant: false,
            small_sample: false,
        };
        let list = [
            d("theme", "a", -9.0),
            d("locale", "fr", -8.0),
            d("theme", "b", -7.0),
            d("theme", "c", -6.0),
            d("theme", "d", -5.0),
        ];
        let top: Vec<&str> = top_themes(&list, 3)
            .iter()
            .map(|d| d.value.as_str())
            .collect();
        assert_eq!(top, ["a", "b", "c"]);
    }
}
