// `exclude_if_recent`: no prompt while a date trait is under N days old
// (here `churned_at`, 30 days), and never for a user with `excluded: true`.
import { test } from 'node:test';

import { specFixture } from '../support/fixture.mjs';
import { prompt, staysHidden } from '../support/prompt.mjs';
import { DAY, at, identify, putRules, reasonLogged, track, visitor } from '../support/timing.mjs';

// Every visitor gets a fresh browser (own localStorage): no shared one.
const spec = specFixture({
  browser: false,
  async setup({ collector }) {
    await putRules(collector, {
      moments: [{ event: 'onboarding_completed' }],
      exclude_if_recent: [{ trait: 'churned_at', days: 30 }],
    });
  },
});

test('churned 5 days ago: no prompt, and debug says why', async () => {
  const page = await visitor(spec);
  await identify(page, 'churned-recently', { churned_at: at(-5 * DAY).toISOString() });
  await track(page, 'onboarding_completed');
  await reasonLogged(page, '[nps] not prompting: churned_at 5 days ago, needs 30');
  await staysHidden(prompt(page));
});

test('churned 40 days ago: prompt', async () => {
  const page = await visitor(spec);
  await identify(page, 'churned-long-ago', { churned_at: at(-40 * DAY).toISOString() });
  await track(page, 'onboarding_completed');
  await prompt(page).waitFor();
  await reasonLogged(page, '[nps] prompting: every rule allows it');
});

test('excluded: true: no prompt, and debug says why', async () => {
  const page = await visitor(spec);
  await identify(page, 'excluded-user', { excluded: true });
  await track(page, 'onboarding_completed');
  await reasonLogged(page, '[nps] not prompting: the user is excluded (trait excluded: true)');
  await staysHidden(prompt(page));
});
