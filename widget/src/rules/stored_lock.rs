//! The stored cross-tab lock, where the browser has no Web Locks: two tabs
//! of one app never show the prompt at once.
//!
//! A tab takes `nps:<key>:lock` = `{"tab": id, "expires": ms}` before
//! showing, refreshes it every [`REFRESH_MS`] while the prompt is open and
//! removes it on close. A lock not refreshed for [`TTL_MS`] (its tab
//! crashed, was discarded or frozen) is ignored.

/// How long a lock holds without a refresh.
pub const TTL_MS: f64 = 30_000.0;

/// How often an open prompt refreshes its lock (well within [`TTL_MS`]).
pub const REFRESH_MS: u32 = 10_000;

/// A stored lock.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredLock {
    /// The id of the tab holding it.
    pub tab: String,
    /// When it lapses unless refreshed (ms).
    pub expires_ms: f64,
}

impl StoredLock {
    /// The lock `tab` writes at `now_ms` (taking or refreshing it).
    pub fn new(tab: &str, now_ms: f64) -> Self {
        Self {
            tab: tab.to_owned(),
            expires_ms: now_ms + TTL_MS,
        }
    }

    /// Whether it keeps a tab other than `tab` from showing at `now_ms`.
    /// A lock expiring implausibly far ahead (a clock moved back) is
    /// treated as stale, so a prompt can never be blocked for good.
    pub fn blocks(&self, tab: &str, now_ms: f64) -> bool {
        self.tab != tab && now_ms < self.expires_ms && self.expires_ms <= now_ms + TTL_MS
    }
}

/// Whether `tab` may show a prompt (or keep its lock) given the stored lock.
pub fn free_for(stored: Option<&StoredLock>, tab: &str, now_ms: f64) -> bool {
    !stored.is_some_and(|l| l.blocks(tab, now_ms))
}

/// Whether the stored lock is `tab`'s, so closing may remove it.
pub fn held_by(stored: Option<&StoredLock>, tab: &str) -> bool {
    stored.is_some_and(|l| l.tab == tab)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    const T: f64 = 1_767_225_600_000.0;

    #[test]
    fn no_lock_leaves_every_tab_free() {
        assert!(free_for(None, "a", T));
        assert!(!held_by(None, "a"));
    }

    #[test]
    fn a_live_lock_blocks_other_tabs_but_not_its_own() {
        let l = StoredLock::new("a", T);
        assert!(
            !free_for(Some(&l), "b", T + 29_000.0),
            "other tab, 29 s later"
        );
        assert!(free_for(Some(&l), "a", T + 29_000.0), "same tab");
        assert!(held_by(Some(&l), "a"));
        assert!(!held_by(Some(&l), "b"));
    }

    #[test]
    fn a_lock_not_refreshed_for_30_seconds_is_stale() {
        let l = StoredLock::new("a", T);
        assert!(free_for(Some(&l), "b", T + TTL_MS));
        let refreshed = StoredLock::new("a", T + f64::from(REFRESH_MS));
        assert!(
            !free_for(Some(&refreshed), "b", T + TTL_MS),
            "refreshed in time"
        );
    }

    #[test]
    fn a_lock_from_the_future_does_not_block_forever() {
        let l = StoredLock::new("a", T + 3_600_000.0);
        assert!(free_for(Some(&l), "b", T));
    }
}
