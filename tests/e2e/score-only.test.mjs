// A score without a comment still counts: choosing 3 then closing the prompt
// stores a detractor.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { eventually, responses, statsWithResponses } from '../support/api.mjs';
import { specFixture } from '../support/fixture.mjs';
import { openDemo, press, prompt, scoreRadio } from '../support/prompt.mjs';

const spec = specFixture();

test('choosing 3 and closing stores one detractor and no comment', async () => {
  const page = await openDemo(spec.browser, spec.collector);
  await press(page, 'Finish onboarding');
  const dialog = prompt(page);
  await dialog.waitFor();

  await scoreRadio(dialog, 3).click();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });

  const stats = await statsWithResponses(spec.collector, 1);
  assert.equal(stats.detractors, 1);
  assert.equal(stats.promoters, 0);
  assert.equal(stats.passives, 0);
  assert.equal(stats.nps, -100);
  assert.equal(stats.distribution[3], 1);

  const [stored] = await eventually(() => responses(spec.collector), { until: (l) => l.length === 1 });
  assert.equal(stored.score, 3);
  assert.equal(stored.category, 'detractor');
  assert.equal(stored.comment, null);
});
