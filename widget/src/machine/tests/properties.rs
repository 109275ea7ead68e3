//! Properties over arbitrary sequences of commands, user actions,
//! deliveries of what is in flight, and time.

use proptest::prelude::*;

use super::*;

/// One thing that may happen to the page.
#[derive(Debug, Clone)]
pub(super) enum Op {
    Track(bool),
    Show,
    Reset,
    Pick(u8),
    Send,
    Close,
    Later,
    Never,
    Identify(bool),
    Hidden,
    Navigate,
    OtherTabLock(bool),
    Deliver(usize),
    Wait(u16),
}

pub(super) fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => any::<bool>().prop_map(Op::Track),
        1 => Just(Op::Show),
        1 => Just(Op::Reset),
        2 => (0u8..=10).prop_map(Op::Pick),
        1 => Just(Op::Send),
        1 => Just(Op::Close),
        1 => Just(Op::Later),
        1 => Just(Op::Never),
        1 => any::<bool>().prop_map(Op::Identify),
        1 => Just(Op::Hidden),
        1 => Just(Op::Navigate),
        1 => any::<bool>().prop_map(Op::OtherTabLock),
        4 => (0usize..4).prop_map(Op::Deliver),
        3 => (0u16..8_000).prop_map(Op::Wait),
    ]
}

/// Effects allowed for something arriving after `reset()` that was in
/// flight before it: delivering queued answers, releasing a lock, logging.
fn harmless(e: &Effect) -> bool {
    matches!(e, Effect::Flush(_) | Effect::Release(_) | Effect::Log(..))
}

impl Sim {
    pub(super) fn apply(&mut self, op: &Op) -> Vec<Effect> {
        match op {
            Op::Track(known) => {
                let moment = if *known { "checkout" } else { "search" };
                self.feed(Event::Track(moment.into()))
            }
            Op::Show => self.feed(Event::Show),
            Op::Reset => self.feed(Event::Reset),
            Op::Pick(n) => self.feed(Event::Ui(UiEvent::Pick(*n))),
            Op::Send => self.feed(Event::Ui(UiEvent::Send("ok".into()))),
            Op::Close => self.feed(Event::Ui(UiEvent::Close)),
            Op::Later => self.feed(Event::Ui(UiEvent::Later)),
            Op::Never => self.feed(Event::Ui(UiEvent::Never)),
            Op::Identify(signed) => self.feed(Event::Identify {
                user_id: Some("u1".into()),
                traits: Traits::new(),
                signature: signed.then(|| "c0ffee".into()),
            }),
            Op::Hidden => self.feed(Event::Hidden),
            Op::Navigate => {
                let here = self.world.href.take().unwrap_or_default();
                self.world.href = Some(format!("{here}/next"));
                Vec::new()
            }
            Op::OtherTabLock(taken) => {
                self.lock_taken_elsewhere = *taken;
                Vec::new()
            }
            Op::Deliver(i) => {
                let async_ones: Vec<usize> = (0..self.pending.len())
                    .filter(|&k| !matches!(self.pending[k], Pending::Timer(..)))
                    .collect();
                match async_ones.get(i % async_ones.len().max(1)) {
                    Some(&k) => self.deliver(k),
                    None => Vec::new(),
                }
            }
            Op::Wait(ms) => {
                let before = self.log.len();
                self.advance(f64::from(*ms));
                self.log[before..].to_vec()
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Two tabs sharing one Web Lock never have a prompt on screen at the
    /// same time, whatever each does and in whatever order what is in
    /// flight arrives (the ui module first, then the lock).
    #[test]
    fn two_tabs_never_both_show_a_prompt(delay in prop::option::of(1u32..4), ops in prop::collection::vec((any::<bool>(), op()), 1..80)) {
        let lock = SharedLock::default();
        let mut tabs = [Sim::started(config(delay)), Sim::started(config(delay))];
        for (i, tab) in tabs.iter_mut().enumerate() {
            tab.shared_lock = Some((lock.clone(), i as u8));
        }
        for (second, op) in &ops {
            // The shared lock stands in for another tab's: no flag.
            if matches!(op, Op::OtherTabLock(_)) {
                continue;
            }
            tabs[usize::from(*second)].apply(op);
            prop_assert!(!(tabs[0].mounted && tabs[1].mounted), "both tabs show a prompt after {op:?}");
        }
    }

    /// Whatever happens, at most one prompt is on screen, and `track`
    /// prompts at most once per page view (`reset()` starts a new one).
    #[test]
    fn at_most_one_prompt_per_page_view(delay in prop::option::of(1u32..4), ops in prop::collection::vec(op(), 1..60)) {
        let mut sim = Sim::started(config(delay));
        let mut tracked = 0;
        for op in &ops {
            if matches!(op, Op::Reset) {
                tracked = 0;
            }
            let was_mounted = sim.mounted;
            let effects = sim.apply(op);
            for e in &effects {
                if let Effect::Mount(_) = e {
                    prop_assert!(!was_mounted, "a second prompt over the first after {op:?}");
                    if sim.state.prompt.as_ref().is_some_and(|p| p.moment.is_some()) {
                        tracked += 1;
                    }
                }
            }
            prop_assert!(tracked <= 1, "two tracked prompts on one page view");
        }
    }

    /// After `reset()`, what was in flight before it (timers, the lock, the
    /// ui module, fetches) has no effect but delivering queued answers.
    #[test]
    fn nothing_from_before_reset_has_an_effect_after_it(delay in prop::option::of(1u32..4), ops in prop::collection::vec(op(), 1..40)) {
        let mut sim = Sim::started(config(delay));
        for op in &ops {
            sim.apply(op);
        }
        sim.feed(Event::Reset);
        sim.mounted = false;
        // Only what was in flight before the reset arrives now.
        while !sim.pending.is_empty() {
            let effects = sim.deliver(0);
            for e in &effects {
                prop_assert!(harmless(e), "{e:?} after reset");
            }
        }
    }

    /// A delayed prompt never shows on another page address than its
    /// `track`'s, nor after the page was hidden.
    #[test]
    fn every_delay_is_cancelled_by_navigation(ops in prop::collection::vec(op(), 0..30), wait in 0u16..3_000) {
        let mut sim = Sim::started(config(Some(3)));
        for op in &ops {
            sim.apply(op);
        }
        sim.feed(Event::Reset);
        sim.settle();
        sim.pending.clear();
        let mark = sim.log.len();
        let first = sim.feed(Event::Track("checkout".into()));
        prop_assume!(first.iter().any(|e| matches!(e, Effect::Timer(Timer::Delay(_), _))));
        sim.advance(f64::from(wait));
        sim.apply(&Op::Navigate);
        sim.advance(3_000.0);
        prop_assert!(!sim.log[mark..].iter().any(|e| matches!(e, Effect::LoadUi(..) | Effect::Lock(_) | Effect::Mount(_))),
            "a delayed prompt went on after navigation");
    }
}
