// Imports the installed package in plain Node, as a server-side rendering
// would (no window, no document), calls every command, and prints what it
// saw as JSON. Run in its own process, from the app's folder.
import nps, * as named from '@nps/widget';

const calls = [
  () => named.init({ key: 'acme', host: 'https://nps.example.com' }),
  () => named.identify('user-42', { plan: 'pro' }, { signature: 'ab' }),
  () => named.track('onboarding_completed'),
  () => named.show(),
  () => named.reset(),
  () => named.consent(true),
  () => named.debug(),
  () => named.on('shown', () => {}),
];
const results = calls.map((call) => typeof call());
const stop = named.on('answered', () => {});
stop();

console.log(JSON.stringify({
  named: Object.keys(named).sort(),
  defaultMethods: Object.keys(nps).sort(),
  sameFunctions: Object.keys(nps).every((name) => nps[name] === named[name]),
  defaultFrozen: Object.isFrozen(nps),
  results,
  window: typeof globalThis.window,
  document: typeof globalThis.document,
}));
