// A project's allowed origins fence its key: on a page whose origin the
// project does not allow, the collector refuses the widget its
// configuration (403 origin_not_allowed) and would refuse its answers, so
// the widget asks nothing, not even on nps('show'), and says why in the
// console, once. On an origin the project allows it prompts as ever.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { adminPost, eventually, responses } from '../support/api.mjs';
import { specFixture } from '../support/fixture.mjs';
import { startHost } from '../support/host.mjs';
import { widgetStarted } from '../support/outbox.mjs';
import { press, prompt, scoreRadio, staysHidden } from '../support/prompt.mjs';

let fenced;
let allowed;
const spec = specFixture({
  async setup({ collector, defer }) {
    // Two customer sites on their own origins, each embedding one project.
    fenced = await startHost(collector.url, 'fenced');
    defer(() => fenced.stop());
    allowed = await startHost(collector.url, 'allowed');
    defer(() => allowed.stop());
    await adminPost(collector, '/api/v1/projects', {
      key: 'fenced',
      name: 'Used from another site only',
      moments: ['onboarding_completed'],
      allowed_origins: ['https://app.elsewhere.example'],
    });
    await adminPost(collector, '/api/v1/projects', {
      key: 'allowed',
      name: 'Used from this site',
      moments: ['onboarding_completed'],
      allowed_origins: [allowed.url],
    });
  },
});

/**
 * Opens `site` in a new tab; `page.warnings` and `page.infos` collect the
 * widget's console lines, `page.api` every API request, from the start.
 */
async function visit(site) {
  const page = await spec.browser.context.newPage();
  page.warnings = [];
  page.infos = [];
  page.api = [];
  page.on('console', (msg) => {
    if (!msg.text().startsWith('[nps]')) return;
    if (msg.type() === 'warning') page.warnings.push(msg.text());
    if (msg.type() === 'info') page.infos.push(msg.text());
  });
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/')) page.api.push(`${r.method()} ${url.pathname}`);
  });
  await page.goto(site.url);
  await widgetStarted(page);
  return page;
}

test("on a page whose origin the project does not allow, nps('show') opens no dialog and the console says why", async () => {
  const page = await visit(fenced);
  const [why] = await eventually(() => page.warnings, { until: (w) => w.length > 0, what: 'the widget to warn' });
  assert.match(why, /origin is not allowed/, 'the warning names the reason');

  await press(page, 'Ask me now');
  await page.evaluate(() => window.nps('show'));
  await press(page, 'Finish onboarding');
  await staysHidden(prompt(page), 1_500);
  assert.deepEqual(page.warnings, [why], 'said once');
  assert.deepEqual(page.api, ['GET /api/v1/config'], 'nothing sent but the refused config read');

  // debug() output explains each call.
  await page.evaluate(() => window.nps('debug'));
  await page.evaluate(() => window.nps('show'));
  await eventually(() => page.infos, {
    until: (lines) => lines.some((l) => /origin is not allowed/.test(l)),
    what: 'the debug line saying why',
  });
  await staysHidden(prompt(page), 500);
  assert.deepEqual(await responses(spec.collector, 'fenced'), []);
  await page.close();
});

test("on a page whose origin the project allows, nps('show') opens the dialog and the answer is stored", async () => {
  const page = await visit(allowed);
  await press(page, 'Ask me now');
  const dialog = prompt(page);
  await dialog.waitFor();
  await scoreRadio(dialog, 9).click();
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await dialog.getByRole('status').filter({ hasText: 'Thank you for your feedback!' }).waitFor();

  const [stored] = await eventually(() => responses(spec.collector, 'allowed'), {
    until: (list) => list.length === 1,
    what: 'the answer from the allowed origin',
  });
  assert.equal(stored.score, 9);
  assert.deepEqual(page.warnings, [], 'nothing to warn about');
  await page.close();
});
