// The customer's side of the npm package spec: the package packed with
// `npm pack` and installed from its tarball into a fresh app, and a server
// for that app on its own origin.
import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ROOT } from '../support/collector.mjs';
import { run } from '../support/typescript.mjs';

/** The package's folder in the repository. */
export const PACKAGE_DIR = join(ROOT, 'widget/npm');
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'app');

/** Runs a command that must succeed; returns its stdout. */
export async function ok(command, args, cwd) {
  const result = await run(command, args, cwd);
  assert.equal(result.code, 0, `${command} ${args.join(' ')} in ${cwd} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/**
 * `npm pack` into `work`, then a fresh app in `work/app` (the files of
 * `app/` beside this file) that installs the tarball offline: the package
 * has no dependencies, so no registry is needed.
 * @returns {Promise<{packed: {name: string, filename: string, files: {path: string}[]}, app: string}>}
 */
export async function packAndInstall(work) {
  const [packed] = JSON.parse(await ok('npm', ['pack', '--json', '--pack-destination', work], PACKAGE_DIR));
  const app = join(work, 'app');
  await mkdir(app);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'bundler-app', private: true, type: 'module' }));
  for (const file of ['app.ts', 'misuse.ts', 'ssr.mjs', 'index.html']) {
    await copyFile(join(FIXTURES, file), join(app, file));
  }
  await ok('npm', ['install', '--offline', '--no-audit', '--no-fund', join(work, packed.filename)], app);
  return { packed, app };
}

/**
 * Serves the app on 127.0.0.1 (port 0): its `index.html` at `/`, with
 * `setup()`'s JSON for the app in place of `@@SETUP@@`, and at `/app.js`
 * the bundle handed to `serve(js)`.
 */
export async function startApp(app, setup) {
  let bundle = null;
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://app').pathname;
    if (path === '/') {
      const html = (await readFile(join(app, 'index.html'), 'utf8')).replace('@@SETUP@@', () => JSON.stringify(setup()));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
    } else if (path === '/app.js' && bundle) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(bundle);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    serve(js) {
      bundle = js;
    },
    stop: () => new Promise((done) => {
      server.closeAllConnections?.();
      server.close(() => done());
    }),
  };
}
