// The prompt's ui is a second wasm module: a page that does not prompt
// never downloads it, a user inside a cooldown never downloads it, a prompt
// that is due loads it, and a moment one occurrence short of its
// `min_count` has it prefetched at idle.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { startCollector } from '../support/collector.mjs';
import { specFixture } from '../support/fixture.mjs';
import { openDemo, press, prompt, staysHidden } from '../support/prompt.mjs';
import { putRules } from '../support/timing.mjs';

let other;
// Every visitor gets a fresh browser (own localStorage): no shared one.
const spec = specFixture({
  browser: false,
  async setup({ collector, defer }) {
    // A second collector whose demo moment needs two occurrences.
    other = await startCollector();
    defer(() => other.stop());
    await putRules(other, { moments: [{ event: 'onboarding_completed', min_count: 2 }] });
  },
});

/** A fresh visitor whose requests for the ui module are recorded. */
async function visitor(where = spec.collector) {
  const browser = await spec.newBrowser();
  const page = await browser.newPage();
  page.uiRequests = [];
  page.on('request', (r) => {
    if (/\/widget\/ui-[0-9a-f]+\.(js|wasm)$/.test(new URL(r.url()).pathname)) page.uiRequests.push(r.url());
  });
  await page.goto(`${where.url}/demo/`);
  await page.waitForFunction(() => typeof window.nps === 'function' && !Array.isArray(window.nps.q));
  return page;
}

/** Lets the page go idle (requestIdleCallback runs within this). */
const idle = (page) => page.waitForLoadState('networkidle').then(() => page.waitForTimeout(1_000));

test('a page view that does not prompt never downloads the ui', async () => {
  const page = await visitor();
  await press(page, 'Resolve my ticket'); // not one of the project's moments
  await idle(page);
  assert.deepEqual(page.uiRequests, []);
});

test('a due prompt loads the ui; inside the cooldown the next page view never downloads it', async () => {
  const browser = await spec.newBrowser();
  const page = await openDemo(browser, spec.collector);
  const requested = [];
  page.on('request', (r) => {
    if (/\/widget\/ui-/.test(r.url())) requested.push(r.url());
  });
  await press(page, 'Finish onboarding');
  const dialog = prompt(page);
  await dialog.waitFor();
  assert.equal(requested.filter((u) => u.endsWith('.js')).length, 1, 'the glue, once');
  assert.equal(requested.filter((u) => u.endsWith('.wasm')).length, 1, 'the wasm, once');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });

  // The next page view, in the 30-day decline cooldown.
  const again = await browser.newPage();
  const later = [];
  again.on('request', (r) => {
    if (/\/widget\/ui-/.test(r.url())) later.push(r.url());
  });
  await again.goto(`${spec.collector.url}/demo/`);
  await press(again, 'Finish onboarding');
  await staysHidden(prompt(again), 1_000);
  await idle(again);
  assert.deepEqual(later, [], 'no ui for a user inside the cooldown');
});

test('a moment one occurrence short of min_count has the ui prefetched at idle', async () => {
  const page = await visitor(other);
  await press(page, 'Finish onboarding'); // 1 of 2
  await staysHidden(prompt(page), 500);
  await idle(page);
  assert.equal(page.uiRequests.length, 2, `prefetched: ${page.uiRequests}`);

  await press(page, 'Finish onboarding'); // 2 of 2: prompts from what was prefetched
  await prompt(page).waitFor();
  assert.equal(page.uiRequests.length, 2, 'not fetched again');
});
