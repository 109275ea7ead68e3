// A customer's site on another origin loads the widget from the collector and
// its answers are accepted (CORS on the script, the wasm and the API).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { eventually, responses } from '../support/api.mjs';
import { specFixture } from '../support/fixture.mjs';
import { startHost } from '../support/host.mjs';
import { prompt, scoreRadio } from '../support/prompt.mjs';

let host;
const spec = specFixture({
  async setup({ collector, defer }) {
    host = await startHost(collector.url);
    defer(() => host.stop());
  },
});

test('the widget embedded on a third-party origin shows and stores an answer', async () => {
  assert.notEqual(new URL(host.url).origin, new URL(spec.collector.url).origin);
  const page = await spec.browser.newPage();
  const failed = [];
  page.on('requestfailed', (r) => failed.push(`${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
  await page.goto(host.url);

  await page.getByRole('button', { name: 'Ask me now' }).click();
  const dialog = prompt(page);
  await dialog.waitFor();
  await scoreRadio(dialog, 10).click();
  await dialog.getByRole('textbox').fill('From another origin');
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 6_000 });

  const [stored] = await eventually(() => responses(spec.collector), {
    until: (list) => list[0]?.comment === 'From another origin',
    what: 'the cross-origin answer with its comment',
  });
  assert.equal(stored.score, 10);
  if (stored.url != null) assert.ok(stored.url.startsWith(host.url), `url is the host page (${stored.url})`);
  assert.deepEqual(failed, [], 'no request failed (CORS errors show up here)');
});
