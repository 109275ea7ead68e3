// Starts the real collector binary for one test file: port 0, a fresh SQLite
// database in a temp dir, a random admin token and `--demo`. The URL comes
// from the `listening on http://…` line the collector prints once bound.
//
// NPS_COLLECTOR_BIN overrides the binary; TEST_LOG=1 forwards its stderr.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The repository root (the collector serves `www/` relative to it). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const STARTUP_TIMEOUT_MS = 15_000;

/**
 * Spawns the collector and resolves once it is listening.
 *
 * `halt()` stops the process (SIGKILL: as abrupt as a crash) but keeps its
 * SQLite file; `restart()` starts it again on the same port with the same
 * database, so a page keeps talking to the same URL. `stop()` ends it and
 * deletes the database.
 * `databaseUrl` is its SQLite database, for the CLI (`member add`).
 * @returns {Promise<{url: string, token: string, databaseUrl: string, halt: () => Promise<void>, restart: () => Promise<void>, stop: () => Promise<void>}>}
 */
export async function startCollector({ demo = true } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'nps-e2e-collector-'));
  const token = randomBytes(18).toString('hex');
  const cleanup = () => rm(dir, { recursive: true, force: true });
  let running;
  try {
    running = await spawnCollector({ dir, token, demo, listen: '127.0.0.1:0' });
  } catch (error) {
    await cleanup();
    throw error;
  }
  const { url } = running;

  return {
    url,
    token,
    databaseUrl: `sqlite://${join(dir, 'nps.db')}`,
    async halt() {
      await running.end('SIGKILL');
    },
    async restart() {
      await running.end('SIGKILL');
      // The kernel may hold the port for a moment after the kill.
      const deadline = Date.now() + STARTUP_TIMEOUT_MS;
      for (;;) {
        try {
          running = await spawnCollector({ dir, token, demo, listen: new URL(url).host });
          return;
        } catch (error) {
          if (Date.now() > deadline) throw error;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    },
    async stop() {
      await running.end('SIGTERM');
      await cleanup();
    },
  };
}

/** Spawns one collector process on `listen` and waits until it is bound. */
async function spawnCollector({ dir, token, demo, listen }) {
  const bin = process.env.NPS_COLLECTOR_BIN ?? join(ROOT, 'target/debug/nps-collector');
  const args = [
    'serve',
    '--listen', listen,
    '--database-url', `sqlite://${join(dir, 'nps.db')}`,
    '--admin-token', token,
    ...(demo ? ['--demo'] : []),
  ];
  const child = spawn(bin, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });

  // Keep the tail of stderr to explain a failed start even without TEST_LOG.
  let stderrTail = '';
  child.stderr.on('data', (chunk) => {
    if (process.env.TEST_LOG) process.stderr.write(chunk);
    stderrTail = (stderrTail + chunk).slice(-4000);
  });

  const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));

  let url;
  try {
    url = await new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`collector did not report its address within ${STARTUP_TIMEOUT_MS} ms`)), STARTUP_TIMEOUT_MS);
      child.once('error', (error) => { clearTimeout(timer); fail(error); });
      exited.then(({ code, signal }) => { clearTimeout(timer); fail(new Error(`collector exited early (code ${code}, signal ${signal})`)); });
      // Reading stdout to the end also keeps the pipe from filling up.
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (process.env.TEST_LOG) process.stderr.write(`[collector stdout] ${line}\n`);
        const match = /^listening on (https?:\/\/\S+)/.exec(line.trim());
        if (match) { clearTimeout(timer); ok(match[1].replace(/\/$/, '')); }
      });
    });
  } catch (error) {
    child.kill('SIGKILL');
    error.message += `\n${bin} ${args.join(' ')}\n--- collector stderr ---\n${stderrTail}`;
    throw error;
  }

  /** Ends the process (if still running) and waits for it to exit. */
  async function end(signal) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
  }

  return { url, end };
}
