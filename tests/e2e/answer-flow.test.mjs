// A visitor answers the prompt after the moment the project asks about; the
// answer reaches the collector and shows up on the dashboard.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { eventually, responses, statsWithResponses } from '../support/api.mjs';
import { specFixture } from '../support/fixture.mjs';
import { demoEvents, openDemo, press, prompt, scoreRadio, waitForText } from '../support/prompt.mjs';

const spec = specFixture();

// Markup in the comment also checks the dashboard renders it as text.
const COMMENT = 'Setup took two minutes <b>flat</b> & the charts are great';

test('finishing onboarding prompts; a 9 with a comment is stored and shown on the dashboard', async () => {
  const page = await openDemo(spec.browser, spec.collector);
  await press(page, 'Finish onboarding');

  const dialog = prompt(page);
  await dialog.waitFor();
  assert.equal(await dialog.getByRole('radiogroup').getByRole('radio').count(), 11, 'eleven scores, 0 to 10');
  await dialog.getByText('Not at all likely').waitFor();
  await dialog.getByText('Extremely likely').waitFor();

  await scoreRadio(dialog, 9).click();
  assert.equal(await scoreRadio(dialog, 9).isChecked(), true, 'the chosen score is checked');
  await dialog.getByRole('textbox').fill(COMMENT);
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();

  const thanks = page.getByRole('status');
  await thanks.first().waitFor();
  assert.match(await thanks.first().textContent(), /thank/i);
  await dialog.waitFor({ state: 'hidden', timeout: 6_000 });

  const stats = await statsWithResponses(spec.collector, 1);
  assert.equal(stats.nps, 100);
  assert.equal(stats.promoters, 1);
  assert.equal(stats.distribution[9], 1);

  const [stored] = await eventually(() => responses(spec.collector), {
    until: (list) => list[0]?.comment === COMMENT,
    what: 'the comment to be stored',
  });
  assert.equal(stored.score, 9);
  assert.equal(stored.category, 'promoter');
  assert.equal(stored.moment, 'onboarding_completed');

  const events = await demoEvents(page);
  assert.ok(events.includes('shown'), `shown callback fired (got ${events})`);
  assert.ok(events.includes('answered'), `answered callback fired (got ${events})`);

  const dashboard = await spec.browser.context.newPage();
  await dashboard.goto(`${spec.collector.url}/dashboard/#token=${spec.collector.token}&project=demo`);
  await waitForText(dashboard.getByRole('status', { name: 'Net Promoter Score' }), '100');
  await dashboard.getByText(COMMENT, { exact: true }).waitFor();
  assert.equal(new URL(dashboard.url()).hash, '', 'the token is cleared from the address bar');
  assert.equal(await dashboard.locator('.comments b').count(), 0, 'comment markup is not interpreted');
});
