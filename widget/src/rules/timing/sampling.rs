//! Sticky sampling: the same user is always in, or always out.

/// FNV-1a, 32 bits: tiny, stable across platforms and releases.
pub(crate) fn fnv1a(parts: &[&str]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            // A separator, so ("ab", "c") and ("a", "bc") differ.
            h ^= 0xff;
            h = h.wrapping_mul(0x0100_0193);
        }
        for b in part.bytes() {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
    }
    h
}

/// The user's bucket, 0–9999, from the project key and the user id (or
/// the browser's anonymous id).
pub fn bucket(project_key: &str, user: &str) -> u32 {
    fnv1a(&[project_key, user]) % 10_000
}

/// Whether the user is in a `percent` (0–100) sample.
pub fn sampled(project_key: &str, user: &str, percent: f64) -> bool {
    if percent >= 100.0 {
        return true;
    }
    f64::from(bucket(project_key, user)) < percent * 100.0
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn everyone_is_in_at_100_and_nobody_at_0() {
        for u in ["a", "b", "user-42", ""] {
            assert!(sampled("k", u, 100.0), "{u} at 100");
            assert!(!sampled("k", u, 0.0), "{u} at 0");
        }
    }

    #[test]
    fn about_the_configured_share_is_sampled() {
        let n = (0..10_000)
            .filter(|i| sampled("demo", &i.to_string(), 25.0))
            .count();
        assert!((2_200..2_800).contains(&n), "{n} of 10000 at 25%");
    }

    proptest! {
        /// Sampling is sticky: same project and user, same answer; and a
        /// user in at p% stays in at any higher percentage.
        #[test]
        fn sampling_is_stable_and_monotonic(key in ".{0,12}", user in ".{0,24}", p in 0.0f64..100.0, q in 0.0f64..100.0) {
            prop_assert_eq!(sampled(&key, &user, p), sampled(&key, &user, p));
            let (lo, hi) = if p <= q { (p, q) } else { (q, p) };
            if sampled(&key, &user, lo) {
                prop_assert!(sampled(&key, &user, hi));
            }
        }
    }
}
