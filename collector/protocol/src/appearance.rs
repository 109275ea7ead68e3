//! How the prompt looks (colour, position, theme) and what makes a look
//! acceptable, defined once: the collector refuses a config that breaks
//! these rules, and the dashboard checks them while the colour is typed.

use serde::{Deserialize, Serialize};

/// Where the prompt may sit.
pub const POSITIONS: [&str; 3] = ["bottom-right", "bottom-left", "center"];
/// The prompt's colour schemes (`auto` follows the visitor's system).
pub const THEMES: [&str; 3] = ["light", "dark", "auto"];
/// WCAG 2 AA contrast for normal text: the prompt writes white on the brand
/// colour (the chosen score, the Send button).
pub const MIN_CONTRAST: f64 = 4.5;

/// The prompt's look, set on the dashboard's Look page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct Appearance {
    /// Brand colour `#rrggbb` of the buttons and the chosen score (white
    /// text on it must reach WCAG AA, 4.5:1); `None`: the default blue.
    pub brand_color: Option<String>,
    /// `bottom-right` (default), `bottom-left` or `center`.
    pub position: String,
    /// `light` (default), `dark`, or `auto` (the visitor's system setting).
    pub theme: String,
}

impl Default for Appearance {
    fn default() -> Self {
        Self {
            brand_color: None,
            position: "bottom-right".to_owned(),
            theme: "light".to_owned(),
        }
    }
}

/// Why a look cannot be saved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BadLook {
    /// A position the widget does not know.
    Position,
    /// A theme the widget does not know.
    Theme,
    /// The colour is not `#rrggbb`.
    Color,
    /// White text on the colour is below [`MIN_CONTRAST`] (the ratio).
    Contrast(f64),
}

impl Appearance {
    /// The first rule this look breaks, if any.
    pub fn check(&self) -> Result<(), BadLook> {
        if !POSITIONS.contains(&self.position.as_str()) {
            return Err(BadLook::Position);
        }
        if !THEMES.contains(&self.theme.as_str()) {
            return Err(BadLook::Theme);
        }
        if let Some(color) = &self.brand_color {
            let ratio = contrast_with_white(color).ok_or(BadLook::Color)?;
            if ratio < MIN_CONTRAST {
                return Err(BadLook::Contrast(ratio));
            }
        }
        Ok(())
    }
}

/// The WCAG 2 contrast ratio of white text on `color` (`#rrggbb`), or
/// `None` if it is not such a colour.
pub fn contrast_with_white(color: &str) -> Option<f64> {
    let hex = color.strip_prefix('#').filter(|h| h.len() == 6)?;
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let [r, g, b] = [byte(0)?, byte(2)?, byte(4)?].map(channel);
    let luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    Some(1.05 / (luminance + 0.05))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn look(color: Option<&str>) -> Appearance {
        Appearance {
            brand_color: color.map(str::to_owned),
            ..Appearance::default()
        }
    }

    #[test]
    fn contrast_matches_the_wcag_reference_values() {
        // White on black is 21:1, white on white 1:1; #767676 is the
        // classic lightest grey passing AA on white (4.54:1).
        assert!((contrast_with_white("#000000").unwrap() - 21.0).abs() < 1e-9);
        assert!((contrast_with_white("#ffffff").unwrap() - 1.0).abs() < 1e-9);
        assert!((contrast_with_white("#767676").unwrap() - 4.54).abs() < 0.01);
        assert_eq!(contrast_with_white("767676"), None);
        assert_eq!(contrast_with_white("#76767"), None);
        assert_eq!(contrast_with_white("#zz7676"), None);
    }

    #[test]
    fn a_look_is_checked_rule_by_rule() {
        assert_eq!(Appearance::default().check(), Ok(()));
        assert_eq!(look(Some("#1a56db")).check(), Ok(()));
        assert_eq!(look(Some("blue")).check(), Err(BadLook::Color));
        assert!(matches!(look(Some("#ffcc00")).check(), Err(BadLook::Contrast(r)) if r < 4.5));
        let top = Appearance {
            position: "top".to_owned(),
            ..Appearance::default()
        };
        assert_eq!(top.check(), Err(BadLook::Position));
        let sepia = Appearance {
            theme: "sepia".to_owned(),
            ..Appearance::default()
        };
        assert_eq!(sepia.check(), Err(BadLook::Theme));
    }
}
