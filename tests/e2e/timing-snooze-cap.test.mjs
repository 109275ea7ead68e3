// "Ask me later" re-asks after `days_after_snooze` (7), at most
// `max_snoozes` (3) times in a row: the 4th "Ask me later" counts as a
// decline, so the next prompt waits `days_after_decline` (30).
import { test } from 'node:test';

import { specFixture } from '../support/fixture.mjs';
import { prompt, staysHidden } from '../support/prompt.mjs';
import { DAY, at, pageViewAt, reasonLogged, track, visitor } from '../support/timing.mjs';

// Every visitor gets a fresh browser (own localStorage): no shared one.
const spec = specFixture({ browser: false });

/** Clicks "Ask me later" on the open prompt and waits for it to close. */
async function askMeLater(dialog) {
  await dialog.getByRole('button', { name: 'Ask me later', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

test('three re-asks 7 days apart, then the 4th "Ask me later" holds the prompt for 30 days', async () => {
  const page = await visitor(spec);
  const dialog = prompt(page);
  await track(page, 'onboarding_completed');
  await dialog.waitFor();
  await askMeLater(dialog); // 1st

  // Each re-ask shows 7 days after the last one, and is snoozed again.
  for (const day of [7.01, 14.02, 21.03]) {
    await pageViewAt(page, at(day * DAY));
    await track(page, 'onboarding_completed');
    await dialog.waitFor();
    await reasonLogged(page, '[nps] prompting: re-asking after "Ask me later"');
    await askMeLater(dialog); // 2nd, 3rd, 4th
  }

  // The 4th counts as a decline: not 7 days later...
  await pageViewAt(page, at((21.03 + 7.01) * DAY));
  await track(page, 'onboarding_completed');
  await reasonLogged(page, '[nps] cooldown: last shown 7 days ago, needs 30');
  await staysHidden(dialog);

  // ...nor just under 30 days later...
  await pageViewAt(page, at((21.03 + 29.9) * DAY));
  await track(page, 'onboarding_completed');
  await reasonLogged(page, '[nps] cooldown: last shown 29 days ago, needs 30');
  await staysHidden(dialog);

  // ...but 30 days later.
  await pageViewAt(page, at((21.03 + 30.01) * DAY));
  await track(page, 'onboarding_completed');
  await dialog.waitFor();
  await reasonLogged(page, '[nps] prompting: every rule allows it');
});
