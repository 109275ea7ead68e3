//! Carrying out the machine's effects, one browser call each.

use gloo_timers::callback::Timeout;
use js_sys::Function;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::Controller;
use crate::browser::encode;
use crate::browser::promise::{settle, soon};
use crate::browser::{history, log, storage, ui, uuid};
use crate::events::{detail, dispatch, nullable, NoticeKind};
use crate::machine::{Effect, Event, Level, Notice, UiEvent, UiProps};
use crate::rules::outbox::Request;

impl Controller {
    pub(super) fn run(&self, effect: Effect) {
        match effect {
            Effect::FetchConfig(gen) => self.fetch_config(gen),
            Effect::FetchRemote(gen) => self.fetch_remote(gen),
            Effect::Timer(timer, ms) => {
                let me = self.me.clone();
                Timeout::new(ms, move || {
                    if let Some(me) = me.upgrade() {
                        me.input(Event::Fired(timer));
                    }
                })
                .forget();
            }
            Effect::SaveHistory(h) => {
                if let Some(key) = self.key() {
                    history::save(&key, &h);
                }
            }
            Effect::SaveAnonId(id) => {
                if let Some(key) = self.key() {
                    storage::set(&storage::item_key(&key, "anon"), &id);
                }
            }
            Effect::Clear(project) => Self::clear(project.as_deref()),
            Effect::ForgetDropped => self.forget_dropped(),
            Effect::Lock(gen) => self.lock(gen),
            Effect::Release(gen) => {
                let held = {
                    let mut r = self.runner.borrow_mut();
                    let i = r.held.iter().position(|(g, _)| *g == gen);
                    i.map(|i| r.held.swap_remove(i).1)
                };
                if let Some(release) = held {
                    let _ = release.call0(&JsValue::UNDEFINED);
                }
            }
            Effect::LoadUi(gen, locale) => self.load_ui(gen, locale.code()),
            Effect::Prefetch => {
                let ui = self.runner.borrow().ui.clone();
                let _ = ui.prefetch();
            }
            Effect::ShowNotice(event, locale) => {
                // The module's outbox shows it: `notice(event)`, the event
                // carrying the page's language (see `widget/loader/notice.js`). Loaded
                // with that language's texts even if already loaded.
                let event = encode::event(&event);
                encode::set(&event, "locale", &locale.code().into());
                let ui = self.runner.borrow().ui.clone();
                let loading = ui.load(locale.code()).map(JsValue::from);
                self.when_loaded(&loading.unwrap_or_default(), "notice", event.into());
            }
            Effect::Mount(props) => self.mount(&props),
            Effect::Update(props) => {
                let handle = self
                    .runner
                    .borrow()
                    .mounted
                    .as_ref()
                    .map(ui::Mounted::handle);
                if let Some(handle) = handle {
                    let config = self.runner.borrow().config_json.clone();
                    ui::call(&handle, "update", Some(&ui::props(&props, config)));
                }
            }
            Effect::Unmount => {
                let mounted = self.runner.borrow_mut().mounted.take();
                // Deferred: this often runs inside one of the prompt's own
                // callbacks.
                if let Some(m) = mounted {
                    soon(Box::new(move || m.unmount()));
                }
            }
            Effect::Enqueue(request) => self.enqueue(&request),
            Effect::Record(mut event) => {
                event.id = uuid::new_id();
                self.enqueue(&Request::Event(event));
            }
            Effect::Flush(how) => self.flush(how),
            Effect::Notify(notice) => self.notify(notice),
            Effect::Log(level, text) => match level {
                Level::Debug => log::debug(&text),
                Level::Info => log::info(&text),
                Level::Warn => log::warn(&text),
            },
            Effect::Listen => self.hook_page_events(),
            Effect::WatchInput(on) => self.runner.borrow_mut().input.watch(on),
        }
    }

    /// Takes the cross-tab lock for opening `gen` through the loaded ui
    /// module (`nps-widget-lazy`'s `prompt_lock`): its `lock(key)` is a promise of the
    /// function that releases it, or of `null` if another tab holds it.
    fn lock(&self, gen: u32) {
        let module = self.runner.borrow().module.clone();
        let taking = module
            .zip(self.key())
            .and_then(|(m, key)| ui::method(&m, "lock")?.call1(&m, &key.into()).ok())
            .unwrap_or_default();
        let me = self.me.clone();
        settle(
            &taking,
            Box::new(move |lock| {
                let Some(me) = me.upgrade() else { return };
                let release = match lock {
                    Ok(l) => l.dyn_into::<Function>().ok(),
                    Err(e) => {
                        log::warn_with("could not take the cross-tab lock", &e);
                        None
                    }
                };
                let got = release.is_some();
                if let Some(f) = release {
                    me.runner.borrow_mut().held.push((gen, f));
                }
                me.input(Event::Locked(gen, got));
            }),
        );
    }

    /// Loads the ui module with the texts of `locale`, then tells the
    /// machine it is ready with the response's id and secret.
    /// Once loaded, the module is used at once: a prompt shown again
    /// (`show()` after `reset()`) mounts in the lock's own callback rather
    /// than a microtask later.
    fn load_ui(&self, gen: u32, locale: &'static str) {
        let (ui, loaded) = {
            let r = self.runner.borrow();
            let same = r.module_lang == Some(locale);
            (r.ui.clone(), r.module.clone().filter(|_| same))
        };
        if let Some(module) = loaded {
            return self.ui_loaded(gen, locale, Ok(module));
        }
        let loading = ui.load(locale).map(JsValue::from).unwrap_or_default();
        let me = self.me.clone();
        settle(
            &loading,
            Box::new(move |module| {
                if let Some(me) = me.upgrade() {
                    me.ui_loaded(gen, locale, module);
                }
            }),
        );
    }

    fn ui_loaded(&self, gen: u32, locale: &'static str, module: Result<JsValue, JsValue>) {
        let module = match module {
            Ok(m) => m,
            Err(e) => {
                log::warn_with("could not load the prompt", &e);
                return self.input(Event::UiFailed(gen));
            }
        };
        {
            let mut r = self.runner.borrow_mut();
            r.module = Some(module);
            r.module_lang = Some(locale);
        }
        self.input(Event::UiReady {
            gen,
            id: uuid::new_id(),
            secret: uuid::new_secret(),
        });
    }

    /// Puts the prompt on the page.
    fn mount(&self, props: &UiProps) {
        let (module, config) = {
            let r = self.runner.borrow();
            (r.module.clone(), r.config_json.clone())
        };
        let me = self.me.clone();
        let on_event = Closure::new(move |kind: JsValue, value: JsValue| {
            let event = match kind.as_string().as_deref() {
                Some("pick") => value
                    .as_f64()
                    .filter(|s| (0.0..=10.0).contains(s))
                    .map(|s| UiEvent::Pick(s as u8)),
                Some("send") => Some(UiEvent::Send(value.as_string().unwrap_or_default())),
                Some("close") => Some(UiEvent::Close),
                Some("later") => Some(UiEvent::Later),
                Some("never") => Some(UiEvent::Never),
                _ => None,
            };
            if let (Some(me), Some(event)) = (me.upgrade(), event) {
                me.input(Event::Ui(event));
            }
        });
        let mounted = module
            .ok_or_else(|| JsValue::from_str("no ui module"))
            .and_then(|m| ui::mount(&m, &ui::props(props, config), on_event));
        match mounted {
            Ok(m) => self.runner.borrow_mut().mounted = Some(m),
            Err(e) => {
                log::warn_with("could not show the prompt", &e);
                let gen = self
                    .with_state(|s| s.prompt.as_ref().map(|p| p.gen))
                    .flatten();
                if let Some(gen) = gen {
                    self.input(Event::UiFailed(gen));
                }
            }
        }
    }

    fn notify(&self, notice: Notice) {
        let (kind, d) = match notice {
            Notice::Shown(moment) => (NoticeKind::Shown, detail(&[("moment", nullable(moment))])),
            Notice::Answered(score, comment) => (
                NoticeKind::Answered,
                detail(&[("score", score.into()), ("comment", nullable(comment))]),
            ),
            Notice::Dismissed(moment, score) => (
                NoticeKind::Dismissed,
                detail(&[("moment", nullable(moment)), ("score", nullable(score))]),
            ),
        };
        let listeners = self.runner.borrow().listeners.of(kind);
        dispatch(&listeners, &d);
    }
}
