// The one launcher of the collector binary, for everything that needs a
// running collector: the e2e specs, the crash test, widget/bench.mjs, and
// (through serve.mjs) the schema test and the load benchmark. One place
// knows how `serve` is invoked, how to tell it is listening (the
// `listening on http://…` line it prints once bound) and how to end it.
//
// Every child is SIGKILLed, and every temp database removed, when this Node
// process exits, however it exits, so a failed run leaves nothing behind.
// NPS_COLLECTOR_BIN overrides the binary; TEST_LOG=1 forwards its output.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { eventually } from './poll.mjs';

/** The repository root (the collector serves `www/` relative to it). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The binary started unless a caller names another (e.g. the release build). */
export const BIN = process.env.NPS_COLLECTOR_BIN ?? join(ROOT, 'target/debug/nps-collector');

const STARTUP_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;

const live = new Set();
const tempDirs = new Set();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * Starts `nps-collector serve` and resolves once it is listening.
 *
 * Without `databaseUrl` it gets a fresh SQLite file in a temp dir, which
 * `stop()` deletes; a given database (SQLite or PostgreSQL) is left as is,
 * so a second `startCollector` on it is a restart on the same data.
 * `halt()` SIGKILLs the process (as abrupt as a crash: no drain, no last
 * flush) and resolves to how it ended; `restart()` starts it again on the
 * same port and database, so a page keeps talking to the same URL.
 * `stop()` ends it gracefully (SIGTERM, SIGKILL after 5 s), and throws if
 * the collector panicked while it ran.
 *
 * @param {object} [options]
 * @param {string} [options.databaseUrl] `sqlite://…` or `postgres://…`
 * @param {string} [options.token] the admin token (default: random)
 * @param {boolean} [options.demo] `--demo` (default true)
 * @param {boolean} [options.rateLimits] false turns both rate limits off (load tests)
 * @param {string[]} [options.args] more `serve` arguments
 * @param {Record<string, string>} [options.env] more environment variables
 * @param {string} [options.bin] the binary (default BIN)
 * @param {string} [options.listen] address to bind (default 127.0.0.1:0)
 * @param {number} [options.startupTimeout] ms to wait for the address
 * @param {AbortSignal} [options.signal] gives up waiting for the address
 * @returns {Promise<{url: string, token: string, databaseUrl: string, halt: () => Promise<{code: number|null, signal: string|null}>, restart: () => Promise<void>, stop: () => Promise<void>}>}
 */
export async function startCollector(options = {}) {
  const { listen = '127.0.0.1:0', ...rest } = options;
  const token = options.token ?? randomBytes(18).toString('hex');
  let dir;
  if (!options.databaseUrl) {
    dir = await mkdtemp(join(tmpdir(), 'nps-collector-'));
    tempDirs.add(dir);
  }
  const removeDir = () => {
    if (!dir) return;
    rmSync(dir, { recursive: true, force: true });
    tempDirs.delete(dir);
  };
  const settings = { ...rest, token, databaseUrl: options.databaseUrl ?? `sqlite://${join(dir, 'nps.db')}` };
  let running;
  try {
    running = await spawnCollector({ ...settings, listen });
  } catch (error) {
    removeDir();
    throw error;
  }
  const { url } = running;

  return {
    url,
    token,
    databaseUrl: settings.databaseUrl,
    halt: () => running.end('SIGKILL'),
    async restart() {
      await running.end('SIGKILL');
      // The kernel may hold the port for a moment after the kill.
      // The first start's abort signal has no say over a later restart.
      const again = { ...settings, signal: undefined, listen: new URL(url).host };
      running = await eventually(() => spawnCollector(again), {
        timeout: settings.startupTimeout ?? STARTUP_TIMEOUT_MS,
        interval: 200,
        what: `the collector to listen on ${url} again`,
      });
    },
    async stop() {
      await running.end('SIGTERM');
      if (running.panics()) {
        removeDir();
        throw new Error(`the collector panicked:\n${running.panics()}`);
      }
      removeDir();
    },
  };
}

/** Spawns one collector process on `listen` and waits until it is bound. */
async function spawnCollector({ databaseUrl, token, demo = true, rateLimits = true, args: extra = [], env = {}, bin = BIN, listen, startupTimeout = STARTUP_TIMEOUT_MS, signal }) {
  const args = [
    'serve',
    '--listen', listen,
    '--database-url', databaseUrl,
    '--admin-token', token,
    ...(demo ? ['--demo'] : []),
    ...(rateLimits ? [] : ['--rate-limit-per-ip', '0', '--rate-limit-per-key', '0']),
    ...extra,
  ];
  const child = spawn(bin, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  const exited = new Promise((done) => {
    const gone = (code, how) => { live.delete(child); done({ code, signal: how }); };
    child.once('exit', gone);
    // A binary that could not be spawned emits `error` and never `exit`.
    child.once('error', () => { if (child.pid === undefined) gone(null, null); });
  });

  // Keep the tail of stderr to explain a failed start even without TEST_LOG.
  let stderrTail = '';
  // A panic anywhere in the collector fails the spec that caused it, even
  // when the client only saw a truncated body (`stop()` throws).
  let panics = '';
  child.stderr.on('data', (chunk) => {
    if (process.env.TEST_LOG) process.stderr.write(chunk);
    stderrTail = (stderrTail + chunk).slice(-4000);
    const text = String(chunk);
    if (text.includes('panicked at')) panics = (panics + text).slice(-4000);
  });

  let url;
  try {
    url = await new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`no address within ${startupTimeout} ms`)), startupTimeout);
      child.once('error', (error) => { clearTimeout(timer); fail(error); });
      signal?.addEventListener('abort', () => { clearTimeout(timer); fail(signal.reason); }, { once: true });
      exited.then(({ code, signal: how }) => { clearTimeout(timer); fail(new Error(`exited early (code ${code}, signal ${how})`)); });
      // Reading stdout to the end also keeps the pipe from filling up.
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (process.env.TEST_LOG) process.stderr.write(`[collector stdout] ${line}\n`);
        const match = /^listening on (https?:\/\/\S+)/.exec(line.trim());
        if (match) { clearTimeout(timer); ok(match[1].replace(/\/$/, '')); }
      });
    });
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    // A new Error: an abort reason (a DOMException) has a read-only message.
    throw new Error(`collector start failed: ${error?.message ?? error}\n${bin} ${args.join(' ')}\n--- collector stderr ---\n${stderrTail}`, { cause: error });
  }

  /** Ends the process (if still running); resolves to how it ended. */
  async function end(how) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(how);
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    return exited;
  }

  return { url, end, panics: () => panics };
}
