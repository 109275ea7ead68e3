// Crash durability: a response the collector acknowledged survives a kill -9.
//
// The collector answers 201 only once the row is committed (SQLite: group
// commit, WAL, synchronous=FULL; PostgreSQL: group commit as well).
// Each round proves that promise holds at an arbitrary instant under load:
//   1. start the collector on a fresh database;
//   2. 32 workers POST responses with fresh UUIDs as fast as it answers,
//      noting every id sent and every id answered 201;
//   3. after a random 300–1500 ms, SIGKILL it: no shutdown hook, no drain.
//      Requests cut off by the kill are "unknown": stored or not, both fine;
//   4. restart it on the same database (SQLite replays its WAL here);
//   5. check that the stored count lies between the acknowledged and the
//      attempted counts (nothing lost, nothing invented or doubled), that
//      every acknowledged id replays as 200 `created: false` (it was stored
//      before the crash; a 201 here is a lost write), and that a new id
//      still gets 201 (the database is healthy after the crash).
// A process kill leaves the OS page cache intact, so this tests that the
// acknowledgement never runs ahead of the commit, not the fsync on power loss.
// On PostgreSQL only the collector dies, not the database server.
//
//   node tests/crash/kill9.mjs [--rounds N] [--backend sqlite|postgres]
//
// Needs `cargo build -p nps-collector` (or NPS_COLLECTOR_BIN). Exits non-zero
// if any round fails; the last line reads `N passed, M failed`.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

import {
  freshDatabase, kill9, parseOrNull, post, replay, startCollector, stopCollector, storedCount,
} from './support.mjs';

const WORKERS = 32;
const MAX_POSTS_PER_WORKER = 20_000;
const ROUND_TIMEOUT_MS = 15_000; // a round takes 1–3 s; 3 rounds stay under a minute
const SHOWN = 10; // ids listed per failure

/** Steps 2 and 3: load, SIGKILL mid-load, wait for every worker to end. */
async function loadThenKill(collector, killAfterMs, signal) {
  const run = { acked: new Set(), attempted: new Set(), unknown: 0, anomalies: [], killed: false };
  const worker = async () => {
    for (let i = 0; i < MAX_POSTS_PER_WORKER && !run.killed && !signal.aborted; i++) {
      const id = randomUUID();
      run.attempted.add(id);
      try {
        const { status, text } = await post(collector, id, signal);
        // The status line leaves only after the commit: it is the
        // acknowledgement, even if the kill cuts the body off.
        if (status === 201) run.acked.add(id);
        const body = parseOrNull(text);
        if (status !== 201) run.anomalies.push(`POST ${id} → ${status} ${text}`);
        else if (body ? body.id !== id || body.created !== true : !run.killed) {
          run.anomalies.push(`POST ${id} → 201 with body ${text}`);
        }
      } catch (error) {
        if (run.killed) run.unknown++;
        else run.anomalies.push(`POST ${id} failed before the kill: ${error.code ?? error.message}`);
      }
    }
  };
  const workers = Array.from({ length: WORKERS }, worker);
  await sleep(killAfterMs, null, { signal });
  run.killed = true;
  const { code, signal: how } = await kill9(collector);
  if (how !== 'SIGKILL') run.anomalies.push(`the collector had exited on its own (code ${code}, signal ${how})`);
  await Promise.all(workers);
  return run;
}

async function round(backend, signal) {
  const facts = {};
  const failures = [];
  const token = randomBytes(18).toString('hex');
  const started = [];
  let database;
  try {
    database = await freshDatabase(backend);
    started.push(await startCollector(database.url, token, signal));
    facts.killAfterMs = randomInt(300, 1501);
    const run = await loadThenKill(started[0], facts.killAfterMs, signal);
    Object.assign(facts, { acked: run.acked.size, attempted: run.attempted.size, unknown: run.unknown });
    failures.push(...run.anomalies.slice(0, SHOWN));
    if (run.anomalies.length > SHOWN) failures.push(`… and ${run.anomalies.length - SHOWN} more anomalies during the load`);
    if (run.acked.size === 0) failures.push('nothing was acknowledged before the kill: the round proves nothing');

    const collector = await startCollector(database.url, token, signal);
    started.push(collector);
    facts.stored = await storedCount(collector, signal);
    if (facts.stored < facts.acked) failures.push(`stored ${facts.stored} < acknowledged ${facts.acked}: acknowledged responses were lost`);
    if (facts.stored > facts.attempted) failures.push(`stored ${facts.stored} > attempted ${facts.attempted}: rows invented or doubled`);

    const { lost, errors } = await replay(collector, run.acked, signal);
    facts.replayed = run.acked.size - lost.length - errors.length;
    if (lost.length) failures.push(`${lost.length} acknowledged id(s) were not stored (replay answered 201): ${lost.slice(0, SHOWN).join(' ')}`);
    if (errors.length) failures.push(`${errors.length} replay(s) failed: ${errors.slice(0, SHOWN).join('; ')}`);
    const afterReplay = await storedCount(collector, signal);
    if (afterReplay !== facts.stored + lost.length) failures.push(`stored ${afterReplay} after replaying, expected ${facts.stored + lost.length}`);

    const id = randomUUID();
    const { status, text } = await post(collector, id, signal);
    facts.fresh = status;
    if (status !== 201 || parseOrNull(text)?.created !== true) failures.push(`a new id after the restart → ${status} ${text}`);
  } catch (error) {
    // Our own errors explain themselves; anything else (a TypeError…) needs its stack.
    failures.push(error?.constructor === Error ? error.message : error?.stack ?? String(error));
  } finally {
    for (const collector of started) await stopCollector(collector).catch(() => {});
    await database?.dispose().catch(() => {});
  }
  return { facts, failures };
}

function describe({ killAfterMs, acked, attempted, unknown, stored, replayed, fresh }) {
  return `kill at ${killAfterMs ?? '?'} ms: acked ${acked ?? '?'}, attempted ${attempted ?? '?'}, `
    + `unknown ${unknown ?? '?'}, stored ${stored ?? '?'}; `
    + `replayed ${replayed ?? '?'}/${acked ?? '?'} as created:false; new id → ${fresh ?? '?'}`;
}

async function main() {
  const { values } = parseArgs({
    options: { rounds: { type: 'string', default: '3' }, backend: { type: 'string', default: 'sqlite' } },
  });
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 100 || !['sqlite', 'postgres'].includes(values.backend)) {
    console.error('usage: node tests/crash/kill9.mjs [--rounds 1..100] [--backend sqlite|postgres]');
    return 2;
  }
  let passed = 0;
  for (let n = 1; n <= rounds; n++) {
    const signal = AbortSignal.timeout(ROUND_TIMEOUT_MS);
    setMaxListeners(4 * WORKERS, signal); // one per request in flight
    const { facts, failures } = await round(values.backend, signal);
    console.log(`round ${n}/${rounds} ${values.backend}: ${failures.length ? 'FAIL' : 'PASS'}  ${describe(facts)}`);
    for (const failure of failures) console.log(`  - ${failure}`);
    if (!failures.length) passed++;
  }
  console.log(`${passed} passed, ${rounds - passed} failed`);
  return passed === rounds ? 0 : 1;
}

// Ctrl-C still runs the `exit` hooks: tests/support/collector.mjs kills the
// children, support.mjs drops the databases.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));
process.exitCode = await main();
