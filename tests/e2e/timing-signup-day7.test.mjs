// `days_since_signup`: a moment waits until N days after the user's
// `signed_up_at` trait (ISO 8601 or Unix ms), with the page clock faked.
import { test } from 'node:test';

import { specFixture } from '../support/fixture.mjs';
import { prompt, staysHidden } from '../support/prompt.mjs';
import { DAY, START, at, identify, pageViewAt, putRules, reasonLogged, track, visitor } from '../support/timing.mjs';

// Every visitor gets a fresh browser (own localStorage): no shared one.
const spec = specFixture({
  browser: false,
  async setup({ collector }) {
    await putRules(collector, { moments: [{ event: 'onboarding_completed', days_since_signup: 7 }] });
  },
});

test('signed up 3 days ago: no prompt, and debug says why; 7 days after sign-up: prompt', async () => {
  const signedUp = at(-3 * DAY).toISOString();
  const page = await visitor(spec);
  const dialog = prompt(page);
  await identify(page, 'signup-iso', { signed_up_at: signedUp });
  await track(page, 'onboarding_completed');
  await reasonLogged(page, '[nps] not prompting: signed up 3 days ago, needs 7');
  await staysHidden(dialog);

  // 6.9 days after sign-up: still too soon.
  await pageViewAt(page, at(3.9 * DAY));
  await identify(page, 'signup-iso', { signed_up_at: signedUp });
  await track(page, 'onboarding_completed');
  await reasonLogged(page, '[nps] not prompting: signed up 6 days ago, needs 7');
  await staysHidden(dialog);

  // 7 days and a bit after sign-up.
  await pageViewAt(page, at(4.01 * DAY));
  await identify(page, 'signup-iso', { signed_up_at: signedUp });
  await track(page, 'onboarding_completed');
  await dialog.waitFor();
  await reasonLogged(page, '[nps] prompting: every rule allows it');
});

test('signed up 8 days ago (Unix ms): prompts at once', async () => {
  const page = await visitor(spec);
  await identify(page, 'signup-ms', { signed_up_at: START.getTime() - 8 * DAY });
  await track(page, 'onboarding_completed');
  await prompt(page).waitFor();
});

test('signed up on a date (ISO date only) 8 days ago: prompts', async () => {
  const page = await visitor(spec);
  await identify(page, 'signup-date', { signed_up_at: at(-8 * DAY).toISOString().slice(0, 10) });
  await track(page, 'onboarding_completed');
  await prompt(page).waitFor();
});

test('no signed_up_at trait: no prompt, and debug says why', async () => {
  const page = await visitor(spec);
  await identify(page, 'signup-none', { plan: 'pro' });
  await track(page, 'onboarding_completed');
  await reasonLogged(page, '[nps] not prompting: no readable signed_up_at trait');
  await staysHidden(prompt(page));
});
