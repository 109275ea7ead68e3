// Helpers for the timing-rule specs: a project's rules through the admin API,
// a visitor whose page clock is faked (`page.clock`), moving that clock by
// days or hours across page views, and the debug reasons the widget logs.
import assert from 'node:assert/strict';

import { eventually } from './poll.mjs';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/**
 * The fake clock's origin: the real time, to the second. Keeping page time
 * close to the collector's own clock means anything the collector stamps
 * (events, a user's history from other devices) is never "in the future"
 * for the page.
 */
export const START = new Date(Math.floor(Date.now() / 1000) * 1000);

/** `START + offset` (ms) as a Date. */
export function at(offset) {
  return new Date(START.getTime() + offset);
}

/** `PUT /api/v1/projects/{project}/config` with the admin token; asserts 200. */
export async function putRules(collector, rules, project = 'demo') {
  const response = await fetch(`${collector.url}/api/v1/projects/${project}/config`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${collector.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(rules),
  });
  assert.equal(response.status, 200, `PUT config: ${await response.text()}`);
}

/**
 * A fresh visitor (own browser, own localStorage) whose page clock starts
 * at `time` (default START), on the demo page of `spec.collector`.
 * `page.logged` collects the widget's `[nps] …` console.info lines (debug
 * reasons). `spec` is the spec's fixture (fixture.mjs), which closes the
 * browser after the last test.
 */
export async function visitor(spec, time = START) {
  const browser = await spec.newBrowser();
  const page = await browser.newPage();
  page.logged = [];
  page.on('console', (msg) => {
    if (msg.type() === 'info' && msg.text().startsWith('[nps]')) page.logged.push(msg.text());
  });
  await page.clock.install({ time });
  await page.goto(`${spec.collector.url}/demo/`);
  await debugOn(page);
  return page;
}

/** Turns on debug mode for this page view (queued if the widget is loading). */
export function debugOn(page) {
  return page.evaluate(() => window.nps('debug'));
}

/**
 * A new page view at `time`: moves the page clock, reloads, clears the
 * collected log and turns debug mode on again. localStorage is kept.
 */
export async function pageViewAt(page, time) {
  await page.clock.setSystemTime(time);
  await page.reload();
  page.logged.length = 0;
  await debugOn(page);
}

/** `nps('identify', userId, traits)` on the page. */
export function identify(page, userId, traits) {
  return page.evaluate(([id, t]) => window.nps('identify', id, t), [userId, traits]);
}

/** `nps('track', event)` on the page. */
export function track(page, event) {
  return page.evaluate((e) => window.nps('track', e), event);
}

/**
 * Waits until the widget has logged a line starting with `prefix` (debug
 * mode) and returns it; fails listing what was logged.
 */
export async function reasonLogged(page, prefix, timeout = 5_000) {
  const startsWith = (l) => l.startsWith(prefix);
  const logged = await eventually(() => [...page.logged], {
    until: (lines) => lines.some(startsWith),
    timeout,
    interval: 50,
    what: `a debug line starting with ${JSON.stringify(prefix)}`,
  });
  return logged.find(startsWith);
}
