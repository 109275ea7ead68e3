// The Integrations page: an admin creates another project (it opens with
// its own snippet), and fences the public key to the team's own websites:
// the widget on any other site is refused until that site is listed.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createProject, openWithToken, screenshots, seriousViolations } from '../support/dashboard.mjs';
import { specFixture } from '../support/fixture.mjs';
import { startHost } from '../support/host.mjs';
import { prompt, staysHidden } from '../support/prompt.mjs';

let host;
const spec = specFixture({
  async setup({ collector, defer }) {
    host = await startHost(collector.url);
    defer(() => host.stop());
  },
});

test('an admin creates a project, which opens with its own key and snippet', async () => {
  const page = await openWithToken(spec.browser, spec.collector, '/dashboard/integrations?project=demo');
  const form = await createProject(page, 'staging', 'Acme staging');
  await page.locator('pre code').filter({ hasText: "key:'staging'" }).waitFor();
  assert.equal(await page.getByRole('combobox', { name: 'Project' }).inputValue(), 'staging');

  // The same key again is explained, not lost.
  await form.getByRole('textbox', { name: 'Project key' }).fill('staging');
  await form.getByRole('textbox', { name: 'Project name' }).fill('Twice');
  await form.getByRole('button', { name: 'Create project' }).click();
  await form.getByText('exists', { exact: false }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await page.close();
});

test('allowed origins keep the widget off other websites until they are listed', async () => {
  const page = await openWithToken(spec.browser, spec.collector, '/dashboard/integrations?project=demo');
  const origins = page.getByRole('textbox', { name: /^Origins, one per line/ });
  const save = page.getByRole('button', { name: 'Save origins' });

  await origins.fill('https://app.acme.example/settings');
  await save.click();
  await page.getByText('is not an origin', { exact: false }).waitFor();

  await origins.fill('https://app.acme.example\nhttps://*.acme.dev');
  await save.click();
  await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  await screenshots(page, 'dashboard-integrations-origins');

  // The third-party host page is not listed: its widget gets no config.
  const visitor = await spec.newBrowser();
  try {
    const site = await visitor.newPage();
    const refused = site.waitForResponse((r) => r.url().includes('/api/v1/config') && r.status() === 403);
    await site.goto(host.url);
    await site.getByRole('button', { name: 'Finish onboarding' }).click();
    await refused;
    await staysHidden(prompt(site));

    await origins.fill(`https://app.acme.example\n${new URL(host.url).origin}`);
    await save.click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await site.reload();
    await site.getByRole('button', { name: 'Finish onboarding' }).click();
    await prompt(site).waitFor();
  } finally {
    await visitor.close();
  }
  await page.close();
});
