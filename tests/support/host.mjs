// A "third-party" site on its own origin (another port) embedding the widget
// from the collector, exactly as a customer would: tests cross-origin loading
// of the script and wasm, and CORS on the API.
import { createServer } from 'node:http';

/** The host page; `collectorUrl` is the only thing a customer changes, with the key. */
export function hostPage(collectorUrl, key = 'demo') {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Third-party host</title>
  <script>window.nps=window.nps||function(){(window.nps.q=window.nps.q||[]).push(arguments)};
  nps('init',{key:${JSON.stringify(key)}});</script>
  <script async src="${collectorUrl}/widget.js"></script>
</head>
<body>
  <h1>Someone else's app</h1>
  <p>Served from a different origin than the collector.</p>
  <button type="button" onclick="nps('show')">Ask me now</button>
  <button type="button" onclick="nps('track','onboarding_completed')">Finish onboarding</button>
</body>
</html>`;
}

/**
 * Serves the host page at `/` on 127.0.0.1, port 0.
 * @returns {Promise<{url: string, stop: () => Promise<void>}>}
 */
export async function startHost(collectorUrl, key = 'demo') {
  const server = createServer((req, res) => {
    if (req.url === '/' || req.url.startsWith('/?')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(hostPage(collectorUrl, key));
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
