// A project made on the dashboard has no moment yet, and its Timing page
// says so plainly: the prompt shows only where the page calls
// nps('show') (the widget skips every `track` of a moment the project does
// not configure).
import { test } from 'node:test';

import { createProject, openWithToken } from '../support/dashboard.mjs';
import { specFixture } from '../support/fixture.mjs';

const spec = specFixture();

test('the Timing page of a new project says that only nps(\'show\') prompts until a moment is added', async () => {
  const page = await openWithToken(spec.browser, spec.collector, '/dashboard/integrations?project=demo');
  await createProject(page, 'fresh', 'Fresh start');

  await page.getByRole('navigation').getByRole('link', { name: 'Timing' }).click();
  await page.waitForURL(/\/dashboard\/timing\?project=fresh/);
  const moments = page.getByRole('form', { name: 'Moments' });
  await moments.getByText("No moment is configured yet: the prompt shows only where your page calls nps('show').").waitFor();
  await page.getByRole('listitem').filter({ hasText: "No moment is configured: the prompt shows only on nps('show')." }).waitFor();
  await page.close();
});
