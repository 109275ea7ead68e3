// A host app with a strict, nonce-based Content-Security-Policy, served from
// its own origin: with the directives widget/README.md documents (with and
// without 'strict-dynamic') the prompt shows and nothing is reported as a
// violation; without 'wasm-unsafe-eval' the browser refuses to compile the
// wasm, and the console says, once, that this directive is what is missing
// (and again on `debug()`).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { test } from 'node:test';

import { eventually } from '../support/api.mjs';
import { specFixture } from '../support/fixture.mjs';
import { QUESTION, prompt, staysHidden } from '../support/prompt.mjs';
import { putRules } from '../support/timing.mjs';

const spec = specFixture({
  browser: false,
  async setup({ collector }) {
    // No brand colour: the prompt sets one as a `style` attribute, which
    // these policies block (widget/README.md, "Strict Content-Security-Policy").
    await putRules(collector, { moments: [{ event: 'onboarding_completed' }] });
  },
});

/** The documented policies, for a page whose widget comes from `collector`. */
const POLICIES = {
  'strict-dynamic': (nonce, collector) =>
    `script-src 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; connect-src ${collector}; ` +
    `object-src 'none'; base-uri 'none'; default-src 'self'`,
  'allow-list': (nonce, collector) =>
    `script-src 'nonce-${nonce}' ${collector} 'wasm-unsafe-eval'; connect-src ${collector}; ` +
    `object-src 'none'; base-uri 'none'; default-src 'self'`,
  'no-wasm-unsafe-eval': (nonce, collector) =>
    `script-src 'nonce-${nonce}' 'strict-dynamic'; connect-src ${collector}; ` +
    `object-src 'none'; base-uri 'none'; default-src 'self'`,
};

/** The host page: the snippet and widget.js, both carrying the nonce. */
function page(nonce, collector) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Strict host</title>
  <script nonce="${nonce}">window.nps=window.nps||function(){(window.nps.q=window.nps.q||[]).push(arguments)};
  nps('init',{key:'demo'});</script>
  <script nonce="${nonce}" async src="${collector}/widget.js"></script>
</head>
<body><h1>A B2B app with a strict policy</h1></body>
</html>`;
}

/** Serves the page at `/{policy}` with that policy and a fresh nonce per response. */
async function startStrictHost() {
  const server = createServer((req, res) => {
    const policy = POLICIES[req.url.slice(1)];
    if (!policy) {
      res.writeHead(404).end();
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': policy(nonce, spec.collector.url),
    });
    res.end(page(nonce, spec.collector.url));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  spec.defer(() => new Promise((ok) => { server.closeAllConnections?.(); server.close(() => ok()); }));
  return `http://127.0.0.1:${server.address().port}`;
}

let host;

/** A visitor on the page under `policy`; collects violations and the widget's console lines. */
async function visit(policy) {
  host ??= await startStrictHost();
  const browser = await spec.newBrowser();
  const tab = await browser.newPage();
  tab.lines = [];
  tab.on('console', (m) => {
    if (m.text().includes('[nps]')) tab.lines.push(`${m.type()}: ${m.text()}`);
  });
  await tab.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.violations.push(`${e.effectiveDirective} ${e.blockedURI}`);
    });
  });
  await tab.goto(`${host}/${policy}`);
  return tab;
}

for (const policy of ['strict-dynamic', 'allow-list']) {
  test(`under a nonce-based policy (${policy}) the prompt shows`, async () => {
    const tab = await visit(policy);
    await tab.evaluate(() => window.nps('track', 'onboarding_completed'));
    const dialog = prompt(tab);
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute('aria-labelledby'), 'nps-q');
    const nine = tab.getByRole('radio', { name: '9', exact: true });
    await nine.click();
    await eventually(() => nine.getAttribute('aria-checked'), {
      until: (checked) => checked === 'true',
      what: 'the chosen score checked',
    });
    await tab.screenshot({ path: `/tmp/strict-csp-${policy}.png` });
    assert.deepEqual(await tab.evaluate(() => window.violations), [], 'nothing was blocked');
  });
}

test("without 'wasm-unsafe-eval' the console names it, once, and debug() says it again", async () => {
  const tab = await visit('no-wasm-unsafe-eval');
  const named = (lines) => lines.filter((l) => l.includes("'wasm-unsafe-eval'"));
  await tab.waitForFunction(() => window.violations.length > 0);
  await staysHidden(tab.getByRole('dialog', { name: QUESTION.en }), 500);
  await tab.evaluate(() => window.nps('track', 'onboarding_completed'));

  const before = named(tab.lines);
  await tab.evaluate(() => window.nps('debug'));
  await tab.waitForTimeout(200);
  const after = named(tab.lines);

  assert.equal(before.length, 1, `said once: ${tab.lines.join('\n')}`);
  assert.match(before[0], /^warning: \[nps\] /);
  assert.equal(after.length, 2, `and again on debug(): ${tab.lines.join('\n')}`);
});
