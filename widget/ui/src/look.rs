//! The project's appearance as the prompt's classes and style: position,
//! theme and brand colour, each falling back to the default look when the
//! value is unknown (an older widget meeting a newer config keeps working).

/// The prompt's stylesheet (scoped to its shadow root by `mount`; a
/// host rendering `Prompt` in its own tree includes it itself).
pub const CSS: &str = include_str!("style.css");

/// The class placing the card; none for the default bottom-right. Right to
/// left the corners swap, as the page's reading order does: the default
/// corner is where a reader's eye ends, bottom-left in Arabic.
pub fn position_class(position: &str, rtl: bool) -> Option<&'static str> {
    match (position, rtl) {
        ("center", _) => Some("center"),
        ("bottom-left", false) => Some("left"),
        ("bottom-left", true) => None,
        (_, true) => Some("left"),
        _ => None,
    }
}

/// The class of the colour scheme; none for the default light one.
pub fn theme_class(theme: &str) -> Option<&'static str> {
    match theme {
        "dark" => Some("dark"),
        "auto" => Some("auto"),
        _ => None,
    }
}

/// The `style` attribute carrying the brand colour, if it is a plain hex
/// colour. Only `#rgb`/`#rrggbb` pass: the value ends up in CSS, and the
/// collector checked its contrast, so nothing else is let through.
pub fn brand_style(color: Option<&str>) -> Option<String> {
    let color = color?;
    let hex = color.strip_prefix('#')?;
    let plain = matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit());
    // Pushed rather than `format!`ed: the formatting machinery costs the
    // lazy module a few hundred bytes.
    plain.then(|| {
        let mut style = String::from("--nps-brand:");
        style.push_str(color);
        style
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_keep_the_default_look() {
        assert_eq!(position_class("bottom-right", false), None);
        assert_eq!(position_class("top", false), None);
        assert_eq!(position_class("bottom-left", false), Some("left"));
        assert_eq!(position_class("center", false), Some("center"));
        assert_eq!(theme_class("light"), None);
        assert_eq!(theme_class("sepia"), None);
        assert_eq!(theme_class("dark"), Some("dark"));
        assert_eq!(theme_class("auto"), Some("auto"));
    }

    #[test]
    fn right_to_left_the_bottom_corners_swap() {
        assert_eq!(position_class("bottom-right", true), Some("left"));
        assert_eq!(position_class("top", true), Some("left"), "default corner");
        assert_eq!(position_class("bottom-left", true), None);
        assert_eq!(position_class("center", true), Some("center"));
    }

    #[test]
    fn only_hex_colours_reach_the_style() {
        assert_eq!(
            brand_style(Some("#1a56db")).as_deref(),
            Some("--nps-brand:#1a56db")
        );
        assert_eq!(
            brand_style(Some("#abc")).as_deref(),
            Some("--nps-brand:#abc")
        );
        assert_eq!(brand_style(None), None);
        assert_eq!(brand_style(Some("red")), None);
        assert_eq!(brand_style(Some("#12345g")), None);
        assert_eq!(brand_style(Some("#fff;background:url(x)")), None);
        assert_eq!(brand_style(Some("#1234")), None);
    }
}
