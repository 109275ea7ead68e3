// The widget's files go out precompressed: the brotli (or gzip) copy
// widget/build.sh stored beside each file, chosen by Accept-Encoding,
// byte for byte, with `Content-Encoding`, `Vary: Accept-Encoding` and an
// ETag per encoding; never compressed again on the fly.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';

import { ROOT } from '../support/collector.mjs';
import { specFixture } from '../support/fixture.mjs';
import { openDemo, press, prompt } from '../support/prompt.mjs';

const DIST = join(ROOT, 'widget/dist');

const spec = specFixture();

/** A GET with exactly these headers; the body as sent (not decoded). */
function rawGet(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The widget's files a page fetched, by path, with their responses. */
function widgetResponses(page) {
  const seen = new Map();
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (path === '/widget.js' || path.startsWith('/widget/')) seen.set(path, r);
  });
  return seen;
}

test('a browser that accepts brotli gets the stored brotli copies of every widget file', async () => {
  const page = await spec.browser.newPage();
  const seen = widgetResponses(page);
  await page.goto(`${spec.collector.url}/demo/`);
  // Showing the prompt loads everything the widget has.
  await press(page, 'Ask me now');
  await prompt(page).waitFor();

  assert.ok(seen.has('/widget.js'), 'widget.js was fetched');
  assert.ok([...seen.keys()].some((p) => p.endsWith('.wasm')), 'a wasm was fetched');
  for (const [path, response] of seen) {
    const file = path === '/widget.js' ? 'widget.js' : path.slice('/widget/'.length);
    const headers = await response.allHeaders();
    const accept = (await response.request().allHeaders())['accept-encoding'] ?? '';
    assert.match(accept, /\bbr\b/, `Chromium asks for brotli for ${path}`);
    assert.equal(headers['content-encoding'], 'br', `${path} is sent as brotli`);
    assert.match(headers.vary ?? '', /accept-encoding/i, `${path} varies on Accept-Encoding`);
    // What the browser decoded is the file itself…
    assert.deepEqual(await response.body(), readFileSync(join(DIST, file)), `${path} decodes to the built file`);
    // …and what travelled is the stored copy, byte for byte.
    const raw = await rawGet(response.url(), { 'accept-encoding': accept });
    assert.deepEqual(raw.body, readFileSync(join(DIST, `${file}.br`)), `${path} is the stored .br copy`);
  }
});

test('gzip, identity and revalidation each get their own bytes and ETag', async () => {
  const loader = (await rawGet(`${spec.collector.url}/widget.js`)).body.toString();
  const wasm = loader.match(/nps-[0-9a-f]+\.wasm/)?.[0];
  assert.ok(wasm, 'widget.js names its wasm');
  const url = `${spec.collector.url}/widget/${wasm}`;

  const br = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br' });
  const gz = await rawGet(url, { 'accept-encoding': 'gzip' });
  const plain = await rawGet(url);
  const refused = await rawGet(url, { 'accept-encoding': 'br;q=0, gzip;q=0' });

  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.deepEqual(gz.body, readFileSync(join(DIST, `${wasm}.gz`)), 'the stored .gz copy');
  for (const [what, r] of [['identity', plain], ['refused', refused]]) {
    assert.equal(r.headers['content-encoding'], undefined, `${what}: not compressed on the fly`);
    assert.deepEqual(r.body, readFileSync(join(DIST, wasm)), `${what}: the file itself`);
  }
  for (const r of [br, gz, plain]) {
    assert.match(r.headers.vary ?? '', /accept-encoding/i);
    assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable');
  }
  const etags = new Set([br, gz, plain].map((r) => r.headers.etag));
  assert.equal(etags.size, 3, 'one ETag per encoding');

  const again = await rawGet(url, { 'accept-encoding': 'br', 'if-none-match': br.headers.etag });
  assert.equal(again.status, 304, 'the brotli copy revalidates');
  assert.match(again.headers.vary ?? '', /accept-encoding/i);
  const other = await rawGet(url, { 'accept-encoding': 'gzip', 'if-none-match': br.headers.etag });
  assert.equal(other.status, 200, 'the brotli ETag does not validate the gzip copy');

  const copy = await rawGet(`${url}.br`);
  assert.equal(copy.status, 404, 'the copies are not files of their own');
});
