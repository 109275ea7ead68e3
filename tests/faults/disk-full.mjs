// Fault: the SQLite database's disk fills up under load.
//
// Each round:
//   1. mount a small tmpfs (`mount -t tmpfs -o size=…`: a real file system
//      that answers ENOSPC when full, as a full disk does; it needs root,
//      see below), start a collector with its database on it, and fill
//      all but `--room` MiB with a ballast file;
//   2. 16 workers POST answers with fresh ids, logging every request
//      (tests/faults/load.mjs), until the answers are refused, then 1.5 s
//      more; a stats read is made while it is full;
//   3. delete the ballast (space freed) and keep posting until an answer
//      is acknowledged again, then 2 s more;
//   4. SIGKILL the collector, start a new one on the same file (SQLite
//      replays its WAL), and check:
//      - every refusal was a 503 problem document with a code and
//        `Retry-After`, none took longer than HANG_LIMIT_MS;
//      - reads went on while full (the stats read answered 200);
//      - ingest resumed by itself within RECOVERY_LIMIT_MS of the space
//        being freed, with nothing but acknowledgements from a second on;
//      - nothing acknowledged is missing: every acknowledged id replays as
//        200 `created: false`; the stats count lies between the
//        acknowledged and attempted counts and equals the rows in the
//        file (`sqlite3`: an answer counted once), and
//        `PRAGMA integrity_check` says ok.
//
//   node tests/faults/disk-full.mjs [--rounds N] [--room MIB]
//
// Mounting needs root (or CAP_SYS_ADMIN): without it the script says so
// and exits 77 (skipped). RLIMIT_FSIZE (`ulimit -f`) would need no
// privilege, but it is not a full disk: writes past it fail with EFBIG
// (SQLITE_IOERR, not SQLITE_FULL), only for the limited process, and it
// kills the process with SIGXFSZ unless that is ignored. Needs
// `cargo build -p nps-collector` (or NPS_COLLECTOR_BIN) and `sqlite3`.
// Exits non-zero if any round fails; the last line reads `N passed, M failed`.
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { rmSync } from 'node:fs';
import { mkdtemp, rm, statfs, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs, promisify } from 'node:util';

import { kill9, replay, request, startCollector, stopCollector, storedCount } from '../crash/support.mjs';
import { ackRate, firstAckAfter, longestGap, secs, slowest, startLoad, tally } from './load.mjs';

const run = promisify(execFile);

const WORKERS = 16;
const TMPFS_MIB = 64;
const FILL_LIMIT_MS = 60_000;
const FULL_FOR_MS = 1_500;
const RECOVERY_LIMIT_MS = 10_000;
const HANG_LIMIT_MS = 5_000;
const AFTER_RECOVERY_MS = 2_000;
const SHOWN = 10;
const MIB = 1024 * 1024;

/** A refusal a client can act on: 503, a problem document, `Retry-After`. */
function clearRefusal(entry) {
  return entry.status === 503 && entry.code && entry.retryAfter
    && entry.contentType?.startsWith('application/problem+json');
}

/** Mounts a tmpfs of `mib` MiB on a new temp dir: `{ dir, dispose }`. */
async function smallDisk(mib) {
  const dir = await mkdtemp(join(tmpdir(), 'nps-full-'));
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${mib}m,mode=0700`, 'tmpfs', dir]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw Object.assign(new Error(`cannot mount a tmpfs on ${dir}: ${error.stderr?.trim() || error.message}`), { skip: true });
  }
  // Lazy: a collector SIGKILLed on the way out may still hold it a moment.
  const disposeNow = () => {
    try { execFileSync('umount', ['-l', dir], { stdio: 'ignore' }); } catch { /* best effort */ }
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', disposeNow);
  return {
    dir,
    async dispose() {
      process.off('exit', disposeNow);
      disposeNow();
    },
  };
}

async function freeBytes(dir) {
  const { bavail, bsize } = await statfs(dir);
  return bavail * bsize;
}

async function sqlite3(file, sql) {
  const { stdout } = await run('sqlite3', [file, sql], { timeout: 30_000 });
  return stdout.trim();
}

async function round(roomMib, signal) {
  const facts = {};
  const failures = [];
  const token = randomBytes(18).toString('hex');
  const started = [];
  let disk;
  try {
    disk = await smallDisk(TMPFS_MIB);
    const file = join(disk.dir, 'nps.db');
    const url = `sqlite://${file}`;
    const first = await startCollector(url, token, signal);
    started.push(first);
    const ballast = join(disk.dir, 'ballast');
    await writeFile(ballast, Buffer.alloc(Math.max(0, await freeBytes(disk.dir) - roomMib * MIB)));
    facts.room = await freeBytes(disk.dir);

    const load = startLoad([first], { workers: WORKERS, signal });
    const t = { load: performance.now() };
    const limit = t.load + FILL_LIMIT_MS;
    while (!load.log.some((e) => e.done !== undefined && !e.acked) && performance.now() < limit) {
      await sleep(50, null, { signal });
    }
    const refused = load.log.find((e) => e.done !== undefined && !e.acked);
    if (!refused) throw new Error(`the disk did not fill within ${secs(FILL_LIMIT_MS)} s`);
    t.full = refused.done;
    facts.fillTook = t.full - t.load;
    facts.ackedBeforeFull = load.log.filter((e) => e.acked && e.done <= t.full).length;
    const readStarted = performance.now();
    const headers = { Authorization: `Bearer ${token}` };
    const read = await request(first, { path: '/api/v1/stats?project=demo', headers }, signal)
      .catch((error) => ({ status: error.code ?? error.message }));
    facts.readWhileFull = `${read.status} in ${Math.round(performance.now() - readStarted)} ms`;
    await sleep(FULL_FOR_MS, null, { signal });

    await rm(ballast);
    t.freed = performance.now();
    const deadline = t.freed + RECOVERY_LIMIT_MS;
    while (!firstAckAfter(load.log, t.freed) && performance.now() < deadline) await sleep(50, null, { signal });
    const resumed = firstAckAfter(load.log, t.freed);
    if (resumed) await sleep(AFTER_RECOVERY_MS, null, { signal });
    await load.stop();
    t.end = performance.now();

    Object.assign(facts, {
      attempted: load.attempted.size,
      acked: load.acked.size,
      gap: longestGap(load.log, t.full, resumed?.done ?? t.end).gap,
      recovery: resumed ? resumed.done - t.freed : undefined,
      whileFull: tally(load.log.filter((e) => e.done >= t.full && e.done < (resumed?.done ?? t.end) && !e.acked)),
      slowest: slowest(load.log),
      rateBefore: ackRate(load.log, t.load, t.full),
    });
    if (resumed) facts.rateAfter = ackRate(load.log, resumed.done + AFTER_RECOVERY_MS / 2, t.end);

    const unclear = load.log.filter((e) => e.done !== undefined && !e.acked && !clearRefusal(e));
    if (unclear.length) {
      failures.push(`${unclear.length} refusal(s) were not a 503 problem with a code and Retry-After: ${JSON.stringify(tally(unclear))}`);
    }
    const odd = load.log.filter((e) => e.odd);
    if (odd.length) failures.push(`${odd.length} odd acknowledgement(s): ${odd.slice(0, SHOWN).map((e) => e.odd).join('; ')}`);
    if (facts.slowest > HANG_LIMIT_MS) failures.push(`a request waited ${secs(facts.slowest)} s for its answer (limit ${secs(HANG_LIMIT_MS)} s)`);
    if (read.status !== 200) failures.push(`a stats read while the disk was full → ${facts.readWhileFull}`);
    if (!resumed) failures.push(`no answer acknowledged within ${secs(RECOVERY_LIMIT_MS)} s of the space being freed`);
    else {
      const late = load.log.filter((e) => e.sent > resumed.done + 1_000 && !e.acked);
      if (late.length) failures.push(`${late.length} answer(s) refused more than 1 s after ingest resumed: ${JSON.stringify(tally(late))}`);
    }

    // Reopen: a new process on the same file, after an abrupt end.
    await kill9(first);
    const second = await startCollector(url, token, signal);
    started.push(second);
    const { lost, errors } = await replay(second, load.acked, signal);
    if (lost.length) failures.push(`${lost.length} acknowledged id(s) were not stored (replay answered 201): ${lost.slice(0, SHOWN).join(' ')}`);
    if (errors.length) failures.push(`${errors.length} replay(s) failed: ${errors.slice(0, SHOWN).join('; ')}`);
    facts.stored = await storedCount(second, signal) - lost.length;
    if (facts.stored < facts.acked) failures.push(`stored ${facts.stored} < acknowledged ${facts.acked}`);
    if (facts.stored > facts.attempted) failures.push(`stored ${facts.stored} > attempted ${facts.attempted}: rows invented or doubled`);
    // Throws if either panicked at any point of the round.
    for (const collector of started.splice(0)) await stopCollector(collector);
    facts.rows = Number(await sqlite3(file, 'SELECT count(*) FROM responses')) - lost.length;
    if (facts.rows !== facts.stored) failures.push(`the stats count ${facts.stored} answers, the file holds ${facts.rows}`);
    facts.integrity = await sqlite3(file, 'PRAGMA integrity_check');
    if (facts.integrity !== 'ok') failures.push(`integrity_check: ${facts.integrity}`);
  } catch (error) {
    if (error.skip) throw error;
    failures.push(error?.constructor === Error ? error.message : error?.stack ?? String(error));
  } finally {
    for (const collector of started) await stopCollector(collector).catch(() => {});
    await disk?.dispose();
  }
  return { facts, failures };
}

function describe(f) {
  const s = (ms) => (ms === undefined ? '?' : secs(ms));
  return `${f.room === undefined ? '?' : (f.room / MIB).toFixed(1)} MiB free: full after ${s(f.fillTook)} s `
    + `(${f.ackedBeforeFull ?? '?'} acked); while full ${JSON.stringify(f.whileFull ?? {})}, `
    + `stats read → ${f.readWhileFull ?? '?'}; gap ${s(f.gap)} s without an ack, `
    + `resumed ${s(f.recovery)} s after freeing; slowest answer ${s(f.slowest)} s; `
    + `acked ${f.acked ?? '?'}, attempted ${f.attempted ?? '?'}, stored ${f.stored ?? '?'}, rows ${f.rows ?? '?'}, `
    + `integrity ${f.integrity ?? '?'}; ${f.rateBefore ?? '?'} → ${f.rateAfter ?? '?'} acks/s before → after`;
}

async function main() {
  const { values } = parseArgs({
    options: { rounds: { type: 'string', default: '3' }, room: { type: 'string', default: '2' } },
  });
  const rounds = Number(values.rounds);
  const roomMib = Number(values.room);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 100 || !(roomMib > 0 && roomMib < TMPFS_MIB / 2)) {
    console.error(`usage: node tests/faults/disk-full.mjs [--rounds 1..100] [--room MIB, under ${TMPFS_MIB / 2}]`);
    return 2;
  }
  let passed = 0;
  for (let n = 1; n <= rounds; n++) {
    const signal = AbortSignal.timeout(FILL_LIMIT_MS + 60_000);
    setMaxListeners(4 * WORKERS, signal);
    let result;
    try {
      result = await round(roomMib, signal);
    } catch (error) {
      console.log(`SKIPPED: ${error.message}`);
      return 77;
    }
    const { facts, failures } = result;
    console.log(`round ${n}/${rounds} sqlite disk full: ${failures.length ? 'FAIL' : 'PASS'}  ${describe(facts)}`);
    for (const failure of failures) console.log(`  - ${failure}`);
    if (!failures.length) passed++;
  }
  console.log(`${passed} passed, ${rounds - passed} failed`);
  return passed === rounds ? 0 : 1;
}

process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));
process.exitCode = await main();
