// `quiet_after`: no prompt for N hours after a tracked event (here 24 h
// after `support_contacted`), with the page clock faked.
import { test } from 'node:test';

import { specFixture } from '../support/fixture.mjs';
import { prompt, staysHidden } from '../support/prompt.mjs';
import { HOUR, at, pageViewAt, putRules, reasonLogged, track, visitor } from '../support/timing.mjs';

// Every visitor gets a fresh browser (own localStorage): no shared one.
const spec = specFixture({
  browser: false,
  async setup({ collector }) {
    await putRules(collector, {
      moments: [{ event: 'onboarding_completed' }],
      quiet_after: [{ event: 'support_contacted', hours: 24 }],
    });
  },
});

test('24 h quiet after support_contacted: no prompt right after or 23 h later, a prompt 25 h later', async () => {
  const page = await visitor(spec);
  const dialog = prompt(page);
  await track(page, 'support_contacted');
  await reasonLogged(page, '[nps] not prompting: support_contacted is not a moment');
  await track(page, 'onboarding_completed');
  await reasonLogged(page, '[nps] not prompting: quiet period, support_contacted 0 hours ago, needs 24');
  await staysHidden(dialog);

  await pageViewAt(page, at(23.5 * HOUR));
  await track(page, 'onboarding_completed');
  await reasonLogged(page, '[nps] not prompting: quiet period, support_contacted 23 hours ago, needs 24');
  await staysHidden(dialog);

  await pageViewAt(page, at(25 * HOUR));
  await track(page, 'onboarding_completed');
  await dialog.waitFor();
  await reasonLogged(page, '[nps] prompting: every rule allows it');
});

test('without support_contacted the moment prompts at once', async () => {
  const page = await visitor(spec);
  await track(page, 'onboarding_completed');
  await prompt(page).waitFor();
});
