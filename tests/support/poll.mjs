// The one polling helper of the tests. Whatever in tests/ waits for
// something to become true (a row stored, a debug line logged, a port free
// again, a rate limit lifted) waits here, so every such wait is bounded and
// fails saying what it waited for and what it saw last. Playwright's own
// `waitFor*` stay as they are: they poll inside the browser.

/**
 * Calls `probe` until `until(value)` holds (by default: the value is truthy)
 * and returns that value; fails with the last value seen after `timeout` ms.
 * A probe that throws counts as "not yet" (the collector may be restarting),
 * and its error is what the failure reports if it never succeeds.
 * @template T
 * @param {() => T | Promise<T>} probe
 * @param {{until?: (value: T) => boolean, timeout?: number, interval?: number, what?: string}} [options]
 * @returns {Promise<T>}
 */
export async function eventually(probe, { until = Boolean, timeout = 8_000, interval = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (until(last)) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const seen = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${timeout} ms waiting for ${what}; last seen: ${seen}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}
