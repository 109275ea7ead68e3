// A bundler app using @nps/widget, as a customer would write it: the
// package's own types check it (tsc --noEmit --strict), esbuild bundles it,
// and tests/npm-package/package.test.mjs drives the page in Chromium.
import nps, { consent, debug, identify, init, on, reset, show, track } from '@nps/widget';
import type { InitOptions, NpsEvent, NpsEvents, Traits } from '@nps/widget';

/** What the page hands the app: the project, the collector, the user. */
interface Setup {
  key: string;
  host: string;
  userId: string;
  signature: string;
}

/** One event as a listener heard it. */
type Heard = { [E in NpsEvent]: { event: E; detail: NpsEvents[E] } }[NpsEvent];

declare global {
  interface Window {
    /** Every event the listeners heard, in order, for the test to read. */
    heard: Heard[];
    /** Calls of a listener removed at once: must stay 0. */
    removedCalls: number;
  }
}

const setup: Setup = JSON.parse(document.getElementById('setup')?.textContent ?? '{}');
window.heard = [];
window.removedCalls = 0;

const options: InitOptions = { key: setup.key, host: setup.host, consent: false };
// Twice, as React's StrictMode runs an effect twice in development: one
// widget.js, one configuration read.
init(options);
init({ ...options });
debug();

const traits: Traits = { plan: 'pro', seats: 3, admin: true };
identify(setup.userId, traits, { signature: setup.signature });

on('shown', (detail) => {
  window.heard.push({ event: 'shown', detail });
});
on('answered', (detail) => {
  window.heard.push({ event: 'answered', detail });
});
nps.on('dismissed', (detail) => {
  window.heard.push({ event: 'dismissed', detail });
});
// A listener removed at once hears nothing.
const stop = on('shown', () => {
  window.removedCalls += 1;
});
stop();

function button(name: string, action: () => void): void {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = name;
  b.addEventListener('click', action);
  document.body.append(b);
}

button('Accept cookies', () => consent(true));
button('Finish onboarding', () => track('onboarding_completed', { step: 3 }));
button('Ask me now', () => show());
button('Log out', () => reset());
