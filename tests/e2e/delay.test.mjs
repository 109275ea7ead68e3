// A moment's `delay_seconds`: the prompt waits, and a single-page app's
// navigation (history.pushState) or `reset()` during the wait cancels it.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { specFixture } from '../support/fixture.mjs';
import { openDemo, press, prompt, staysHidden } from '../support/prompt.mjs';

const DELAY_S = 2;

// Every visitor gets a fresh browser (own localStorage): no shared one.
const spec = specFixture({
  browser: false,
  async setup({ collector }) {
    const put = await fetch(`${collector.url}/api/v1/projects/demo/config`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${collector.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ moments: [{ event: 'onboarding_completed', delay_seconds: DELAY_S }] }),
    });
    assert.equal(put.status, 200, await put.text());
  },
});

/** A fresh visitor on the demo app who just finished onboarding. */
async function tracked() {
  const browser = await spec.newBrowser();
  const page = await openDemo(browser, spec.collector);
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
