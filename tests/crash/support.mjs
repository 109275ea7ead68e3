// What the crash test and the fault scripts (tests/faults/) need around the
// collector: start it on a given database with the rate limits off, SIGKILL
// it, stop it, talk to it over keep-alive connections, post answers and
// replay them, and make one fresh database per round (a SQLite file in a
// temp dir, or a PostgreSQL database that is dropped afterwards).
// The process itself is started by tests/support/collector.mjs, which also
// SIGKILLs it if this Node process exits; the databases not yet disposed of
// are dropped here on exit, so a failure leaves nothing behind.
//
// NPS_COLLECTOR_BIN overrides the binary; TEST_LOG=1 forwards its stderr;
// NPS_TEST_DATABASE_URL names a PostgreSQL server instead of starting one
// with tests/support/ensure-postgres.sh.
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { ROOT, startCollector as launch } from '../support/collector.mjs';

const run = promisify(execFile);

const STARTUP_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 10_000;

// Databases not yet disposed of, each with a synchronous way to drop it.
const leftovers = new Set();
process.on('exit', () => {
  for (const drop of leftovers) { try { drop(); } catch { /* best effort on the way out */ } }
});

/**
 * Starts the collector on `databaseUrl` (rate limits off: the load is the
 * point) and resolves once it is listening, or fails when `signal` aborts
 * first. `agent` holds the keep-alive connections `request` uses.
 */
export async function startCollector(databaseUrl, token, signal) {
  const collector = await launch({ databaseUrl, token, signal, rateLimits: false, startupTimeout: STARTUP_TIMEOUT_MS });
  return { ...collector, agent: new Agent({ keepAlive: true }) };
}

/** SIGKILL: no shutdown hook, no drain, no last flush. Resolves to how it ended. */
export function kill9(collector) {
  // The agent's sockets stay open: answers the collector sent before it
  // died are still in them, and they are acknowledgements.
  return collector.halt();
}

/** SIGTERM (graceful), SIGKILL if it is still there after a few seconds. */
export async function stopCollector(collector) {
  if (!collector) return;
  collector.agent.destroy();
  await collector.stop();
}

/**
 * One HTTP request over the collector's keep-alive connections (node:http:
 * a quarter of `fetch`'s CPU per request, so the load keeps the collector,
 * not this process, busy). Resolves `{ status, text }` once the status line
 * is in; `text` is null when the connection died before the body ended.
 * `headers` are the response's (lower-case names). Rejects when no status
 * came at all.
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
      const { statusCode: status, headers: received } = res;
      res.on('end', () => ok({ status, text, headers: received }));
      // Settling twice is a no-op: after `end`, these change nothing.
      res.on('error', () => ok({ status, text: null, headers: received }));
      res.on('close', () => ok({ status, text: null, headers: received }));
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

/** The rows of `responses` in a PostgreSQL database, counted by psql. */
export async function responseRows(databaseUrl) {
  const { stdout } = await run('psql', ['-tAq', databaseUrl, '-c', 'SELECT count(*) FROM responses'], { timeout: 20_000 });
  return Number(stdout.trim());
}

/**
 * A fresh, empty database for one round: `{ url, dispose }`. `dispose`
 * deletes it (and its temp dir); call it after the collector is gone.
 * `server` names the PostgreSQL server to create it on (default: the
 * shared test server); `dir` the directory for the SQLite file (default:
 * a new temp dir, deleted by `dispose`).
 */
export async function freshDatabase(backend, { server: given, dir: inDir } = {}) {
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
  if (backend === 'sqlite') return database(`sqlite://${join(inDir ?? dir, 'nps.db')}`);
  try {
    const server = given ?? await postgres();
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

/** POSTs an answer with client id `id` and a random score. */
export function post(collector, id, signal) {
  const body = { id, key: 'demo', score: randomInt(11) };
  return request(collector, { method: 'POST', path: '/api/v1/responses', body }, signal);
}

/** The stored answer count the stats report (admin token needed). */
export async function storedCount(collector, signal) {
  const headers = { Authorization: `Bearer ${collector.token}` };
  const { status, text } = await request(collector, { path: '/api/v1/stats?project=demo', headers }, signal);
  if (status !== 200) throw new Error(`GET /api/v1/stats → ${status} ${text}`);
  return JSON.parse(text).responses;
}

/** JSON.parse, or null for a cut-off or non-JSON body. */
export function parseOrNull(text) {
  try { return JSON.parse(text); } catch { return null; }
}

const REPLAY_CONCURRENCY = 32;

/**
 * Re-POSTs every id in `ids`; sorts the answers that are not 200
 * `created: false`: `lost` (201: it was not stored before) and `errors`.
 */
export async function replay(collector, ids, signal) {
  const queue = [...ids];
  const lost = [];
  const errors = [];
  let next = 0;
  const worker = async () => {
    while (next < queue.length && !signal?.aborted) {
      const id = queue[next++];
      try {
        const { status, text } = await post(collector, id, signal);
        const body = parseOrNull(text);
        if (status === 200 && body?.id === id && body.created === false) continue;
        if (status === 201) lost.push(id);
        else errors.push(`${id} → ${status} ${text}`);
      } catch (error) {
        errors.push(`${id} → ${error.code ?? error.message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: REPLAY_CONCURRENCY }, worker));
  return { lost, errors };
}
