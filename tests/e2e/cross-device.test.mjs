// Cross-device cooldowns: an identified user's history lives on the
// collector too (`GET /api/v1/eligibility`), and the widget merges it into
// the browser's own before deciding. Two browsers with separate storage
// stand for two devices of one user.
import { after, before, test } from 'node:test';

import { statsWithResponses } from '../support/api.mjs';
import { launchBrowser } from '../support/browser.mjs';
import { startCollector } from '../support/collector.mjs';
import { openDemo, press, prompt, scoreRadio, staysHidden } from '../support/prompt.mjs';

let collector;
const browsers = [];
before(async () => {
  collector = await startCollector();
});
after(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  await collector?.stop();
});

/** A new device (its own profile) on the demo app, signed in as `user`. */
async function device(user) {
  const browser = await launchBrowser();
  browsers.push(browser);
  const page = await openDemo(browser, collector);
  await page.evaluate((id) => window.nps('identify', id), user);
  return page;
}

test('a user who answered on one device is not prompted on another', async () => {
  const a = await device('cross-device-user');
  const dialogA = prompt(a);
  await press(a, 'Finish onboarding');
  await scoreRadio(dialogA, 9).click();
  await dialogA.getByRole('button', { name: 'Send', exact: true }).click();
  await statsWithResponses(collector, 1);

  // Tracked right after `identify`: the track waits for the history.
  const b = await device('cross-device-user');
  await press(b, 'Finish onboarding');
  await staysHidden(prompt(b));

  // The same moment on a third device, for another user, does prompt.
  const c = await device('someone-else');
  await press(c, 'Finish onboarding');
  await prompt(c).waitFor();
});
