//! Keyboard behaviour of the 0–10 scale (a WAI-ARIA radio group).
//!
//! Arrows move *and* select, as radio groups do; Home/End jump to the ends;
//! a digit selects that score directly, a shortcut for the most common case.
//! Right to left (Arabic) the scale runs from 0 at the right, so Left and
//! Right follow what is seen: Left goes up, as the ARIA practices ask of
//! horizontal widgets in a right-to-left page; Up and Down keep their
//! meaning.

/// The highest score.
pub const MAX_SCORE: u8 = 10;

/// The score a key press selects on the scale, or `None` if the key does
/// nothing there (so the event is left to the browser).
///
/// `current` is the selected score; with none selected, arrows start from the
/// focused first radio, 0, the way the roving tabindex presents it. `rtl`
/// says the scale is mirrored.
pub fn next_score(current: Option<u8>, key: &str, rtl: bool) -> Option<u8> {
    let from = current.unwrap_or(0);
    let key = match (rtl, key) {
        (true, "ArrowLeft") => "ArrowRight",
        (true, "ArrowRight") => "ArrowLeft",
        _ => key,
    };
    match key {
        // Wrapping matches native radio groups.
        "ArrowRight" | "ArrowDown" if current.is_none() => Some(0),
        "ArrowRight" | "ArrowDown" => Some(if from >= MAX_SCORE { 0 } else { from + 1 }),
        "ArrowLeft" | "ArrowUp" => Some(if from == 0 { MAX_SCORE } else { from - 1 }),
        "Home" => Some(0),
        "End" => Some(MAX_SCORE),
        _ => match key.as_bytes() {
            [d @ b'0'..=b'9'] => Some(d - b'0'),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_move_and_wrap_around() {
        let cases = [
            (Some(4), "ArrowRight", Some(5)),
            (Some(4), "ArrowDown", Some(5)),
            (Some(4), "ArrowLeft", Some(3)),
            (Some(4), "ArrowUp", Some(3)),
            (Some(10), "ArrowRight", Some(0)),
            (Some(0), "ArrowLeft", Some(10)),
            (None, "ArrowRight", Some(0)),
            (None, "ArrowLeft", Some(10)),
        ];
        for (current, key, want) in cases {
            assert_eq!(
                next_score(current, key, false),
                want,
                "{key} from {current:?}"
            );
        }
    }

    #[test]
    fn home_end_and_digits_jump() {
        assert_eq!(next_score(Some(5), "Home", false), Some(0));
        assert_eq!(next_score(None, "End", false), Some(10));
        assert_eq!(next_score(None, "7", false), Some(7));
        assert_eq!(next_score(Some(9), "0", false), Some(0));
    }

    #[test]
    fn right_to_left_the_horizontal_arrows_follow_the_mirrored_scale() {
        let cases = [
            (Some(4), "ArrowLeft", Some(5), "left goes up"),
            (Some(4), "ArrowRight", Some(3), "right goes down"),
            (Some(10), "ArrowLeft", Some(0), "wraps at the left end"),
            (Some(0), "ArrowRight", Some(10), "wraps at the right end"),
            (None, "ArrowLeft", Some(0), "starts at 0"),
            (Some(4), "ArrowDown", Some(5), "down keeps its meaning"),
            (Some(4), "ArrowUp", Some(3), "up keeps its meaning"),
            (Some(4), "Home", Some(0), "home is 0"),
        ];
        for (current, key, want, case) in cases {
            assert_eq!(next_score(current, key, true), want, "{case}");
        }
    }

    #[test]
    fn other_keys_are_left_alone() {
        for key in ["Tab", "Enter", " ", "a", "10", "Escape", ""] {
            assert_eq!(next_score(Some(3), key, false), None, "{key:?}");
        }
    }
}
