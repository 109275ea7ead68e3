use nps_protocol::EventKind;
use proptest::prelude::*;

use super::*;

fn response(id: &str) -> Request {
    Request::Response(NewResponse {
        variant: None,
        id: id.to_owned(),
        key: "demo".to_owned(),
        score: 7,
        comment: None,
        user_id: None,
        user_hash: None,
        moment: None,
        traits: None,
        locale: None,
        url: None,
        secret: Some("0123456789abcdef0123456789abcdef".to_owned()),
    })
}

fn comment(id: &str, text: &str) -> Request {
    Request::Comment {
        id: id.to_owned(),
        update: CommentUpdate {
            key: "demo".to_owned(),
            comment: text.to_owned(),
            secret: Some("0123456789abcdef0123456789abcdef".to_owned()),
            user_hash: None,
        },
    }
}

fn event(id: &str) -> Request {
    Request::Event(NewEvent {
        variant: None,
        id: id.to_owned(),
        key: "demo".to_owned(),
        kind: EventKind::Shown,
        moment: None,
        user_id: None,
        user_hash: None,
        notice: None,
    })
}

fn with_comment(id: &str, text: &str) -> Request {
    let Request::Response(mut r) = response(id) else {
        unreachable!()
    };
    r.comment = Some(text.to_owned());
    Request::Response(r)
}

const LEASE: f64 = 10.0 + LEASE_MS;

#[test]
fn a_comment_pushed_while_its_post_is_queued_rides_in_the_post() {
    let mut o = Outbox::default();
    o.push(response("a"), 0.0);
    assert_eq!(o.push(comment("a", "why"), 1.0), Pushed::Merged);
    assert_eq!(o.take_due(10.0, LEASE), vec![with_comment("a", "why")]);
}

#[test]
fn a_comment_after_its_response_was_stored_is_a_patch() {
    let mut o = Outbox::default();
    o.push(response("a"), 0.0);
    let sent = o.take_due(0.0, LEASE);
    o.settle(&sent[0], Outcome::Stored, 1.0, 0.5);
    assert_eq!(o.push(comment("a", "late"), 2.0), Pushed::Queued);
    assert_eq!(o.take_due(2.0, LEASE), vec![comment("a", "late")]);
}

#[test]
fn a_patch_waits_behind_a_failing_post_of_the_same_response() {
    let mut o = Outbox::default();
    o.push(response("a"), 0.0);
    o.entries.push(Entry {
        request: comment("a", "why"),
        attempts: 0,
        due: 0.0,
        lease: 0.0,
    });
    o.push(event("e"), 0.0);
    let sent = o.take_due(0.0, LEASE);
    assert_eq!(sent, vec![response("a"), event("e")], "the PATCH waits");
    o.settle(&sent[0], Outcome::Retry { retry_after: None }, 1.0, 0.5);
    o.settle(&sent[1], Outcome::Stored, 1.0, 0.5);
    assert!(o.take_due(1.0, LEASE).is_empty(), "backing off");
    let sent = o.take_due(2_000.0, LEASE);
    assert_eq!(sent, vec![response("a")]);
    o.settle(&sent[0], Outcome::Stored, 2_001.0, 0.5);
    assert_eq!(o.take_due(2_001.0, LEASE), vec![comment("a", "why")]);
}

#[test]
fn a_comment_merged_while_the_post_was_in_flight_becomes_a_patch() {
    let mut o = Outbox::default();
    o.push(response("a"), 0.0);
    let sent = o.take_due(0.0, LEASE);
    assert_eq!(o.push(comment("a", "why"), 1.0), Pushed::Merged);
    o.settle(&sent[0], Outcome::Stored, 2.0, 0.5);
    assert_eq!(o.take_due(2.0, LEASE), vec![comment("a", "why")]);
}

#[test]
fn a_comment_merged_while_the_post_failed_is_resent_with_it() {
    let mut o = Outbox::default();
    o.push(response("a"), 0.0);
    let sent = o.take_due(0.0, LEASE);
    o.push(comment("a", "why"), 1.0);
    o.settle(&sent[0], Outcome::of(Some(503), None), 2.0, 0.0);
    assert_eq!(o.take_due(2.0, LEASE), vec![with_comment("a", "why")]);
}

#[test]
fn statuses_are_classified_as_stored_refused_or_retried() {
    let cases = [
        (Some(200), Outcome::Stored),
        (Some(201), Outcome::Stored),
        (Some(400), Outcome::Refused),
        (Some(403), Outcome::Refused),
        (Some(404), Outcome::Refused),
        (Some(422), Outcome::Refused),
        (Some(408), Outcome::Retry { retry_after: None }),
        (Some(429), Outcome::Retry { retry_after: None }),
        (Some(500), Outcome::Retry { retry_after: None }),
        (Some(503), Outcome::Retry { retry_after: None }),
        (None, Outcome::Retry { retry_after: None }),
    ];
    for (status, expected) in cases {
        assert_eq!(Outcome::of(status, None), expected, "status {status:?}");
    }
}

#[test]
fn a_refused_entry_is_dropped_and_reported() {
    let mut o = Outbox::default();
    o.push(event("e"), 0.0);
    let sent = o.take_due(0.0, LEASE);
    assert!(o.settle(&sent[0], Outcome::of(Some(422), None), 1.0, 0.5));
    assert!(o.entries.is_empty());
}

#[test]
fn retry_after_is_honoured_when_longer_than_the_backoff() {
    let mut o = Outbox::default();
    o.push(event("e"), 0.0);
    let sent = o.take_due(0.0, LEASE);
    let outcome = Outcome::of(Some(429), Some(30_000.0));
    o.settle(&sent[0], outcome, 100.0, 0.99);
    assert_eq!(o.next_due(), Some(30_100.0));
    assert!(o.take_due(30_099.0, LEASE).is_empty());
    assert_eq!(o.take_due(30_100.0, LEASE).len(), 1);
}

#[test]
fn a_leased_entry_is_not_sent_twice_until_the_lease_expires() {
    let mut o = Outbox::default();
    o.push(event("e"), 0.0);
    assert_eq!(o.take_due(0.0, LEASE_MS).len(), 1);
    o.wake(1.0);
    assert!(
        o.take_due(1.0, 1.0).is_empty(),
        "held by the request in flight"
    );
    assert_eq!(o.next_due(), Some(LEASE_MS));
    assert_eq!(
        o.take_due(LEASE_MS, LEASE_MS * 2.0).len(),
        1,
        "a dead tab's lease expires"
    );
}

#[test]
fn wake_makes_backed_off_entries_due_but_keeps_their_attempts() {
    let mut o = Outbox::default();
    o.push(event("e"), 0.0);
    for t in 0..5 {
        let sent = o.take_due(f64::INFINITY, 0.0);
        o.settle(
            &sent[0],
            Outcome::Retry { retry_after: None },
            f64::from(t),
            0.9,
        );
    }
    assert!(o.take_due(10.0, 10.0).is_empty());
    o.wake(10.0);
    assert_eq!(o.entries[0].attempts, 5);
    assert_eq!(o.take_due(10.0, 10.0).len(), 1);
}

#[test]
fn the_oldest_entry_is_dropped_and_counted_past_the_cap() {
    let mut o = Outbox::default();
    for i in 0..CAP {
        assert_eq!(o.push(event(&i.to_string()), 0.0), Pushed::Queued);
    }
    assert_eq!(o.push(event("last"), 0.0), Pushed::DroppedOldest);
    assert_eq!(o.entries.len(), CAP);
    assert_eq!(o.dropped, 1);
    assert_eq!(o.entries[0].request, event("1"));
}

#[test]
fn settling_an_entry_another_tab_already_removed_is_harmless() {
    let mut o = Outbox::default();
    o.push(event("e"), 0.0);
    assert!(!o.settle(&event("gone"), Outcome::Refused, 0.0, 0.0));
    assert_eq!(o.entries.len(), 1);
}

proptest! {
    #[test]
    fn backoff_stays_within_the_jitter_window(attempts in 1u32..100, random in 0.0f64..1.0) {
        let ceiling = (BASE_MS * 2f64.powi(attempts as i32 - 1)).min(MAX_BACKOFF_MS);
        let delay = backoff(attempts, random);
        prop_assert!((0.0..=ceiling).contains(&delay), "{delay} not in [0, {ceiling}]");
        prop_assert!(delay <= MAX_BACKOFF_MS);
    }

    /// Whatever the interleaving of pushes, sends and answers, every
    /// response and comment is delivered, and a comment never before its
    /// response.
    #[test]
    fn nothing_is_lost_and_comments_follow_their_response(
        ops in proptest::collection::vec((0u8..4, 0usize..4, any::<bool>(), 0.0f64..1.0), 1..80)
    ) {
        let mut o = Outbox::default();
        let mut now = 0.0;
        let mut in_flight: Vec<Request> = Vec::new();
        let mut stored: Vec<String> = Vec::new();
        let mut commented: Vec<String> = Vec::new();
        let mut wanted_comments: Vec<String> = Vec::new();
        for (op, n, ok, random) in ops {
            now += 500.0;
            let id = n.to_string();
            match op {
                0 if !o.entries.iter().any(|e| e.request.response_id() == Some(&id))
                    && !stored.contains(&id) => {
                    o.push(response(&id), now);
                }
                1 if !wanted_comments.contains(&id)
                    && (stored.contains(&id) || o.entries.iter().any(|e| e.request.response_id() == Some(&id))) => {
                    o.push(comment(&id, "c"), now);
                    wanted_comments.push(id);
                }
                2 => in_flight.extend(o.take_due(now, now + LEASE_MS)),
                _ if !in_flight.is_empty() => {
                    let sent = in_flight.remove(n % in_flight.len());
                    let outcome = if ok { Outcome::Stored } else { Outcome::Retry { retry_after: None } };
                    if ok {
                        match &sent {
                            Request::Response(r) => {
                                // A copy whose lease ran out may be sent twice;
                                // the collector keeps the first.
                                if !stored.contains(&r.id) { stored.push(r.id.clone()); }
                                if r.comment.is_some() { commented.push(r.id.clone()); }
                            }
                            Request::Comment { id, .. } => {
                                prop_assert!(stored.contains(id), "comment of {id} before its response");
                                commented.push(id.clone());
                            }
                            Request::Event(_) => {}
                        }
                    }
                    o.settle(&sent, outcome, now, random);
                }
                _ => {}
            }
        }
        // Drain: everything still queued gets through.
        for _ in 0..100 {
            now += MAX_BACKOFF_MS + LEASE_MS;
            in_flight.clear();
            for sent in o.take_due(now, now + LEASE_MS) {
                match &sent {
                    Request::Response(r) => {
                        if !stored.contains(&r.id) { stored.push(r.id.clone()); }
                        if r.comment.is_some() { commented.push(r.id.clone()); }
                    }
                    Request::Comment { id, .. } => {
                        prop_assert!(stored.contains(id), "comment of {id} before its response");
                        commented.push(id.clone());
                    }
                    Request::Event(_) => {}
                }
                o.settle(&sent, Outcome::Stored, now, 0.5);
            }
        }
        prop_assert!(o.entries.is_empty(), "left over: {:?}", o.entries);
        for id in wanted_comments {
            prop_assert!(commented.contains(&id), "comment of {id} lost");
        }
    }
}

#[test]
fn an_entry_waiting_behind_its_response_does_not_count_as_due() {
    let mut o = Outbox::default();
    o.push(response("a"), 0.0);
    o.entries.push(Entry {
        request: comment("a", "why"),
        attempts: 0,
        due: 0.0,
        lease: 0.0,
    });
    let sent = o.take_due(0.0, LEASE);
    o.settle(&sent[0], Outcome::Retry { retry_after: None }, 0.0, 0.5);
    assert_eq!(o.next_due(), Some(500.0), "the POST's retry, not the PATCH");
}
