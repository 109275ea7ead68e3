// notice.js: the notice ("You asked, we delivered"), an ES module of its
// own (`notice-<hash>.js`, built by widget/build.sh) that the loader
// imports only to show one: never with a first view, nor with a prompt.
//
// The core learns from the eligibility read that a notice waits and, on a
// page view without a prompt, calls the lazy module's `outbox.notice(event)`
// (the loader's method, see loader.js) with the `notice_seen` event to fill
// in (who, in which project) and the page's `locale`. This takes the
// cross-tab lock (no tab shows a notice while another shows a notice or a
// prompt), reads the notices afresh in that language (another tab or device
// may have just seen one), skips those this browser already showed, and
// records the one it shows: in `localStorage` at once (`nps:<key>:notices`,
// ids separated by spaces), and as the `notice_seen` event queued in the
// outbox, after which the collector no longer returns it anywhere.
//
// A small non-modal dialog in the project's look (theme, corner and brand
// colour, as the prompt has them), named by its heading (`Texts::notice_heading`),
// with the announcement (a link to its page, if it has one) and Close
// (`Texts::close`), in the page's language, in `<div data-nps-notice>` at
// the end of `<body>` (an open shadow root with the prompt's stylesheet:
// the lazy module's `notice_frame`). Plain DOM calls in JavaScript: the
// same dialog in the lazy module's Rust cost every prompt 3 KB brotli. It
// takes no focus: the reader is in the middle of something. Close (or
// Escape) removes it and releases the lock.

/** Shows the first notice waiting for `event`'s user, if any, with the
 * lazy module `ui` and its `outbox`. */
export default function (ui, outbox, event) {
  var key = event.key;
  var host = outbox.host()(); // the core's answer: where answers go now
  var q = encodeURIComponent;
  if (!str(key) || !str(event.user_id) || !str(event.user_hash) || !host) return;
  var base = host.replace(/\/+$/, '') + '/api/v1/';
  var url =
    base +
    'eligibility?key=' + q(key) +
    '&user_id=' + q(event.user_id) +
    '&user_hash=' + q(event.user_hash) +
    '&locale=' + q(event.locale || '');
  ui.lock(key).then(function (release) {
    if (!release) return; // another tab shows something
    // The project's look, from the config the core read (the browser's
    // cache answers it); without it, the default look.
    var look = fetch(base + 'config?key=' + q(key), { credentials: 'omit' })
      .then(function (r) {
        return r.ok ? r.json() : null;
      })
      .then(function (config) {
        return (config && config.appearance) || {};
      })
      .catch(function () {
        return {};
      });
    fetch(url, { credentials: 'omit' })
      .then(function (r) {
        if (!r.ok) throw r.status;
        return Promise.all([r.json(), look]);
      })
      .then(function (both) {
        var json = both[0];
        var seenKey = 'nps:' + key + ':notices';
        var seen = stored(seenKey) || '';
        var ids = seen.split(' ');
        var list = json && Array.isArray(json.notices) ? json.notices : [];
        var n = list.find(function (n) {
          return n && str(n.id) && str(n.text) && ids.indexOf(n.id) < 0;
        });
        if (!n) return release();
        store(seenKey, seen + ' ' + n.id);
        event.id = uuid();
        event.notice = n.id;
        outbox.enqueue({ event: event });
        show(ui, n, event.locale, both[1], release);
      })
      .catch(function () {
        release();
      });
  });
}

function str(v) {
  return typeof v == 'string';
}

// Storage can be missing or throw (privacy modes, a full quota): the
// notice then only goes unremembered in this browser.
function stored(key) {
  try {
    return localStorage.getItem(key);
  } catch (_) {
    return null;
  }
}

function store(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch (error) {
    console.warn('[nps] could not write localStorage', error);
  }
}

/** A time-ordered UUID (v7), as the core makes them (`rules::ids`). */
function uuid() {
  var b = crypto.getRandomValues(new Uint8Array(16));
  for (var i = 5, t = Date.now(); i >= 0; i--, t = Math.floor(t / 256)) b[i] = t % 256;
  b[6] = (b[6] & 15) | 112;
  b[8] = (b[8] & 63) | 128;
  var hex = Array.from(b, function (x) {
    return (x + 256).toString(16).slice(1);
  }).join('');
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
}

/** The prompt's classes and brand colour for the notice's card, as
 * `ui/src/look.rs` gives them to the prompt: a theme, a corner (swapped
 * right to left), and only a plain hex colour. */
function dress(card, look, rtl) {
  var theme = look.theme == 'dark' || look.theme == 'auto' ? ' ' + look.theme : '';
  var corner = look.position == 'center' ? ' center' : (look.position == 'bottom-left') != rtl ? ' left' : '';
  card.className = 'card' + theme + corner;
  if (/^#([0-9a-f]{3}){1,2}$/i.test(look.brand_color || '')) card.style.setProperty('--nps-brand', look.brand_color);
}

function show(ui, n, locale, look, release) {
  var d = document;
  var host = d.createElement('div');
  host.setAttribute('data-nps-notice', '');
  // [the element to render into, the heading, Close, lang, dir]
  var frame = ui.notice_frame(host, locale || '');
  function add(parent, tag, className, text) {
    var e = d.createElement(tag);
    e.className = className;
    e.textContent = text;
    parent.appendChild(e);
    return e;
  }
  var card = add(frame[0], 'div', 'card', '');
  card.setAttribute('role', 'dialog');
  card.setAttribute('aria-labelledby', 'nps-n');
  card.setAttribute('lang', frame[3]);
  card.setAttribute('dir', frame[4]);
  dress(card, look, frame[4] == 'rtl');
  add(card, 'p', 'q', frame[1]).id = 'nps-n';
  var said = add(card, 'p', 'said', '');
  // The announcement itself is the link: no "Read more" to translate.
  var link = str(n.link) && /^https?:\/\//.test(n.link) ? n.link : '';
  if (link) {
    var a = add(said, 'a', '', n.text);
    a.href = link;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
  } else said.textContent = n.text;
  var close = add(add(card, 'div', 'actions', ''), 'button', 'send', frame[2]);
  close.type = 'button';
  function done(e) {
    if (e.type == 'click' || e.key == 'Escape') {
      host.remove();
      release();
    }
  }
  close.addEventListener('click', done);
  card.addEventListener('keydown', done);
  d.body.appendChild(host);
}
