// Wiring for the demo page: buttons call the widget's public API, and the
// widget's callbacks are written to the "Widget events" log.
//
// Loaded synchronously right after the snippet, before the widget itself, so
// the `on` listeners below sit in the queue ahead of any prompt. Every call
// goes through `window.nps` at call time because the widget replaces the
// queueing stub once it has loaded.
(function () {
  'use strict';

  /** Every callback received, in order; the end-to-end tests read it. */
  var received = (window.demoEvents = []);
  var pending = [];

  function call() {
    window.nps.apply(window, arguments);
  }

  function describe(value) {
    if (value === undefined) return '';
    try {
      return JSON.stringify(value);
    } catch (_) {
      return String(value);
    }
  }

  function append(kind, label, detail) {
    var log = document.getElementById('event-log');
    if (!log) {
      pending.push([kind, label, detail]);
      return;
    }
    var item = document.createElement('li');
    item.className = kind;
    if (kind === 'event') item.dataset.event = label;
    var time = document.createElement('time');
    var now = new Date();
    time.dateTime = now.toISOString();
    time.textContent = now.toLocaleTimeString();
    var name = document.createElement('strong');
    name.textContent = kind === 'call' ? '→ ' + label : label;
    name.title = name.textContent;
    item.append(time, ' ', name);
    if (detail) {
      var data = document.createElement('code');
      data.textContent = detail;
      item.append(' ', data);
    }
    log.prepend(item);
    document.getElementById('log-empty').hidden = true;
  }

  ['shown', 'answered', 'dismissed'].forEach(function (event) {
    call('on', event, function (detail) {
      received.push({ event: event, detail: detail });
      append('event', event, describe(detail));
    });
  });

  function whenReady() {
    pending.splice(0).forEach(function (args) {
      append.apply(null, args);
    });

    document.querySelectorAll('[data-track]').forEach(function (button) {
      button.addEventListener('click', function () {
        var moment = button.dataset.track;
        call('track', moment);
        append('call', "track('" + moment + "')");
        if (moment === 'plan_upgraded') document.getElementById('plan-name').textContent = 'Pro';
      });
    });

    document.getElementById('ask').addEventListener('click', function () {
      call('show');
      append('call', 'show()');
    });

    document.getElementById('logout').addEventListener('click', function () {
      call('reset');
      append('call', 'reset()');
      document.getElementById('who').textContent = 'Not signed in';
    });

    document.getElementById('signin').addEventListener('submit', function (event) {
      event.preventDefault();
      var form = event.currentTarget;
      var user = form.elements.user.value.trim();
      if (!user) return;
      var traits = { plan: form.elements.plan.value, locale: form.elements.locale.value };
      call('identify', user, traits);
      append('call', "identify('" + user + "')", describe(traits));
      document.getElementById('who').textContent = 'Signed in as ' + user;
    });

    document.getElementById('clear-log').addEventListener('click', function () {
      document.getElementById('event-log').replaceChildren();
      document.getElementById('log-empty').hidden = false;
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', whenReady);
  } else {
    whenReady();
  }
})();
