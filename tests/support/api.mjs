// Admin API helpers, for asserting what the collector stored. `eventually`
// (tests/support/poll.mjs) is re-exported here because the specs that poll
// are the ones asserting on the API.
import { eventually } from './poll.mjs';

export { eventually };

/** GET an admin endpoint with the collector's token; throws on non-2xx. */
export async function adminGet(collector, path) {
  const response = await fetch(`${collector.url}${path}`, {
    headers: { Authorization: `Bearer ${collector.token}` },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${path} → ${response.status}: ${text}`);
  return JSON.parse(text);
}

/** POST a JSON body to an admin endpoint; returns the parsed answer, throws on non-2xx. */
export async function adminPost(collector, path, body) {
  const response = await fetch(`${collector.url}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${collector.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${path} → ${response.status}: ${text}`);
  return JSON.parse(text);
}

/** `GET /api/v1/stats?project=…` */
export function stats(collector, project = 'demo') {
  return adminGet(collector, `/api/v1/stats?project=${encodeURIComponent(project)}`);
}

/** The `responses` array of `GET /api/v1/responses?project=…`, newest first. */
export async function responses(collector, project = 'demo') {
  const body = await adminGet(collector, `/api/v1/responses?project=${encodeURIComponent(project)}&limit=50`);
  return body.items;
}

/** Waits until the stats report `count` responses, and returns them. */
export function statsWithResponses(collector, count, project = 'demo') {
  return eventually(() => stats(collector, project), {
    until: (s) => s.responses === count,
    what: `${count} response(s) in the stats`,
  });
}
