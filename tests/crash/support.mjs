// What the crash test needs around the collector: start it on a given
// database, SIGKILL it, stop it, and make one fresh database per round
// (a SQLite file in a temp dir, or a PostgreSQL database that is dropped
// afterwards). Every child process is tracked and SIGKILLed when this
// Node process exits, however it exits, so a failure leaves nothing running.
//
// NPS_COLLECTOR_BIN overrides the binary; TEST_LOG=1 forwards its stderr;
// NPS_TEST_DATABASE_URL names a PostgreSQL server instead of starting one
// with tests/support/ensure-postgres.sh.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repository root (the collector serves `www/` relative to it). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = process.env.NPS_COLLECTOR_BIN ?? join(ROOT, 'target/debug/nps-collector');

const STARTUP_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 10_000;

const live = new Set();
// Databases not yet disposed of, each with a synchronous way to drop it.
const leftovers = new Set();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
  for (const drop of leftovers) { try { drop(); } catch { /* best effort on the way out */ } }
});

/**
 * Spawns `nps-collector serve` on `databaseUrl` and resolves once it
 * prints its address (or fails when `signal` aborts first). `exited`
 * resolves when the process is gone.
 */
export async function startCollector(databaseUrl, token, signal) {
  const args = [
    'serve', '--listen', '127.0.0.1:0', '--database-url', databaseUrl,
    '--admin-token', token, '--demo', '--rate-limit-per-ip', '0', '--rate-limit-per-key', '0',
  ];
  const child = spawn(BIN, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  const exited = new Promise((done) => {
    const gone = (code, signal) => { live.delete(child); done({ code, signal }); };
    child.once('exit', gone);
    // A binary that could not be spawned emits `error` and never `exit`.
    child.once('error', () => { if (child.pid === undefined) gone(null, null); });
  });
  let stderrTail = '';
  child.stderr.on('data', (chunk) => {
    if (process.env.TEST_LOG) process.stderr.write(chunk);
    stderrTail = (stderrTail + chunk).slice(-4000);
  });
  try {
    const url = await new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`no address within ${STARTUP_TIMEOUT_MS} ms`)), STARTUP_TIMEOUT_MS);
      child.once('error', (error) => { clearTimeout(timer); fail(error); });
      signal?.addEventListener('abort', () => { clearTimeout(timer); fail(signal.reason); }, { once: true });
      exited.then(({ code, signal }) => { clearTimeout(timer); fail(new Error(`exited early (code ${code}, signal ${signal})`)); });
      // Reading stdout to the end also keeps the pipe from filling up.
      createInterface({ input: child.stdout }).on('line', (line) => {
        const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line.trim());
        if (match) { clearTimeout(timer); ok(match[1]); }
      });
    });
    return { url, token, child, exited, agent: new Agent({ keepAlive: true }) };
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    error.message = `collector start failed: ${error.message}\n${BIN} ${args.join(' ')}\n--- stderr ---\n${stderrTail}`;
    throw error;
  }
}

/** SIGKILL: no shutdown hook, no drain, no last flush. */
export async function kill9(collector) {
  // The agent's sockets stay open: answers the collector sent before it
  // died are still in them, and they are acknowledgements.
  collector.child.kill('SIGKILL');
  return collector.exited;
}

/** SIGTERM (graceful), SIGKILL if it is still there after a few seconds. */
export async function stopCollector(collector) {
  if (!collector) return;
  collector.agent.destroy();
  if (collector.child.exitCode !== null || collector.child.signalCode !== null) return;
  collector.child.kill('SIGTERM');
  const timer = setTimeout(() => collector.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await collector.exited;
  clearTimeout(timer);
}

/**
 * One HTTP request over the collector's keep-alive connections (node:http:
 * a quarter of `fetch`'s CPU per request, so the load keeps the collector,
 * not this process, busy). Resolves `{ status, text }` once the status line
 * is in; `text` is null when the connection died before the body ended.
 * Rejects when no status came at all.
 */
export function request(collector, { method = 'GET', path, body, headers = {} }, signal) {
  return new Promise((ok, fail) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(`${collector.url}${path}`, {
      method,
      agent: collector.agent,
      signal,
      timeout: REQUEST_TIMEOUT_MS,
      headers: payload ? { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : headers,
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => ok({ status: res.statusCode, text }));
      // Settling twice is a no-op: after `end`, these change nothing.
      res.on('error', () => ok({ status: res.statusCode, text: null }));
      res.on('close', () => ok({ status: res.statusCode, text: null }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', fail);
    req.end(payload);
  });
}

let postgresServer;

/** The URL of a PostgreSQL server for fresh databases (started once). */
async function postgres() {
  postgresServer ??= process.env.NPS_TEST_DATABASE_URL
    ? Promise.resolve(process.env.NPS_TEST_DATABASE_URL)
    : run('bash', [join(ROOT, 'tests/support/ensure-postgres.sh')], { timeout: 180_000 })
      .then(({ stdout }) => stdout.trim().split('\n').pop());
  return postgresServer;
}

function psql(server, sql) {
  return run('psql', ['-q', '-v', 'ON_ERROR_STOP=1', server, '-c', sql], { timeout: 20_000 });
}

/**
 * A fresh, empty database for one round: `{ url, dispose }`. `dispose`
 * deletes it (and its temp dir); call it after the collector is gone.
 */
export async function freshDatabase(backend) {
  const dir = await mkdtemp(join(tmpdir(), 'nps-crash-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  leftovers.add(removeDir);
  const database = (url, drop = () => {}) => ({
    url,
    async dispose() {
      leftovers.delete(removeDir);
      await drop();
      await rm(dir, { recursive: true, force: true });
    },
  });
  if (backend === 'sqlite') return database(`sqlite://${join(dir, 'nps.db')}`);
  try {
    const server = await postgres();
    const name = `nps_crash_${process.pid}_${randomBytes(4).toString('hex')}`;
    await psql(server, `CREATE DATABASE ${name}`);
    const dropSql = `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`;
    const dropNow = () => execFileSync('psql', ['-q', server, '-c', dropSql], { stdio: 'ignore', timeout: 5_000 });
    leftovers.add(dropNow);
    const url = new URL(server);
    url.pathname = `/${name}`;
    return database(url.href, async () => {
      leftovers.delete(dropNow);
      await psql(server, dropSql).catch(() => {});
    });
  } catch (error) {
    leftovers.delete(removeDir);
    removeDir();
    throw error;
  }
}
