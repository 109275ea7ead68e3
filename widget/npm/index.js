// @nps/widget: the NPS widget's commands as typed ES module functions, for
// apps built with a bundler.
//
// It does not contain the widget. `init` adds the collector's own
// `widget.js` to the page, once, so the wasm stays served, cached and
// versioned by the collector, exactly as with the script tag. Until that
// script has loaded, every call goes into the queue the README's snippet
// defines (`window.nps.q`), which `widget.js` replays in order and then
// replaces with the widget itself; the functions below always call
// whatever `window.nps` is at that moment.
//
// Nothing runs at import: `window` and `document` are touched only by a
// call made in a browser, so importing this during server-side rendering is
// safe, and every call made there does nothing.

const EVENTS = ['shown', 'answered', 'dismissed'];

/** Whether this is a browser page (not a server rendering, not a worker). */
function inBrowser() {
  return typeof window !== 'undefined' && typeof document !== 'undefined';
}

function warn(message, detail) {
  try {
    console.warn('[nps] ' + message, detail);
  } catch (_) {
    // A console that throws is not worth breaking the page for.
  }
}

/**
 * `window.nps`: the widget once loaded, else the snippet's queueing stub,
 * installed here when the page has neither.
 */
function widget() {
  const w = window;
  if (typeof w.nps !== 'function') {
    w.nps = function () {
      (w.nps.q = w.nps.q || []).push(arguments);
    };
  }
  return w.nps;
}

/** Runs `nps(name, ...args)` in a browser; does nothing elsewhere. */
function command(name, ...args) {
  if (!inBrowser()) return;
  widget()(name, ...args);
}

// The address of the widget.js this module added, while it loads or once
// loaded; `null` lets a later `init` try again after a failed load.
let added = null;
// The options of the last `init`, to skip the same `init` made again (React
// runs effects twice in development).
let initialised = null;

/** Adds `<script async src="{src}">` to the page, once. */
function addScript(src, nonce) {
  if (added) {
    if (added !== src) warn('widget.js is already loaded from ' + added + '; ignoring', src);
    return;
  }
  // widget.js is on the page already (the script tag as well): a second
  // copy would do nothing (the first copy wins), so do not fetch it.
  if (typeof window.nps === 'function' && window.nps.loaded) {
    added = src;
    return;
  }
  added = src;
  const script = document.createElement('script');
  script.async = true;
  script.src = src;
  if (nonce) script.nonce = nonce;
  script.onerror = function () {
    added = null;
    initialised = null;
    script.remove();
    warn('could not load ' + src + '; calls stay queued until an init loads it', undefined);
  };
  (document.head || document.documentElement).appendChild(script);
}

/**
 * `nps('init', options)`, after adding `{host}/widget.js` (or `src`) to the
 * page once.
 */
export function init(options) {
  if (!inBrowser()) return;
  if (!options || typeof options.host !== 'string' || options.host === '') {
    return warn("init needs {key: 'PUBLIC_KEY', host: 'https://your-collector'}", options);
  }
  const { src, nonce, ...forwarded } = options;
  const same = JSON.stringify(forwarded);
  if (same === initialised) return;
  initialised = same;
  // The widget trims a trailing slash from `host` too, so a collector
  // behind a path prefix (`https://example.com/nps`) works as with the tag.
  const base = forwarded.host.replace(/\/+$/, '');
  command('init', forwarded);
  addScript(new URL(src || base + '/widget.js', document.baseURI).href, nonce);
}

/** `nps('identify', userId, traits, options)`. */
export function identify(userId, traits, options) {
  command('identify', userId, traits, options);
}

/** `nps('track', moment, props)`. */
export function track(moment, props) {
  command('track', moment, props);
}

/** `nps('show')`. */
export function show() {
  command('show');
}

/** `nps('reset')`. */
export function reset() {
  command('reset');
}

/** `nps('consent', given)`. */
export function consent(given) {
  command('consent', given);
}

/** `nps('debug')`. */
export function debug() {
  command('debug');
}

// This module's listeners per event. The widget has no way to remove a
// listener, so each event gets one listener of this module's, registered
// with the widget on the first `on` for it, and `on` returns a function
// that removes the caller's listener here (a React effect's cleanup).
const listeners = new Map();

function dispatch(event, detail) {
  // A copy: a listener may add or remove listeners.
  for (const listener of [...listeners.get(event)]) {
    try {
      listener(detail);
    } catch (error) {
      warn("an nps('on') listener threw", error);
    }
  }
}

/**
 * `nps('on', event, listener)`; returns a function that removes `listener`.
 */
export function on(event, listener) {
  if (!inBrowser()) return function () {};
  if (!EVENTS.includes(event) || typeof listener !== 'function') {
    // The widget says what it expected.
    command('on', event, listener);
    return function () {};
  }
  if (!listeners.has(event)) {
    listeners.set(event, new Set());
    command('on', event, (detail) => dispatch(event, detail));
  }
  // Wrapped, so that the same function added twice is called twice, as the
  // widget would, and each call's remover removes its own.
  const own = (detail) => listener(detail);
  listeners.get(event).add(own);
  return function () {
    listeners.get(event).delete(own);
  };
}

/** Every command as one object: `import nps from '@nps/widget'`. */
const nps = Object.freeze({ init, identify, track, show, reset, on, consent, debug });
export default nps;
