// The npm package for bundler apps (widget/npm, `@nps/widget`), tried as a
// customer would: packed with `npm pack`, installed from the tarball into a
// fresh app, type-checked with `tsc --noEmit --strict` against its own
// types (and a file of misuses that must not type-check), imported in plain
// Node as a server-side rendering would, bundled with esbuild and served on
// a page of another origin than the collector, where Chromium tracks a
// moment, answers the prompt, and the answer lands in the collector.
//
// The package's event types are held to the widget: the details the real
// widget's wasm handed the listeners are written out as TypeScript values
// of the package's types and type-checked (exact keys, nullability, the
// 0–10 score), so a change of either side fails here.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { build } from 'esbuild';

import { adminPost, eventually, responses } from '../support/api.mjs';
import { ROOT } from '../support/collector.mjs';
import { specFixture } from '../support/fixture.mjs';
import { widgetStarted } from '../support/outbox.mjs';
import { press, prompt, scoreRadio } from '../support/prompt.mjs';
import { typeCheck } from '../support/typescript.mjs';
import { PACKAGE_DIR, ok, packAndInstall, startApp } from './app.mjs';

const EXPORTS = ['consent', 'debug', 'default', 'identify', 'init', 'on', 'reset', 'show', 'track'];
const KEY = 'bundled';
const USER = 'user-42';
const COMMENT = 'Installed from npm in two minutes';

let app;
let packed;
let host;
const spec = specFixture({
  async setup({ collector, defer }) {
    const work = await mkdtemp(join(tmpdir(), 'nps-npm-package-'));
    defer(() => rm(work, { recursive: true, force: true }));
    ({ packed, app } = await packAndInstall(work));

    let identitySecret;
    host = await startApp(app, () => ({
      key: KEY,
      host: collector.url,
      userId: USER,
      signature: createHmac('sha256', identitySecret).update(USER).digest('hex'),
    }));
    defer(() => host.stop());
    // The app's own origin is the only one the project allows.
    const project = await adminPost(collector, '/api/v1/projects', {
      key: KEY,
      name: 'A bundler app',
      moments: ['onboarding_completed'],
      allowed_origins: [host.url],
    });
    identitySecret = project.identity_secret;
  },
});

test('npm pack gives a tarball of the package alone: ESM, typed, without dependencies', async () => {
  const manifest = JSON.parse(await readFile(join(PACKAGE_DIR, 'package.json'), 'utf8'));
  assert.equal(packed.name, manifest.name);
  assert.equal(manifest.type, 'module', 'an ES module package');
  const cargo = await readFile(join(ROOT, 'Cargo.toml'), 'utf8');
  const [, version] = /\[workspace\.package\][^[]*?\nversion = "([^"]+)"/.exec(cargo) ?? [];
  assert.equal(manifest.version, version, "the package's version follows the repository's (Cargo.toml)");
  assert.equal(manifest.exports['.'].types, './index.d.ts');
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    assert.equal(manifest[field], undefined, `no ${field}: nothing to fetch at install`);
  }
  const files = packed.files.map((f) => f.path).sort();
  assert.deepEqual(files, ['README.md', 'index.d.ts', 'index.js', 'package.json']);
});

test('a usage file type-checks with tsc --strict against the installed types, with bundler and node16 resolution', async () => {
  for (const resolution of ['bundler', 'node16']) {
    const result = await typeCheck(app, ['app.ts'], resolution);
    assert.equal(result.code, 0, `tsc (${resolution}) refused the usage file:\n${result.output}`);
  }
});

test('each misuse of a command fails to type-check, on its own line and no other', async () => {
  const source = await readFile(join(app, 'misuse.ts'), 'utf8');
  const marked = source.split('\n').flatMap((line, i) => (line.includes('// MISUSE') ? [i + 1] : []));
  assert.ok(marked.length >= 15, 'the misuse file covers every command');

  const result = await typeCheck(app, ['misuse.ts']);
  assert.notEqual(result.code, 0, 'tsc must refuse the misuse file');
  const errors = [...result.output.matchAll(/^misuse\.ts\((\d+),\d+\): error (TS\d+)/gm)];
  const refused = [...new Set(errors.map((m) => Number(m[1])))].sort((a, b) => a - b);
  assert.deepEqual(refused, marked, `lines refused vs lines marked MISUSE; tsc said:\n${result.output}`);
});

test('imported in plain Node, as a server-side rendering does, it touches no window and every command does nothing', async () => {
  const out = JSON.parse(await ok(process.execPath, ['ssr.mjs'], app));
  assert.deepEqual(out.named, EXPORTS, 'named exports, plus the default');
  assert.deepEqual(out.defaultMethods, EXPORTS.filter((e) => e !== 'default'), 'the default object has every command');
  assert.ok(out.sameFunctions, 'the default object holds the named functions');
  assert.ok(out.defaultFrozen, 'the default object is read-only');
  assert.deepEqual(out.results, ['undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'function'],
    'every command returns nothing, and on() a remover');
  assert.equal(out.window, 'undefined', 'no window was made up');
  assert.equal(out.document, 'undefined', 'no document was made up');
});

let heard;
test('bundled with esbuild on another origin: track() prompts, the answers land in the collector, widget.js is loaded once', async () => {
  const bundle = await build({
    absWorkingDir: app,
    entryPoints: ['app.ts'],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  host.serve(bundle.outputFiles[0].text);

  const page = await spec.browser.context.newPage();
  const fetched = [];
  const infos = [];
  page.on('request', (r) => {
    if (r.url().startsWith(spec.collector.url)) fetched.push(new URL(r.url()).pathname);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'info' && msg.text().startsWith('[nps]')) infos.push(msg.text());
  });
  // The README's snippet stub, there first, recording each call: the
  // package queues into it, and widget.js replays it.
  await page.addInitScript(() => {
    window.queued = [];
    window.nps = function () {
      window.queued.push(arguments[0]);
      (window.nps.q = window.nps.q || []).push(arguments);
    };
  });
  await page.goto(host.url);
  await widgetStarted(page);
  assert.deepEqual(await page.evaluate(() => window.queued), ['init', 'debug', 'identify', 'on', 'on', 'on'],
    'queued until widget.js loaded, in order: init once for two identical calls, one widget listener per event');

  // init({consent: false}): nothing is asked of the collector before consent.
  await press(page, 'Accept cookies');
  await press(page, 'Finish onboarding');
  const dialog = prompt(page);
  await dialog.waitFor();
  await scoreRadio(dialog, 9).click();
  await dialog.getByRole('textbox').fill(COMMENT);
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await dialog.getByRole('status').filter({ hasText: 'Thank you for your feedback!' }).waitFor();

  const [answer] = await eventually(() => responses(spec.collector, KEY), {
    until: (list) => list.length === 1 && list[0].comment === COMMENT,
    what: 'the answer with its comment in the feed',
  });
  assert.equal(answer.score, 9);
  assert.equal(answer.moment, 'onboarding_completed');
  assert.equal(answer.user_id, USER, 'identify() with its signature went through');
  assert.deepEqual(answer.traits, { plan: 'pro', seats: 3, admin: true }, 'every kind of trait value arrived');

  // reset() on log-out, then show(): a 3, closed before Send.
  await press(page, 'Log out');
  await dialog.waitFor({ state: 'hidden' });
  await press(page, 'Ask me now');
  await dialog.waitFor();
  await scoreRadio(dialog, 3).click();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await eventually(() => responses(spec.collector, KEY), {
    until: (list) => list.some((r) => r.score === 3 && r.user_id === null),
    what: 'the anonymous 3 after reset()',
  });

  heard = await eventually(() => page.evaluate(() => window.heard), {
    until: (list) => list.some((h) => h.event === 'dismissed'),
    what: 'the dismissed event',
  });
  assert.deepEqual(heard.map((h) => h.event), ['shown', 'answered', 'answered', 'shown', 'answered', 'dismissed'],
    `the listeners heard every event once, the removed one none: ${JSON.stringify(heard)}`);
  assert.deepEqual(heard[0].detail, { moment: 'onboarding_completed' });
  assert.deepEqual(heard[2].detail, { score: 9, comment: COMMENT });
  assert.deepEqual(heard[5].detail, { moment: null, score: 3 });
  assert.equal(await page.evaluate(() => window.removedCalls), 0, 'the remover on() returned removed its listener');

  assert.deepEqual(fetched.filter((p) => p === '/widget.js'), ['/widget.js'], 'widget.js fetched once, from the collector');
  assert.deepEqual(fetched.filter((p) => p === '/api/v1/config'), ['/api/v1/config'], 'the configuration is read once');
  assert.ok(infos.length > 0, 'debug() turned on the decisions\' reasons');
  await page.close();
});

test('the event details the real widget delivered type-check as the package\'s event types', async () => {
  assert.ok(heard?.length, 'needs the events heard in the browser test above');
  // `satisfies` checks each object literal as it is: every key the type
  // requires, no other, each value of its type (a score in 0–10).
  const check = async (name, details) => {
    const lines = details.map(({ event, detail }, i) =>
      `const detail${i} = ${JSON.stringify(detail)} satisfies NpsEvents[${JSON.stringify(event)}];`);
    const source = `import type { NpsEvents } from '@nps/widget';\n${lines.join('\n')}\nexport {};\n`;
    await writeFile(join(app, name), source);
    return { source, result: await typeCheck(app, [name]) };
  };
  const { source, result } = await check('heard.ts', heard);
  assert.equal(result.code, 0, `the widget's event details do not match index.d.ts:\n${source}\n${result.output}`);

  // The check bites: a detail with a key too many, or a score out of range.
  for (const wrong of [
    { event: 'shown', detail: { ...heard[0].detail, score: 9 } },
    { event: 'answered', detail: { score: 11, comment: null } },
    { event: 'dismissed', detail: { moment: null } },
  ]) {
    const refused = await check('wrong.ts', [wrong]);
    assert.notEqual(refused.result.code, 0, `tsc should refuse ${JSON.stringify(wrong)}`);
  }
});
