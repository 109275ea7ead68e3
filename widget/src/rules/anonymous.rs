//! Anonymous projects (`anonymous: true` in the config, e.g. an employee
//! survey): what leaves the browser carries no user id, identity proof or
//! page URL, and only the traits the project lists in `allowed_traits`,
//! whatever the host passed to `identify`. Timing still works, per
//! browser: the rules read the identity locally, it is just never sent.

use nps_protocol::{CommentUpdate, NewEvent, NewResponse, Traits};

/// Only the traits named in `allowed`; `None` if none is left.
pub fn allowed_traits(traits: Option<Traits>, allowed: &[String]) -> Option<Traits> {
    let traits = traits?;
    // Copied over rather than `retain`ed: `retain`'s code weighs over a
    // kilobyte in the wasm, `get` and `insert` are there anyway.
    let mut kept = Traits::new();
    for name in allowed {
        if let Some(v) = traits.get(name) {
            kept.insert(name.clone(), v.clone());
        }
    }
    (!kept.is_empty()).then_some(kept)
}

/// Strips a response of everything that identifies its author.
pub fn anonymise_response(r: &mut NewResponse, allowed: &[String]) {
    r.user_id = None;
    r.user_hash = None;
    r.url = None;
    r.traits = allowed_traits(r.traits.take(), allowed);
}

/// Strips an event of its user.
pub fn anonymise_event(e: &mut NewEvent) {
    e.user_id = None;
    e.user_hash = None;
}

/// Strips a comment of its author's proof.
pub fn anonymise_comment(c: &mut CommentUpdate) {
    c.user_hash = None;
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use nps_protocol::{EventKind, TraitValue};

    use super::*;

    fn traits(names: &[&str]) -> Traits {
        names
            .iter()
            .map(|n| ((*n).to_owned(), TraitValue::Text("x".into())))
            .collect()
    }

    #[test]
    fn a_response_keeps_its_score_and_only_the_allowed_traits() {
        let mut r = NewResponse {
            variant: None,
            id: "r1".into(),
            key: "enps".into(),
            score: 7,
            comment: Some("ok".into()),
            user_id: Some("alice@example.com".into()),
            user_hash: Some("abc".into()),
            moment: Some("onboarding_completed".into()),
            traits: Some(traits(&["plan", "email", "team"])),
            locale: Some("en".into()),
            url: Some("https://app.example.com/users/alice".into()),
            secret: Some("s".repeat(16)),
        };
        anonymise_response(&mut r, &["team".into(), "plan".into()]);
        assert_eq!((r.user_id, r.user_hash, r.url), (None, None, None));
        assert_eq!(r.traits, Some(traits(&["plan", "team"])));
        assert_eq!((r.score, r.comment.as_deref()), (7, Some("ok")));
        assert!(r.secret.is_some(), "the secret is not an identity");
    }

    #[test]
    fn no_allowed_traits_means_no_traits_at_all() {
        assert_eq!(allowed_traits(Some(traits(&["plan"])), &[]), None);
        assert_eq!(allowed_traits(None, &["plan".into()]), None);
        assert_eq!(
            allowed_traits(Some(traits(&["email"])), &["plan".into()]),
            None,
            "an empty map is not sent"
        );
    }

    #[test]
    fn events_and_comments_lose_their_user() {
        let mut e = NewEvent {
            variant: None,
            id: "e1".into(),
            key: "enps".into(),
            kind: EventKind::OptedOut,
            moment: None,
            user_id: Some("alice".into()),
            user_hash: Some("abc".into()),
            notice: None,
        };
        anonymise_event(&mut e);
        assert_eq!((e.user_id, e.user_hash), (None, None));
        let mut c = CommentUpdate {
            key: "enps".into(),
            comment: "fine".into(),
            secret: None,
            user_hash: Some("abc".into()),
        };
        anonymise_comment(&mut c);
        assert_eq!(c.user_hash, None);
    }
}
