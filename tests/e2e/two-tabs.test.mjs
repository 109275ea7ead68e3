// Two tabs of one app never show the prompt at once: the tab that shows it
// holds a lock in localStorage (`nps:<key>:lock`) until the prompt closes,
// and a lock its tab stopped refreshing (a crash) lapses after 30 s.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser } from '../support/browser.mjs';
import { startCollector } from '../support/collector.mjs';
import { openDemo, press, prompt, staysHidden } from '../support/prompt.mjs';

let collector;
const browsers = [];
before(async () => {
  collector = await startCollector();
});
after(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  await collector?.stop();
});

/** Two tabs of the demo app in one browser (shared localStorage). */
async function twoTabs() {
  const browser = await launchBrowser();
  browsers.push(browser);
  const first = await openDemo(browser, collector);
  const second = await openDemo(browser, collector);
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
  assert.equal(await one.evaluate(() => localStorage.getItem('nps:demo:lock')), null, 'lock released');
  await two.evaluate(() => window.nps('show'));
  await prompt(two).waitFor();
});

test('a lock left by a tab that stopped refreshing it is ignored', async () => {
  const [one] = await twoTabs();
  // A lock from a crashed tab: expired a second ago.
  await one.evaluate(() => localStorage.setItem('nps:demo:lock',
    JSON.stringify({ tab: 'crashed-tab', expires: Date.now() - 1_000 })));
  await one.evaluate(() => window.nps('show'));
  await prompt(one).waitFor();
  const lock = JSON.parse(await one.evaluate(() => localStorage.getItem('nps:demo:lock')));
  assert.notEqual(lock.tab, 'crashed-tab', 'the showing tab took the lock over');
});
