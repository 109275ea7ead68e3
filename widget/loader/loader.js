// widget.js: the loader of the NPS widget.
//
// The host page's snippet defines a stub `nps()` that queues its calls in
// `nps.q`. This file (built by widget/build.sh, which pastes the core's
// wasm-bindgen `no-modules` glue where marked and the content-hashed file
// names) loads the core wasm from the collector that served it, replays the
// queue in order, then replaces the stub with a function that forwards to
// the widget. Everything stays inside this IIFE: the glue's `wasm_bindgen`
// never becomes a global, and no error ever reaches the host page.
//
// The prompt's UI is a second wasm module with an ES-module glue, imported
// only when the core asks for it through `ui(now, code)`: `ui(true, code)`
// when a prompt is due (a promise of the module, given the texts of
// language `code`, fetched alongside unless it is English), `ui(false)` when one may come on
// this page, or answers an earlier page left unsent are waiting in the
// outbox, whose delivery the module holds (fetched when the page is idle, at
// low priority). A waiting notice is a third module, notice.js, imported
// only to show one.
(function () {
  'use strict';

  var w = window;
  var d = document;
  // Only valid while this script first runs, so capture it now.
  var current = d.currentScript;
  var src = (current && current.src) || scriptByName();

  function scriptByName() {
    var s = d.querySelector('script[src*="widget.js"]');
    return s ? s.src : '';
  }

  function warn(message, error) {
    try {
      console.warn('[nps] ' + message, error);
    } catch (_) {
      // A console that throws is not worth breaking the page for.
    }
  }

  // Without the snippet, install the same queueing stub it would have.
  if (typeof w.nps !== 'function') {
    w.nps = function () {
      (w.nps.q = w.nps.q || []).push(arguments);
    };
  }
  var stub = w.nps;
  // Loaded twice (two snippets, a re-rendered tag): the first copy wins.
  if (stub.loaded) return;
  stub.loaded = true;
  if (!src) return warn('cannot tell where widget.js was loaded from', d.currentScript);

  /* @@WASM_BINDGEN_GLUE@@ */

  function domReady() {
    return new Promise(function (done) {
      if (d.readyState !== 'loading') done();
      else d.addEventListener('DOMContentLoaded', function () { done(); }, { once: true });
    });
  }

  var uiLoading = null;
  function loadUi(priority) {
    if (!uiLoading) {
      uiLoading = import(new URL('widget/@@UI_JS@@', src).href).then(function (ui) {
        var wasm = fetch(new URL('widget/@@UI_WASM@@', src), { priority: priority, credentials: 'omit' });
        return ui.default(wasm).then(function () {
          // The core shows a waiting notice with `outbox.notice(event)`;
          // its code is a module of its own (notice.js), fetched only then.
          ui.Outbox.prototype.notice = function (event) {
            var outbox = this;
            import(new URL('widget/@@NOTICE_JS@@', src).href).then(function (notice) {
              notice.default(ui, outbox, event);
            }, warn);
          };
          return ui;
        });
      });
      // A failed load may be retried by the next prompt.
      uiLoading.catch(function () {
        uiLoading = null;
      });
    }
    return uiLoading;
  }

  // `ui(false)`'s promise never rejects: a failed prefetch is only logged.
  // `ui(true, code)` also gives the module language `code`'s texts, a file
  // fetched beside it (once per page) unless English, the module's own.
  var langs = {};
  function ui(now, code) {
    if (now)
      return Promise.all([
        loadUi('high'),
        code != 'en' &&
          (langs[code] = langs[code] || fetch(new URL('widget/lang-@@LANG_HASH@@-' + code + '.json', src), { credentials: 'omit' })),
      ]).then(function (got) {
        // Throws on a failed fetch or an incomplete file: no prompt then,
        // rather than one in a language the answer would not record.
        return got[1] ? got[1].clone().json().then(function (texts) {
          got[0].texts(code, texts);
          return got[0];
        }) : got[0];
      });
    return new Promise(function (done) {
      (w.requestIdleCallback || setTimeout)(function () {
        done(
          loadUi('low').catch(function (error) {
            warn('could not prefetch the prompt', error);
          })
        );
      });
    });
  }

  function start() {
    var widget = new wasm_bindgen.Widget(new URL(src).origin, ui);
    function run(args) {
      try {
        widget.command(Array.prototype.slice.call(args));
      } catch (error) {
        warn('command failed', error);
      }
    }
    function nps() {
      run(arguments);
    }
    nps.loaded = true;
    // Code that still holds the stub calls `window.nps.q.push(arguments)`:
    // keep that working by running such calls at once.
    nps.q = {
      push: function () {
        for (var i = 0; i < arguments.length; i++) run(arguments[i]);
      },
    };
    // Replay in order. A listener may call `nps()` during the replay; the
    // stub appends to the same queue, so those calls run in order too.
    var queue = (stub.q = stub.q || []);
    for (var i = 0; i < queue.length; i++) run(queue[i]);
    w.nps = nps;
  }

  // The glue's one way of loading (see trim-glue.mjs): the wasm's address.
  wasm_bindgen(new URL('widget/@@WASM_FILE@@', src))
    .then(domReady)
    .then(start)
    .catch(function (error) {
      // A Content-Security-Policy without 'wasm-unsafe-eval' in script-src
      // refuses to compile the wasm, and the browser's CompileError speaks
      // of 'unsafe-eval', a directive no page should add: name the right
      // one, once here and again on `debug()`, since no widget runs to
      // answer it.
      var why =
        'could not start the widget' +
        (/unsafe-eval/.test(error) ? ": the page's Content-Security-Policy needs 'wasm-unsafe-eval' in script-src" : '');
      warn(why, error);
      w.nps = function (command) {
        if (command == 'debug') warn(why);
      };
      w.nps.loaded = true;
    });
})();
