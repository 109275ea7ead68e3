// Fault: PostgreSQL restarted under load.
//
// Each round, on a cluster of this script's own (tests/faults/cluster.mjs):
//   1. start a collector on a fresh database; 16 workers POST answers with
//      fresh ids, logging every request (tests/faults/load.mjs);
//   2. after 1 s, stop PostgreSQL (`pg_ctl stop -m fast`: every session is
//      cut; with `--mode immediate`, a crash: no checkpoint, and the start
//      replays the WAL), keep it down for `--down` seconds, start it again;
//   3. keep posting until an answer is acknowledged again, then 2 s more;
//   4. check, on the same collector process (it is never restarted):
//      - no acknowledged (201) answer was lost: each replays as 200
//        `created: false`; the stats count lies between the acknowledged
//        and the attempted counts and equals the rows in the database;
//      - it recovered by itself: an acknowledgement within
//        RECOVERY_LIMIT_MS of the server accepting connections again, and
//        nothing but acknowledgements from a second after that;
//      - in between, every refusal was a 503 problem document with a code
//        and `Retry-After`, none took longer than HANG_LIMIT_MS, and a
//        stats read made in the outage was answered as fast, with a 503
//        and `Retry-After` (or a 200 if the server was back by then);
//   5. report the gap without acknowledgements, what the clients got in
//      it, and the recovery time: from `pg_ctl start` to the first
//      acknowledgement (which includes PostgreSQL's own start-up).
//
//   node tests/faults/pg-restart.mjs [--rounds N] [--down SECONDS] [--mode fast|immediate]
//
// Needs `cargo build -p nps-collector` (or NPS_COLLECTOR_BIN) and the
// PostgreSQL server binaries (installed by ensure-postgres.sh if missing).
// FAULTS_DEBUG=1 prints the timeline and every answer slower than 1.5 s.
// Exits non-zero if any round fails; the last line reads `N passed, M failed`.
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

import {
  freshDatabase, replay, request, responseRows, startCollector, stopCollector, storedCount,
} from '../crash/support.mjs';
import { ownCluster } from './cluster.mjs';
import { ackRate, firstAckAfter, longestGap, outcome, secs, slowest, startLoad, tally } from './load.mjs';

const WORKERS = 16;
const WARMUP_MS = 1_000;
const RECOVERY_LIMIT_MS = 10_000;
const HANG_LIMIT_MS = 5_000;
const AFTER_RECOVERY_MS = 2_000;
const SHOWN = 10;

/** A refusal a client can act on: 503, a problem document, `Retry-After`. */
function clearRefusal(entry) {
  return entry.status === 503 && entry.code && entry.retryAfter
    && entry.contentType?.startsWith('application/problem+json');
}

async function round(cluster, { downMs, mode }, signal) {
  const facts = { downMs, mode };
  const failures = [];
  const token = randomBytes(18).toString('hex');
  let database;
  let collector;
  try {
    database = await freshDatabase('postgres', { server: cluster.url });
    collector = await startCollector(database.url, token, signal);
    const load = startLoad([collector], { workers: WORKERS, signal });
    await sleep(WARMUP_MS, null, { signal });

    const t = { stop: performance.now() };
    facts.rateBefore = ackRate(load.log, t.stop - WARMUP_MS / 2, t.stop);
    await cluster.stop(mode);
    t.down = performance.now();
    // A dashboard read while the server is down: answered, and clearly.
    const headers = { Authorization: `Bearer ${token}` };
    const read = { sent: performance.now() };
    const reading = request(collector, { path: '/api/v1/stats?project=demo', headers }, signal)
      .then(({ status, headers: h }) => Object.assign(read, { status, retryAfter: h['retry-after'] }),
        (error) => Object.assign(read, { error: error.code ?? error.message }))
      .finally(() => { read.done = performance.now(); });
    await sleep(downMs, null, { signal });
    t.start = performance.now();
    await cluster.start();
    t.up = performance.now();
    await reading;
    facts.read = read.error ?? `${read.status}${read.retryAfter ? ` (Retry-After ${read.retryAfter})` : ''} `
      + `after ${secs(read.done - read.sent)} s`;

    // From the start command: `pg_ctl start -w` polls, so it may return
    // after the server has begun to accept connections.
    const limit = t.up + RECOVERY_LIMIT_MS;
    while (!firstAckAfter(load.log, t.start) && performance.now() < limit) await sleep(50, null, { signal });
    const first = firstAckAfter(load.log, t.start);
    if (first) await sleep(AFTER_RECOVERY_MS, null, { signal });
    await load.stop();
    t.end = performance.now();

    const gap = longestGap(load.log, t.stop - WARMUP_MS / 2, first?.done ?? t.end);
    Object.assign(facts, {
      attempted: load.attempted.size,
      acked: load.acked.size,
      stopTook: t.down - t.stop,
      startTook: t.up - t.start,
      gap: gap.gap,
      recovery: first ? first.done - t.start : undefined,
    });
    const between = load.log.filter((e) => e.done >= t.stop && (!first || e.done <= first.done) && !e.acked);
    facts.between = tally(between);
    facts.slowest = slowest(load.log);
    if (process.env.FAULTS_DEBUG) {
      const rel = (x) => ((x - t.stop) / 1000).toFixed(2);
      console.log(`  s since the stop: down ${rel(t.down)}, start ${rel(t.start)}, up ${rel(t.up)}, first ack ${first ? rel(first.done) : '-'}`);
      for (const e of load.log.filter((x) => x.done - x.sent > 1500)) console.log(`  slow: sent ${rel(e.sent)}, answered ${rel(e.done)}: ${outcome(e)}`);
    }
    if (first) facts.rateAfter = ackRate(load.log, first.done + AFTER_RECOVERY_MS / 2, t.end);

    if (!first) failures.push(`no answer acknowledged within ${secs(RECOVERY_LIMIT_MS)} s of PostgreSQL accepting connections again`);
    else if (first.done - t.up > RECOVERY_LIMIT_MS) failures.push(`the first acknowledgement came ${secs(first.done - t.up)} s after PostgreSQL accepted connections again`);
    const unclear = load.log.filter((e) => e.done !== undefined && !e.acked && !clearRefusal(e));
    if (unclear.length) {
      failures.push(`${unclear.length} refusal(s) were not a 503 problem with a code and Retry-After: ${JSON.stringify(tally(unclear))}`);
    }
    const odd = load.log.filter((e) => e.odd);
    if (odd.length) failures.push(`${odd.length} odd acknowledgement(s): ${odd.slice(0, SHOWN).map((e) => e.odd).join('; ')}`);
    if (facts.slowest > HANG_LIMIT_MS) failures.push(`a request waited ${secs(facts.slowest)} s for its answer (limit ${secs(HANG_LIMIT_MS)} s)`);
    const readClear = read.status === 200 || (read.status === 503 && read.retryAfter);
    if (!readClear || read.done - read.sent > HANG_LIMIT_MS) failures.push(`a stats read during the outage → ${facts.read}`);
    if (first) {
      const late = load.log.filter((e) => e.sent > first.done + 1_000 && !e.acked);
      if (late.length) failures.push(`${late.length} answer(s) refused more than 1 s after recovery: ${JSON.stringify(tally(late))}`);
    }
    if (!load.log.some((e) => e.acked && e.done < t.stop)) failures.push('nothing was acknowledged before the restart: the round proves nothing');

    const { lost, errors } = await replay(collector, load.acked, signal);
    if (lost.length) failures.push(`${lost.length} acknowledged id(s) were not stored (replay answered 201): ${lost.slice(0, SHOWN).join(' ')}`);
    if (errors.length) failures.push(`${errors.length} replay(s) failed: ${errors.slice(0, SHOWN).join('; ')}`);
    facts.stored = await storedCount(collector, signal) - lost.length;
    facts.rows = await responseRows(database.url) - lost.length;
    if (facts.rows !== facts.stored) failures.push(`the stats count ${facts.stored} answers, the database holds ${facts.rows}`);
    if (facts.stored < facts.acked) failures.push(`stored ${facts.stored} < acknowledged ${facts.acked}`);
    if (facts.stored > facts.attempted) failures.push(`stored ${facts.stored} > attempted ${facts.attempted}: rows invented or doubled`);
    // Throws if it panicked at any point of the round.
    await stopCollector(collector);
    collector = undefined;
  } catch (error) {
    failures.push(error?.constructor === Error ? error.message : error?.stack ?? String(error));
  } finally {
    await stopCollector(collector).catch(() => {});
    await database?.dispose().catch(() => {});
  }
  return { facts, failures };
}

function describe(f) {
  return `down ${secs(f.downMs)} s (stop took ${f.stopTook === undefined ? '?' : secs(f.stopTook)} s): `
    + `gap ${f.gap === undefined ? '?' : secs(f.gap)} s without an ack, `
    + `first ack ${f.recovery === undefined ? '?' : secs(f.recovery)} s after the start command `
    + `(PostgreSQL took ${f.startTook === undefined ? '?' : secs(f.startTook)} s); `
    + `in between ${JSON.stringify(f.between ?? {})}; slowest answer ${f.slowest === undefined ? '?' : secs(f.slowest)} s; `
    + `stats read in the outage → ${f.read ?? '?'}; `
    + `acked ${f.acked ?? '?'}, attempted ${f.attempted ?? '?'}, stored ${f.stored ?? '?'}, rows ${f.rows ?? '?'}; `
    + `${f.rateBefore ?? '?'} → ${f.rateAfter ?? '?'} acks/s before → after`;
}

async function main() {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '3' },
      down: { type: 'string', default: '3' },
      mode: { type: 'string', default: 'fast' },
    },
  });
  const rounds = Number(values.rounds);
  const downMs = Number(values.down) * 1000;
  const { mode } = values;
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 100 || !(downMs >= 0 && downMs <= 120_000)
    || !['fast', 'immediate'].includes(mode)) {
    console.error('usage: node tests/faults/pg-restart.mjs [--rounds 1..100] [--down 0..120] [--mode fast|immediate]');
    return 2;
  }
  const cluster = await ownCluster();
  let passed = 0;
  try {
    for (let n = 1; n <= rounds; n++) {
      const signal = AbortSignal.timeout(downMs + 60_000);
      setMaxListeners(4 * WORKERS, signal);
      const { facts, failures } = await round(cluster, { downMs, mode }, signal);
      console.log(`round ${n}/${rounds} postgres ${mode === 'fast' ? 'restart' : 'crash and restart'}: ${failures.length ? 'FAIL' : 'PASS'}  ${describe(facts)}`);
      for (const failure of failures) console.log(`  - ${failure}`);
      if (!failures.length) passed++;
    }
  } finally {
    await cluster.dispose();
  }
  console.log(`${passed} passed, ${rounds - passed} failed`);
  return passed === rounds ? 0 : 1;
}

process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));
process.exitCode = await main();
