// Two tabs of one app never show the prompt at once. The tab that shows it
// holds a Web Lock (`navigator.locks`, taken only if free, so atomic) until
// the prompt closes; where `navigator.locks` is missing it holds a lock in
// localStorage (`nps:<key>:lock`) instead, which a tab that stopped
// refreshing it (a crash) loses after 30 s.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { eventually } from '../support/api.mjs';
import { specFixture } from '../support/fixture.mjs';
import { openDemo, press, prompt, staysHidden } from '../support/prompt.mjs';

// Every visitor gets a fresh browser (own localStorage): no shared one.
const spec = specFixture({ browser: false });

/** Two tabs of the demo app in one browser (shared localStorage). */
async function twoTabs() {
  const browser = await spec.newBrowser();
  const first = await openDemo(browser, spec.collector);
  const second = await openDemo(browser, spec.collector);
  return [first, second];
}

test('while one tab shows the prompt, another tab neither tracks nor shows one', async () => {
  const [one, two] = await twoTabs();
  const dialog = prompt(one);
  await press(one, 'Finish onboarding');
  await dialog.waitFor();

  // The second tab is a fresh page view: only the lock stops it.
  await two.evaluate(() => window.nps('show'));
  await staysHidden(prompt(two));

  // Closing the prompt in the first tab releases the lock.
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await one.evaluate(() => localStorage.getItem('nps:demo:lock')), null, 'no localStorage lock');
  const held = await one.evaluate(async () => (await navigator.locks.query()).held.map((l) => l.name));
  assert.deepEqual(held, [], 'Web Lock released');
  await two.evaluate(() => window.nps('show'));
  await prompt(two).waitFor();
});

/** Whether the widget has replaced the snippet's stub in `page`. */
function widgetLoaded(page) {
  return page.waitForFunction(() => window.nps && window.nps.q && !Array.isArray(window.nps.q));
}

/** Whether `page` has a prompt on screen (in the DOM, whatever its state). */
function hasPrompt(page) {
  return page.evaluate(() => document.querySelector('[data-nps-widget]') !== null);
}

test('two tabs tracking the moment at the same instant never both show the prompt', async () => {
  const [one, two] = await twoTabs();
  await Promise.all([widgetLoaded(one), widgetLoaded(two)]);
  const tabs = [one, two];
  const TRIALS = 24;
  let both = 0;
  let none = 0;
  for (let trial = 0; trial < TRIALS; trial++) {
    // A fresh start: no prompt open in either tab, nothing stored.
    await Promise.all(tabs.map((p) => p.evaluate(() => window.nps('reset'))));
    await one.evaluate(() => localStorage.clear());
    await Promise.all(tabs.map((p) => p.waitForFunction(() => !document.querySelector('[data-nps-widget]'))));

    await Promise.all(tabs.map((p) => p.evaluate(() => window.nps('track', 'onboarding_completed'))));

    // One tab shows the prompt; give the other every chance to show one too.
    // Neither showing one within 5 s is not an error here: it is counted below.
    await eventually(() => Promise.all(tabs.map(hasPrompt)), {
      until: (seen) => seen.some(Boolean), timeout: 5_000, interval: 0, what: 'a prompt in either tab',
    }).catch(() => {});
    await new Promise((r) => setTimeout(r, 400));
    const shown = await Promise.all(tabs.map(hasPrompt));
    if (shown.every(Boolean)) both += 1;
    if (!shown.some(Boolean)) none += 1;
  }
  assert.equal(both, 0, `both tabs showed the prompt in ${both} of ${TRIALS} trials`);
  assert.equal(none, 0, `neither tab showed the prompt in ${none} of ${TRIALS} trials`);
});

test('without Web Locks, a lock left by a tab that stopped refreshing it is ignored', async () => {
  const browser = await spec.newBrowser();
  // A browser without `navigator.locks`: the localStorage lock takes over.
  await browser.context.addInitScript(() => {
    delete Navigator.prototype.locks;
  });
  const one = await openDemo(browser, spec.collector);
  assert.equal(await one.evaluate(() => 'locks' in navigator), false, 'no Web Locks');
  // A lock from a crashed tab: expired a second ago.
  await one.evaluate(() => localStorage.setItem('nps:demo:lock',
    JSON.stringify({ tab: 'crashed-tab', expires: Date.now() - 1_000 })));
  await one.evaluate(() => window.nps('show'));
  await prompt(one).waitFor();
  const lock = JSON.parse(await one.evaluate(() => localStorage.getItem('nps:demo:lock')));
  assert.notEqual(lock.tab, 'crashed-tab', 'the showing tab took the lock over');
});
