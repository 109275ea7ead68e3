// The load every fault script runs, and the figures it reads off it.
//
// Workers POST answers with fresh UUIDs, spread over one or more
// collectors, and log every request: which collector, when it left, when
// its status line came back, the status, the problem `code`, `Retry-After`,
// or the error when no status came. A 201 (or a 200 `created: false`, see
// below) is an acknowledgement, `entry.acked`: its id must be stored,
// whatever happens next. Times are `performance.now()` ms.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { parseOrNull, post } from '../crash/support.mjs';

/** Pause after a refusal or an error, so a worker does not spin. */
const PAUSE_AFTER_REFUSAL_MS = 20;

/**
 * Starts `workers` workers on `collectors` (worker i starts on collector
 * i mod n, then takes turns). `retire(collector)` takes one out of the
 * rotation, as a load balancer does once a health check fails; `stop()`
 * ends the load and resolves once every worker is back.
 */
export function startLoad(collectors, { workers = 16, signal } = {}) {
  const load = {
    log: [],
    acked: new Set(),
    attempted: new Set(),
    rotation: [...collectors],
    stopping: false,
  };
  const worker = async (n) => {
    for (let i = n; !load.stopping && !signal?.aborted; i++) {
      const target = load.rotation[i % load.rotation.length];
      const entry = { id: randomUUID(), target, sent: performance.now() };
      load.attempted.add(entry.id);
      load.log.push(entry);
      try {
        const { status, text, headers } = await post(target, entry.id, signal);
        entry.done = performance.now();
        entry.status = status;
        const body = parseOrNull(text);
        // 200 `created: false` for a new id: an earlier try of this very
        // request was committed though its answer was lost (PostgreSQL cut
        // the connection after the commit) and the collector retried it.
        // Stored either way: an acknowledgement.
        if (status === 201 || (status === 200 && body?.created === false)) {
          entry.acked = true;
          load.acked.add(entry.id);
        }
        entry.code = body?.code;
        entry.retryAfter = headers['retry-after'];
        entry.contentType = headers['content-type'];
        if (entry.acked && (body ? body.id !== entry.id || body.created !== (status === 201) : false)) {
          entry.odd = `${status} with body ${text}`;
        }
      } catch (error) {
        entry.done = performance.now();
        entry.error = error.code ?? error.message;
      }
      if (!entry.acked) await sleep(PAUSE_AFTER_REFUSAL_MS);
    }
  };
  const running = Array.from({ length: workers }, (_, n) => worker(n));
  return {
    ...load,
    retire(collector) {
      load.rotation = load.rotation.filter((c) => c !== collector);
    },
    async stop() {
      load.stopping = true;
      await Promise.all(running);
    },
  };
}

/** What a request ended as: `201`, `503 storage_unavailable`, `ECONNREFUSED`… */
export function outcome(entry) {
  if (entry.error) return entry.error;
  return entry.code ? `${entry.status} ${entry.code}` : String(entry.status);
}

/** Counts of `outcome` over `entries`, most frequent first, as `{ name: n }`. */
export function tally(entries) {
  const counts = new Map();
  for (const entry of entries) counts.set(outcome(entry), (counts.get(outcome(entry)) ?? 0) + 1);
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]));
}

/**
 * The longest stretch without an acknowledgement (ms) between `from` and
 * `to`, measured between consecutive acknowledgements (and the
 * window's ends): `{ gap, start, end }`.
 */
export function longestGap(log, from, to) {
  const acks = log
    .filter((e) => e.acked && e.done >= from && e.done <= to)
    .map((e) => e.done)
    .sort((a, b) => a - b);
  let best = { gap: 0, start: from, end: from };
  let previous = from;
  for (const at of [...acks, to]) {
    if (at - previous > best.gap) best = { gap: at - previous, start: previous, end: at };
    previous = at;
  }
  return best;
}

/** The first acknowledgement completed at or after `t`, or undefined. */
export function firstAckAfter(log, t) {
  let first;
  for (const e of log) if (e.acked && e.done >= t && (!first || e.done < first.done)) first = e;
  return first;
}

/** Longest time (ms) a request waited for its status (or its error). */
export function slowest(entries) {
  return entries.reduce((most, e) => Math.max(most, (e.done ?? performance.now()) - e.sent), 0);
}

/** Seconds with one decimal, for reports. */
export const secs = (ms) => (ms / 1000).toFixed(1);

/** Acknowledgements per second over [from, to]. */
export function ackRate(log, from, to) {
  const n = log.filter((e) => e.acked && e.done >= from && e.done <= to).length;
  return Math.round(n / ((to - from) / 1000));
}
