// Shared steps of the dashboard specs: seeding answers, adding team
// members with the CLI, signing in (session or the admin-token link),
// screenshots and an axe-core audit.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { BIN, ROOT } from './collector.mjs';
import { eventually } from './poll.mjs';

const run = promisify(execFile);

/** Where screenshots go (gitignored). */
export const RESULTS = join(ROOT, 'test-results');

/**
 * Posts answers through the public API, as the widget would (`userId` and
 * `userHash`: the identified user and the page's identity proof).
 * @param {{url: string}} collector
 * @param {{score: number, comment?: string, moment?: string, traits?: object, locale?: string, key?: string, userId?: string, userHash?: string}[]} answers
 */
export async function seedAnswers(collector, answers) {
  const ids = [];
  for (const a of answers) {
    const id = randomUUID();
    const body = {
      id, key: a.key ?? 'demo', score: a.score, comment: a.comment, moment: a.moment, traits: a.traits, locale: a.locale,
      user_id: a.userId, user_hash: a.userHash,
    };
    // The per-IP rate limit may refuse a burst of seeds: try again shortly.
    const post = async () => {
      const r = await fetch(`${collector.url}/api/v1/responses`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
      });
      return { status: r.status, text: await r.text() };
    };
    const { status, text } = await eventually(post, {
      until: (r) => r.status !== 429, timeout: 30_000, interval: 250, what: 'a seeded answer past the rate limit',
    });
    if (status < 200 || status > 299) throw new Error(`seeding: ${status} ${text}`);
    ids.push(id);
  }
  return ids;
}

/** Replaces the demo project's timing rules (admin API). */
export async function putConfig(collector, config, project = 'demo') {
  const r = await fetch(`${collector.url}/api/v1/projects/${project}/config`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${collector.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(config),
  });
  if (!r.ok) throw new Error(`PUT config: ${r.status} ${await r.text()}`);
}

/** True once the collector has the session API (`GET /api/v1/session` is not a 404). */
export async function hasSessions(collector) {
  const r = await fetch(`${collector.url}/api/v1/session`);
  return r.status !== 404 && r.status !== 405;
}

/** `nps-collector member add` against the launcher's database. */
export async function addMember(collector, email, role, password) {
  await run(BIN, ['member', 'add', '--email', email, '--role', role, '--database-url', collector.databaseUrl], {
    env: { ...process.env, NPS_MEMBER_PASSWORD: password },
  });
}

/** Signs in through the form, with the labels of `lang`. */
export async function signIn(page, email, password, lang = 'en') {
  const words = lang === 'fr'
    ? { email: 'E-mail', password: 'Mot de passe', button: 'Se connecter' }
    : { email: 'Email', password: 'Password', button: 'Sign in' };
  await page.getByRole('textbox', { name: words.email }).fill(email);
  await page.getByRole('textbox', { name: words.password }).fill(password);
  await page.getByRole('button', { name: words.button, exact: true }).click();
}

/** Opens the dashboard with the admin token (dev mode: `#token=…`). */
export async function openWithToken(browser, collector, path = '/dashboard/overview?project=demo') {
  const page = await browser.newPage();
  await page.goto(`${collector.url}/dashboard/#token=${collector.token}&project=demo`);
  await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
  if (path !== '/dashboard/') await page.goto(`${collector.url}${path}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

/**
 * Creates a project with the Integrations page's "New project" form (the
 * page must be open) and waits until the dashboard switched to it.
 */
export async function createProject(page, key, name) {
  const form = page.getByRole('form', { name: 'New project' });
  await form.getByRole('textbox', { name: 'Project key' }).fill(key);
  await form.getByRole('textbox', { name: 'Project name' }).fill(name);
  await form.getByRole('button', { name: 'Create project' }).click();
  await page.waitForURL(new RegExp(`project=${key}`));
  return form;
}

/** Full-page screenshots at 1280 px and 390 px wide: test-results/NAME-desktop.png, NAME-phone.png. */
export async function screenshots(page, name) {
  await mkdir(RESULTS, { recursive: true });
  const size = page.viewportSize();
  await page.screenshot({ path: join(RESULTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(RESULTS, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(size);
}

let axeSource;
/**
 * Runs axe-core on the page (WCAG 2.1 A and AA rules) and returns the
 * serious and critical violations, each as "rule: target"; `within`, a
 * selector, limits it to one element and its shadow root (the prompt on a
 * host page whose own markup is not under test). Injected with
 * `evaluate`, which the page's CSP does not govern.
 */
export async function seriousViolations(page, within = null) {
  axeSource ??= await readFile(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const result = await page.evaluate((within) => window.axe.run(within ? document.querySelector(within) : document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }), within);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${v.help}`));
}
