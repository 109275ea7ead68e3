// `reset()` (the demo's "Log out") forgets the visitor: the prompt closes and
// the next qualifying moment prompts again.
import { test } from 'node:test';

import { specFixture } from '../support/fixture.mjs';
import { openDemo, press, prompt, staysHidden } from '../support/prompt.mjs';

const spec = specFixture();

test('after reset, finishing onboarding prompts again, and reset closes an open prompt', async () => {
  const page = await openDemo(spec.browser, spec.collector);
  await press(page, 'Finish onboarding');
  const dialog = prompt(page);
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });

  // Precondition: the cooldown is in force.
  await press(page, 'Finish onboarding');
  await staysHidden(dialog, 1_000);

  await press(page, 'Log out');
  await press(page, 'Finish onboarding');
  await dialog.waitFor();

  await press(page, 'Log out');
  await dialog.waitFor({ state: 'hidden' });
});
