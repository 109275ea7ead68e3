// The JSON lines export (`format=jsonl`), typed from the document: each
// line is an answer of the feed. client.test.mjs type-checks it like
// client.ts, as a separate check.
import type { components, paths } from './api';

type ExportGet = paths['/api/v1/responses/export']['get'];

/** A line of `GET /api/v1/responses/export?format=jsonl`. */
export type Row = ExportGet['responses'][200]['content']['application/x-ndjson'];

/** A row is the feed's answer. */
export const sameAsTheFeed = (row: Row): components['schemas']['Answer'] => row;

export async function exportRows(base: string, token: string, project: string): Promise<Row[]> {
  const url = new URL('/api/v1/responses/export', base);
  url.searchParams.set('project', project);
  url.searchParams.set('format', 'jsonl');
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  const text = await response.text();
  return text.split('\n').filter((line) => line !== '').map((line): Row => JSON.parse(line));
}
