// An answer the collector refuses for good (a 4xx that no retry changes) is
// never presented as recorded: the prompt says it was not, instead of the
// form or the thank-you, and nothing of it stays queued.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { eventually } from '../support/api.mjs';
import { specFixture } from '../support/fixture.mjs';
import { outbox, widgetStarted } from '../support/outbox.mjs';
import { openDemo, press, prompt, scoreRadio } from '../support/prompt.mjs';

const spec = specFixture();

const NOT_RECORDED = 'Sorry, your answer could not be recorded.';

/** The demo page, whose score POSTs the collector refuses with a 422. */
async function refusingAnswers() {
  const page = await openDemo(spec.browser, spec.collector);
  page.posts = 0;
  await page.route('**/api/v1/responses', (route) => {
    page.posts += 1;
    return route.fulfill({
      status: 422,
      headers: { 'content-type': 'application/problem+json' },
      body: JSON.stringify({ code: 'invalid_response', message: 'refused for the test' }),
    });
  });
  await widgetStarted(page);
  return page;
}

test('a score the collector refuses for good is not thanked: the prompt says it was not recorded', async () => {
  const page = await refusingAnswers();
  await press(page, 'Ask me now');
  const dialog = prompt(page);
  await scoreRadio(dialog, 9).click();
  // The score goes after its 600 ms debounce, while the comment is typed.
  const status = dialog.getByRole('status');
  await status.filter({ hasText: NOT_RECORDED }).waitFor();
  assert.equal(await dialog.getByRole('radiogroup').count(), 0, 'the form gives way to the notice');
  assert.equal(await dialog.getByRole('button', { name: 'Send', exact: true }).count(), 0);
  assert.doesNotMatch(await status.textContent(), /thank/i);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await eventually(() => outbox(page), {
    until: (o) => !o.entries.some((e) => e.request.response),
    what: 'the refused answer to leave the outbox',
  });
  assert.equal(page.posts, 1, 'not retried');
  await page.close();
});
