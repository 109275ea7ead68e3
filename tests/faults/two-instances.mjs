// Fault: one of two collector instances on one PostgreSQL database is
// killed (SIGKILL) under load, as when a host of a load-balanced pair dies.
//
// Each round:
//   1. start instances A and B on one fresh database; 16 workers POST
//      answers with fresh ids, taking turns between them, logging every
//      request (tests/faults/load.mjs);
//   2. after a random 500–1500 ms, SIGKILL A and take it out of the
//      rotation (the load balancer's health check); requests it had in
//      flight are "unknown": stored or not, both fine;
//   3. keep posting to B alone for 2 s, then stop and check:
//      - B went on answering: every request it got was acknowledged, and
//        none waited longer than HANG_LIMIT_MS;
//      - no acknowledged answer was lost, from either instance: each
//        replays through B as 200 `created: false`;
//      - each answer is counted once: B's stats count equals the rows in
//        the database, lies between the acknowledged and attempted counts,
//        and is the same after the replay.
//
//   node tests/faults/two-instances.mjs [--rounds N]
//
// Uses the shared test server (tests/support/ensure-postgres.sh, or
// NPS_TEST_DATABASE_URL), which only gets a database created and dropped.
// Needs `cargo build -p nps-collector` (or NPS_COLLECTOR_BIN) and `psql`.
// Exits non-zero if any round fails; the last line reads `N passed, M failed`.
import { randomBytes, randomInt } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

import {
  freshDatabase, kill9, replay, responseRows, startCollector, stopCollector, storedCount,
} from '../crash/support.mjs';
import { ackRate, secs, slowest, startLoad, tally } from './load.mjs';

const WORKERS = 16;
const AFTER_KILL_MS = 2_000;
const HANG_LIMIT_MS = 5_000;
const SHOWN = 10;

async function round(signal) {
  const facts = {};
  const failures = [];
  const token = randomBytes(18).toString('hex');
  const started = [];
  let database;
  try {
    database = await freshDatabase('postgres');
    // One after the other: the first creates the schema and the demo project.
    const a = await startCollector(database.url, token, signal);
    started.push(a);
    const b = await startCollector(database.url, token, signal);
    started.push(b);
    const load = startLoad([a, b], { workers: WORKERS, signal });
    facts.killAfterMs = randomInt(500, 1501);
    await sleep(facts.killAfterMs, null, { signal });

    load.retire(a);
    const killedAt = performance.now();
    const { signal: how } = await kill9(a);
    if (how !== 'SIGKILL') failures.push(`A had exited on its own (${how})`);
    await sleep(AFTER_KILL_MS, null, { signal });
    await load.stop();
    const end = performance.now();

    const fromA = load.log.filter((e) => e.target === a);
    const fromB = load.log.filter((e) => e.target === b);
    const inFlightAtKill = fromA.filter((e) => !e.acked);
    Object.assign(facts, {
      attempted: load.attempted.size,
      acked: load.acked.size,
      ackedByA: fromA.filter((e) => e.acked).length,
      ackedByB: fromB.filter((e) => e.acked).length,
      unknown: inFlightAtKill.length,
      unknownWere: tally(inFlightAtKill),
      rateBBefore: ackRate(fromB, killedAt - facts.killAfterMs / 2, killedAt),
      rateBAfter: ackRate(fromB, killedAt + AFTER_KILL_MS / 4, end),
      slowestB: slowest(fromB),
    });

    const refusedByB = fromB.filter((e) => !e.acked);
    if (refusedByB.length) failures.push(`B refused or dropped ${refusedByB.length} answer(s): ${JSON.stringify(tally(refusedByB))}`);
    if (facts.slowestB > HANG_LIMIT_MS) failures.push(`B took ${secs(facts.slowestB)} s to answer a request (limit ${secs(HANG_LIMIT_MS)} s)`);
    if (!fromB.some((e) => e.acked && e.sent > killedAt)) failures.push('B acknowledged nothing after A was killed');
    if (!facts.ackedByA) failures.push('A acknowledged nothing before its kill: the round proves nothing');
    const strayA = fromA.filter((e) => !e.acked && e.done < killedAt);
    if (strayA.length) failures.push(`A refused ${strayA.length} answer(s) before its kill: ${JSON.stringify(tally(strayA))}`);
    const odd = load.log.filter((e) => e.odd);
    if (odd.length) failures.push(`${odd.length} odd acknowledgement(s): ${odd.slice(0, SHOWN).map((e) => e.odd).join('; ')}`);

    facts.stored = await storedCount(b, signal);
    facts.rows = await responseRows(database.url);
    if (facts.stored !== facts.rows) failures.push(`the stats count ${facts.stored} answers, the database holds ${facts.rows}`);
    if (facts.stored < facts.acked) failures.push(`stored ${facts.stored} < acknowledged ${facts.acked}`);
    if (facts.stored > facts.attempted) failures.push(`stored ${facts.stored} > attempted ${facts.attempted}: rows invented or doubled`);
    const { lost, errors } = await replay(b, load.acked, signal);
    if (lost.length) failures.push(`${lost.length} acknowledged id(s) were not stored (replay answered 201): ${lost.slice(0, SHOWN).join(' ')}`);
    if (errors.length) failures.push(`${errors.length} replay(s) failed: ${errors.slice(0, SHOWN).join('; ')}`);
    const afterReplay = await storedCount(b, signal);
    if (afterReplay !== facts.stored + lost.length) failures.push(`stored ${afterReplay} after replaying, expected ${facts.stored + lost.length}`);
    // Throws if either panicked at any point of the round.
    for (const collector of started.splice(0)) await stopCollector(collector);
  } catch (error) {
    failures.push(error?.constructor === Error ? error.message : error?.stack ?? String(error));
  } finally {
    for (const collector of started) await stopCollector(collector).catch(() => {});
    await database?.dispose().catch(() => {});
  }
  return { facts, failures };
}

function describe(f) {
  const q = (v) => v ?? '?';
  return `kill A at ${q(f.killAfterMs)} ms: acked ${q(f.acked)} (A ${q(f.ackedByA)}, B ${q(f.ackedByB)}), `
    + `attempted ${q(f.attempted)}, unknown ${q(f.unknown)} ${JSON.stringify(f.unknownWere ?? {})}; `
    + `stored ${q(f.stored)}, rows ${q(f.rows)}; B ${q(f.rateBBefore)} → ${q(f.rateBAfter)} acks/s, `
    + `slowest ${f.slowestB === undefined ? '?' : secs(f.slowestB)} s`;
}

async function main() {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 100) {
    console.error('usage: node tests/faults/two-instances.mjs [--rounds 1..100]');
    return 2;
  }
  let passed = 0;
  for (let n = 1; n <= rounds; n++) {
    const signal = AbortSignal.timeout(60_000);
    setMaxListeners(4 * WORKERS, signal);
    const { facts, failures } = await round(signal);
    console.log(`round ${n}/${rounds} postgres, two instances, one killed: ${failures.length ? 'FAIL' : 'PASS'}  ${describe(facts)}`);
    for (const failure of failures) console.log(`  - ${failure}`);
    if (!failures.length) passed++;
  }
  console.log(`${passed} passed, ${rounds - passed} failed`);
  return passed === rounds ? 0 : 1;
}

process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));
process.exitCode = await main();
