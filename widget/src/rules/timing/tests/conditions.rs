//! The conditions: moments, counts, sign-up, traits, sampling, quiet
//! periods, exclusions, page views, priority and reasons.

use super::*;

#[test]
fn a_configured_moment_prompts_a_fresh_browser_and_an_unknown_one_never() {
    let mut h = History::default();
    assert!(prompted(&track(
        &config(),
        &mut h,
        &User::default(),
        "checkout",
        T0
    )));
    let d = track(
        &config(),
        &mut History::default(),
        &User::default(),
        "login",
        T0,
    );
    assert_eq!(d, Decision::Skip(Reason::UnknownMoment("login".into())));
}

#[test]
fn min_count_waits_for_the_nth_occurrence() {
    let c = WidgetConfig {
        moments: vec![Moment {
            min_count: Some(3),
            ..moment("checkout")
        }],
        ..config()
    };
    let mut h = History::default();
    let u = User::default();
    assert_eq!(
        track(&c, &mut h, &u, "checkout", T0),
        Decision::Skip(Reason::TooFewOccurrences { count: 1, needs: 3 })
    );
    assert!(!prompted(&track(&c, &mut h, &u, "checkout", T0)));
    assert!(prompted(&track(&c, &mut h, &u, "checkout", T0)));
}

#[test]
fn days_since_signup_reads_iso_dates_and_unix_ms() {
    let c = WidgetConfig {
        moments: vec![Moment {
            days_since_signup: Some(14),
            ..moment("checkout")
        }],
        ..config()
    };
    let h = History::default();
    let check = |user: &User, now: f64| {
        prompted(&decide(
            &c,
            &h,
            user,
            Page::default(),
            Trigger::Track("checkout"),
            now,
        ))
    };
    let iso = with_traits(&[("signed_up_at", text("2026-01-01"))]);
    assert!(!check(&iso, days(13.9)), "iso, day 13");
    assert!(check(&iso, days(14.0)), "iso, day 14");
    let ms = with_traits(&[("signed_up_at", TraitValue::Number(T0))]);
    assert!(check(&ms, days(14.0)), "ms, day 14");
    assert_eq!(
        decide(
            &c,
            &h,
            &User::default(),
            Page::default(),
            Trigger::Track("checkout"),
            days(99.0)
        ),
        Decision::Skip(Reason::NoSignupDate)
    );
}

#[test]
fn trait_filters_need_an_equal_value_or_one_of_a_list() {
    let mut filters = nps_protocol::Map::new();
    filters.insert(
        "plan".into(),
        TraitFilter::OneOf(vec![text("pro"), text("team")]),
    );
    filters.insert("admin".into(), TraitFilter::Equals(TraitValue::Bool(true)));
    let c = WidgetConfig {
        moments: vec![Moment {
            traits: Some(filters),
            ..moment("checkout")
        }],
        ..config()
    };
    let cases = [
        (
            vec![("plan", text("pro")), ("admin", TraitValue::Bool(true))],
            true,
            "both match",
        ),
        (
            vec![("plan", text("free")), ("admin", TraitValue::Bool(true))],
            false,
            "plan not listed",
        ),
        (vec![("plan", text("team"))], false, "admin missing"),
    ];
    for (traits, prompts, case) in cases {
        let d = decide(
            &c,
            &History::default(),
            &with_traits(&traits),
            Page::default(),
            Trigger::Track("checkout"),
            T0,
        );
        assert_eq!(prompted(&d), prompts, "{case}: {d:?}");
    }
}

#[test]
fn sampling_is_per_user_and_falls_back_to_the_anonymous_id() {
    let c = WidgetConfig {
        sampling_percent: 50.0,
        ..config()
    };
    let users: Vec<User> = (0..200)
        .map(|i| User {
            anon_id: Some(format!("anon-{i}")),
            ..User::default()
        })
        .collect();
    let decide_for = |u: &User| {
        prompted(&decide(
            &c,
            &History::default(),
            u,
            Page::default(),
            Trigger::Track("checkout"),
            T0,
        ))
    };
    let n = users.iter().filter(|u| decide_for(u)).count();
    assert!((60..140).contains(&n), "{n} of 200 at 50%");
    let none = WidgetConfig {
        sampling_percent: 0.0,
        ..config()
    };
    let d = decide(
        &none,
        &History::default(),
        &with_traits(&[]),
        Page::default(),
        Trigger::Track("checkout"),
        T0,
    );
    assert_eq!(d, Decision::Skip(Reason::NotSampled { percent: 0.0 }));
}

#[test]
fn quiet_after_holds_prompts_for_hours_after_the_event() {
    let c = WidgetConfig {
        quiet_after: vec![QuietPeriod {
            event: "support_contacted".into(),
            hours: 24,
        }],
        ..config()
    };
    let mut h = History::default();
    let u = User::default();
    h.record_occurrence("support_contacted", T0);
    assert!(!prompted(&track(
        &c,
        &mut h,
        &u,
        "checkout",
        T0 + 23.9 * 3_600_000.0
    )));
    assert!(prompted(&track(
        &c,
        &mut h,
        &u,
        "checkout",
        T0 + 24.0 * 3_600_000.0
    )));
}

#[test]
fn recent_date_traits_and_the_excluded_trait_exclude() {
    let c = WidgetConfig {
        exclude_if_recent: vec![RecentTrait {
            name: "churned_at".into(),
            days: 60,
        }],
        ..config()
    };
    let churned = with_traits(&[("churned_at", text("2026-01-01T00:00:00Z"))]);
    let check = |u: &User, now| {
        prompted(&decide(
            &c,
            &History::default(),
            u,
            Page::default(),
            Trigger::Track("checkout"),
            now,
        ))
    };
    assert!(!check(&churned, days(59.0)));
    assert!(check(&churned, days(60.0)));
    let excluded = with_traits(&[("excluded", TraitValue::Bool(true))]);
    assert_eq!(
        decide(
            &c,
            &History::default(),
            &excluded,
            Page::default(),
            Trigger::Track("checkout"),
            T0
        ),
        Decision::Skip(Reason::Excluded)
    );
}

#[test]
fn one_prompt_per_page_view_and_show_ignores_everything_but_an_open_prompt() {
    let h = shown_then(Outcome::Answered, T0);
    let shown = Page {
        shown: true,
        open: false,
    };
    let d = decide(
        &config(),
        &History::default(),
        &User::default(),
        shown,
        Trigger::Track("checkout"),
        T0,
    );
    assert_eq!(d, Decision::Skip(Reason::AlreadyShownThisPage));
    let d = decide(&config(), &h, &User::default(), shown, Trigger::Show, T0);
    assert_eq!(
        d,
        Decision::Prompt {
            moment: None,
            index: None,
            reason: Reason::Show
        }
    );
    let open = Page {
        shown: true,
        open: true,
    };
    assert_eq!(
        decide(&config(), &h, &User::default(), open, Trigger::Show, T0),
        Decision::Skip(Reason::AlreadyOpen)
    );
}

#[test]
fn the_highest_priority_eligible_moment_wins() {
    let c = WidgetConfig {
        moments: vec![
            Moment {
                priority: Some(1),
                ..moment("checkout")
            },
            Moment {
                priority: Some(5),
                min_count: Some(2),
                texts: Some(BTreeMap::new()),
                ..moment("checkout")
            },
        ],
        ..config()
    };
    // The high-priority moment needs 2 occurrences: until then the other
    // one wins.
    assert_eq!(winner(&c, 1), Some(0));
    assert_eq!(winner(&c, 2), Some(1));
}

#[test]
fn every_reason_reads_as_a_sentence() {
    let r = Reason::Cooldown {
        after: Outcome::Declined,
        days_since: 12.4,
        needs: 30,
    };
    assert_eq!(
        r.sentence(),
        "cooldown: last shown 12 days ago, needs 30 (declined)"
    );
}
