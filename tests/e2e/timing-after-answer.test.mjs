// `days_after_response` (90 by default): after an answer the next prompt
// waits 90 days from when the answered prompt was shown. Offsets are
// mid-day (60.5) because the shown time is a few seconds after START and the
// debug sentence floors the days.
import { test } from 'node:test';

import { specFixture } from '../support/fixture.mjs';
import { prompt, scoreRadio, staysHidden } from '../support/prompt.mjs';
import { DAY, at, pageViewAt, reasonLogged, track, visitor } from '../support/timing.mjs';

// Every visitor gets a fresh browser (own localStorage): no shared one.
const spec = specFixture({ browser: false });

test('after an answer: no prompt 60 days later (debug says why), a prompt 91 days later', async () => {
  const page = await visitor(spec);
  const dialog = prompt(page);
  await track(page, 'onboarding_completed');
  await scoreRadio(dialog, 8).click();
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('status').first().waitFor();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('nps:demo:history') ?? '{}').last_outcome === 'answered');

  await pageViewAt(page, at(60.5 * DAY));
  await track(page, 'onboarding_completed');
  await reasonLogged(page, '[nps] cooldown: last shown 60 days ago, needs 90 (answered)');
  await staysHidden(dialog);

  await pageViewAt(page, at(89.95 * DAY));
  await track(page, 'onboarding_completed');
  await reasonLogged(page, '[nps] cooldown: last shown 89 days ago, needs 90 (answered)');
  await staysHidden(dialog);

  await pageViewAt(page, at(91 * DAY));
  await track(page, 'onboarding_completed');
  await dialog.waitFor();
  await reasonLogged(page, '[nps] prompting: every rule allows it');
});
