// A moment's `delay_seconds`: the prompt waits, and a single-page app's
// navigation (history.pushState) or `reset()` during the wait cancels it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser } from '../support/browser.mjs';
import { startCollector } from '../support/collector.mjs';
import { openDemo, press, prompt, staysHidden } from '../support/prompt.mjs';

const DELAY_S = 2;

let collector;
const browsers = [];
before(async () => {
  collector = await startCollector();
  const put = await fetch(`${collector.url}/api/v1/projects/demo/config`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${collector.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ moments: [{ event: 'onboarding_completed', delay_seconds: DELAY_S }] }),
  });
  assert.equal(put.status, 200, await put.text());
});
after(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  await collector?.stop();
});

/** A fresh visitor on the demo app who just finished onboarding. */
async function tracked() {
  const browser = await launchBrowser();
  browsers.push(browser);
  const page = await openDemo(browser, collector);
  await press(page, 'Finish onboarding');
  return page;
}

test('the prompt waits delay_seconds, then shows', async () => {
  const page = await tracked();
  await staysHidden(prompt(page), (DELAY_S - 1) * 1_000);
  await prompt(page).waitFor();
});

test('navigating with history.pushState during the delay cancels the prompt', async () => {
  const page = await tracked();
  await page.evaluate(() => history.pushState({}, '', '/demo/elsewhere'));
  await staysHidden(prompt(page), (DELAY_S + 1.5) * 1_000);
});

test('reset() during the delay cancels the prompt', async () => {
  const page = await tracked();
  await page.evaluate(() => window.nps('reset'));
  await staysHidden(prompt(page), (DELAY_S + 1.5) * 1_000);
});
