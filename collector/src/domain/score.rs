//! An NPS score: an integer from 0 to 10.

use nps_protocol::Category;

use super::Invalid;

/// A score from 0 to 10 inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Score(u8);

impl Score {
    /// The score as a number.
    pub fn value(self) -> u8 {
        self.0
    }

    /// Promoter, passive or detractor.
    pub fn category(self) -> Category {
        Category::of(self.0).expect("a Score is always within 0..=10")
    }
}

impl TryFrom<u8> for Score {
    type Error = Invalid;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        if value <= 10 {
            Ok(Self(value))
        } else {
            Err(Invalid::new(
                "invalid_score",
                format!("score must be an integer from 0 to 10, got {value}"),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_to_ten_are_scores() {
        for v in 0..=10 {
            assert_eq!(Score::try_from(v).map(Score::value), Ok(v), "score {v}");
        }
    }

    #[test]
    fn eleven_and_above_are_refused() {
        for v in [11, 42, 255] {
            let err = Score::try_from(v).unwrap_err();
            assert_eq!(err.code, "invalid_score", "score {v}");
        }
    }
}
