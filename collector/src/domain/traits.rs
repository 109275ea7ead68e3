//! User traits from `identify`: a small flat map kept for segmenting.

use nps_protocol::{TraitValue, Traits};

use super::{has_control_chars, has_invisible_format_chars, EventName, Invalid};

/// At most [`ValidTraits::MAX_COUNT`] traits, names shaped like event names,
/// string values of at most [`ValidTraits::MAX_VALUE_CHARS`] characters,
/// finite numbers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ValidTraits(Traits);

impl ValidTraits {
    /// Most traits accepted on one response.
    pub const MAX_COUNT: usize = 50;
    /// Longest string value accepted.
    pub const MAX_VALUE_CHARS: usize = 1_000;

    /// The traits.
    pub fn as_map(&self) -> &Traits {
        &self.0
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Keeps only the traits whose name `keep` accepts.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.0.retain(|name, _| keep(name));
    }
}

impl TryFrom<Traits> for ValidTraits {
    type Error = Invalid;

    fn try_from(traits: Traits) -> Result<Self, Self::Error> {
        if traits.len() > Self::MAX_COUNT {
            return Err(Invalid::new(
                "invalid_traits",
                format!("at most {} traits, got {}", Self::MAX_COUNT, traits.len()),
            ));
        }
        for (name, value) in &traits {
            EventName::try_from(name.clone()).map_err(|_| {
                Invalid::new(
                    "invalid_traits",
                    format!(
                        "trait name {name:?} must be 1-64 characters from A-Z a-z 0-9 _ - . : /"
                    ),
                )
            })?;
            match value {
                TraitValue::Text(s) if s.chars().count() > Self::MAX_VALUE_CHARS => {
                    return Err(Invalid::new(
                        "invalid_traits",
                        format!(
                            "trait {name:?} is longer than {} characters",
                            Self::MAX_VALUE_CHARS
                        ),
                    ))
                }
                TraitValue::Text(s) if has_control_chars(s) || s.contains(['\n', '\r', '\t']) => {
                    return Err(Invalid::new(
                        "invalid_traits",
                        format!("trait {name:?} contains control characters"),
                    ))
                }
                TraitValue::Text(s) if has_invisible_format_chars(s) => {
                    return Err(Invalid::new(
                        "invalid_traits",
                        format!("trait {name:?} contains invisible formatting characters"),
                    ))
                }
                TraitValue::Number(n) if !n.is_finite() => {
                    return Err(Invalid::new(
                        "invalid_traits",
                        format!("trait {name:?} is not a finite number"),
                    ))
                }
                _ => {}
            }
        }
        Ok(Self(traits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn traits(pairs: &[(&str, TraitValue)]) -> Traits {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    #[test]
    fn flat_traits_are_accepted() {
        let t = traits(&[
            ("plan", TraitValue::Text("pro".into())),
            ("seats", TraitValue::Number(3.0)),
        ]);
        assert!(ValidTraits::try_from(t).is_ok());
    }

    #[test]
    fn too_many_or_too_long_traits_are_refused() {
        let many: Traits = (0..51)
            .map(|i| (format!("t{i}"), TraitValue::Bool(true)))
            .collect();
        assert!(ValidTraits::try_from(many).is_err(), "51 traits");
        let long = traits(&[("bio", TraitValue::Text("x".repeat(1001)))]);
        assert!(ValidTraits::try_from(long).is_err(), "long value");
        let bad_name = traits(&[("has space", TraitValue::Bool(true))]);
        assert!(ValidTraits::try_from(bad_name).is_err(), "bad name");
        for bad in [
            "nul\0",
            "esc\u{1b}[31m",
            "line\nbreak",
            "pro\u{202E}",
            "\u{2067}eu\u{2069}",
            "p\u{200B}ro",
        ] {
            let t = traits(&[("plan", TraitValue::Text(bad.into()))]);
            assert!(
                ValidTraits::try_from(t).is_err(),
                "control characters in {bad:?}"
            );
        }
    }
}
