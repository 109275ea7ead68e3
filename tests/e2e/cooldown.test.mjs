// Once prompted, a browser is not prompted again by `track` (30-day
// cooldown kept in localStorage under `nps:<key>:`); `show()` still works and
// another browser is unaffected.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { specFixture } from '../support/fixture.mjs';
import { demoEvents, openDemo, press, prompt, staysHidden } from '../support/prompt.mjs';

// Every visitor gets a fresh browser (own localStorage): no shared one.
const spec = specFixture({ browser: false });

test('after a prompt, the same moment does not prompt again, even after a reload', async () => {
  const browser = await spec.newBrowser();
  const page = await openDemo(browser, spec.collector);
  await press(page, 'Finish onboarding');
  const dialog = prompt(page);
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });

  const keys = await page.evaluate(() => Object.keys(localStorage));
  assert.ok(keys.some((k) => k.startsWith('nps:demo:')), `state namespaced by key (keys: ${keys})`);

  await page.reload();
  await press(page, 'Finish onboarding');
  await staysHidden(dialog, 1_500);
  assert.deepEqual(await demoEvents(page), [], 'no shown callback after the reload');

  // Commands run in order, so a prompt from show() also proves the track
  // above was processed (and declined) rather than still pending.
  await press(page, 'Ask me now');
  await dialog.waitFor();
  assert.deepEqual(await demoEvents(page), ['shown']);

  const other = await spec.newBrowser();
  const fresh = await openDemo(other, spec.collector);
  await press(fresh, 'Finish onboarding');
  await prompt(fresh).waitFor();
});
