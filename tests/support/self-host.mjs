// A host app that serves the widget itself (widget/dist, as from a CDN) and
// points it at the collector with `init({host})`. Unlike the demo page, it
// keeps loading while the collector is down, which is what the specs about
// an unreachable collector need.
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';

import { ROOT } from './collector.mjs';

const DIST = join(ROOT, 'widget/dist');

/** The host page: the snippet with `host`, and an "Ask me now" button. */
export function selfHostPage(collectorUrl, key = 'demo') {
  const init = JSON.stringify({ key, host: collectorUrl });
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Self-hosted widget</title>
  <link rel="icon" href="data:,">
  <script>window.nps=window.nps||function(){(window.nps.q=window.nps.q||[]).push(arguments)};
  nps('init',${init});</script>
  <script async src="/widget.js"></script>
</head>
<body>
  <h1>An app that serves widget.js itself</h1>
  <button type="button" onclick="nps('show')">Ask me now</button>
</body>
</html>`;
}

/**
 * Serves the page at `/`, and `/widget.js` and the files it names
 * (`/widget/nps-*.wasm`, `/widget/ui-*.js`, `/widget/ui-*.wasm`) from
 * widget/dist, on 127.0.0.1 port 0.
 * @returns {Promise<{url: string, stop: () => Promise<void>}>}
 */
export async function startSelfHost(collectorUrl, key = 'demo') {
  // The files widget.js names: build.sh keeps the previous build's files
  // beside them, so "the first nps-*.wasm" may be the stale one.
  const script = await readFile(join(DIST, 'widget.js'));
  const named = script.toString().match(/(?:nps|ui)-[0-9a-f]+\.(?:wasm|js)/g) ?? [];
  const present = await readdir(DIST);
  if (!named.some((f) => f.startsWith('nps-')) || !named.every((f) => present.includes(f))) {
    throw new Error(`widget.js names files not present in ${DIST}: run widget/build.sh`);
  }
  const files = { '/widget.js': ['text/javascript', script] };
  for (const file of new Set(named)) {
    const type = file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
    files[`/widget/${file}`] = [type, await readFile(join(DIST, file))];
  }
  const server = createServer((req, res) => {
    const path = req.url.split('?')[0];
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(selfHostPage(collectorUrl, key));
    } else if (files[path]) {
      const [type, body] = files[path];
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise((ok) => {
      server.closeAllConnections?.();
      server.close(() => ok());
    }),
  };
}
