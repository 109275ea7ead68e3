// A PostgreSQL cluster of the fault scripts' own, which they may stop and
// start under load: the shared test cluster (port 55432) serves other
// test runs at the same time and must never be restarted. It is made by
// tests/support/ensure-postgres.sh on a free port and in a temp dir, and
// stopped and deleted when this process exits, however it exits.
import { execFile, execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { ROOT } from '../support/collector.mjs';

const run = promisify(execFile);
const SCRIPT = join(ROOT, 'tests/support/ensure-postgres.sh');

/** A port nobody listens on right now. */
function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/**
 * Starts a new cluster: `{ url, stop, start, dispose }`. `stop()` is
 * `pg_ctl stop -m fast` (sessions are terminated, the server shuts down
 * cleanly), `stop('immediate')` a crash (no checkpoint: the next start
 * replays the WAL); `start` starts it again on the same data and resolves
 * once it accepts connections; `dispose` stops it and deletes its data.
 */
export async function ownCluster() {
  const port = Number(process.env.NPS_FAULTS_PG_PORT) || await freePort();
  const dir = join(tmpdir(), `nps-faults-pg-${process.pid}`);
  const env = { ...process.env, NPS_PG_DIR: dir, NPS_PG_PORT: String(port) };
  const ctl = (...args) => run('bash', [SCRIPT, ...args], { env, timeout: 180_000 });
  const disposeNow = () => {
    try { execFileSync('bash', [SCRIPT, 'stop'], { env, stdio: 'ignore', timeout: 30_000 }); } catch { /* best effort */ }
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', disposeNow);
  const { stdout } = await ctl();
  return {
    url: stdout.trim().split('\n').pop(),
    port,
    stop: (mode = 'fast') => ctl('stop', mode),
    start: () => ctl('start'),
    async dispose() {
      process.off('exit', disposeNow);
      await ctl('stop').catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
