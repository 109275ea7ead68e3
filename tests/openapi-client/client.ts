// A small typed client of the collector's admin API, written as a customer
// would write one from `GET /api/v1/openapi.json`: `./api` is what
// openapi-typescript generated from the running collector's document
// (client.test.mjs writes it beside a copy of this file). It reads what the
// dashboard reads: the score and its interval, the trend's periods, the
// comments of the feed, the CSV export. `tsc --noEmit --strict` holds it to
// the document; the test then runs it against a collector with answers.
import type { paths } from './api';

/** Fails to type-check where the document lacks what is looked up. */
type Present<T> = [T] extends [never] ? { missing_from_the_document: true } : T;

type StatsGet = paths['/api/v1/stats']['get'];
type TrendGet = paths['/api/v1/stats/trend']['get'];
type FeedGet = paths['/api/v1/responses']['get'];
type ExportGet = paths['/api/v1/responses/export']['get'];

/** `GET /api/v1/stats`. */
export type Stats = Present<StatsGet['responses'][200]['content']['application/json']>;
/** `GET /api/v1/stats/trend`. */
export type Trend = Present<TrendGet['responses'][200]['content']['application/json']>;
/** `GET /api/v1/responses`. */
export type Feed = Present<FeedGet['responses'][200]['content']['application/json']>;
/** `GET /api/v1/responses/export?format=csv`: documented as CSV, read as text. */
export type ExportCsv = ExportGet['responses'][200]['content']['text/csv'];

/** An endpoint's query parameters, as the document declares them. */
type Query<Get extends { parameters: { query?: unknown } }> = NonNullable<Get['parameters']['query']>;
type Params = { [name: string]: string | number | boolean | undefined };

/** Where the collector is, and the admin token. */
export interface Admin {
  base: string;
  token: string;
}

async function get(admin: Admin, path: keyof paths, query: Params): Promise<Response> {
  const url = new URL(path, admin.base);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  const response = await fetch(url, { headers: { Authorization: `Bearer ${admin.token}` } });
  if (!response.ok) throw new Error(`GET ${url.pathname}: ${response.status} ${await response.text()}`);
  return response;
}

export async function stats(admin: Admin, query: Query<StatsGet>): Promise<Stats> {
  return (await get(admin, '/api/v1/stats', query)).json();
}

export async function trend(admin: Admin, query: Query<TrendGet>): Promise<Trend> {
  return (await get(admin, '/api/v1/stats/trend', query)).json();
}

export async function feed(admin: Admin, query: Query<FeedGet>): Promise<Feed> {
  return (await get(admin, '/api/v1/responses', query)).json();
}

export async function exportCsv(admin: Admin, query: Query<ExportGet> & { format: 'csv' }): Promise<string> {
  return (await get(admin, '/api/v1/responses/export', query)).text();
}

/** One period of the trend chart. */
export interface Week {
  start: string;
  nps: number | null;
  band: readonly [number, number] | null;
  responses: number;
}

/** One comment of the feed. */
export interface Comment {
  score: number;
  category: 'detractor' | 'passive' | 'promoter';
  comment: string | null;
  createdAt: string;
  tags: string[];
}

/** What the dashboard's overview shows, read through the typed calls. */
export interface Overview {
  nps: number | null;
  band: readonly [number, number] | null;
  margin: number | null;
  responses: number;
  provisional: boolean;
  reading: string;
  distribution: number[];
  weeks: Week[];
  comments: Comment[];
  nextCursor: string | null;
  csvHeader: string;
}

export async function overview(admin: Admin, project: string): Promise<Overview> {
  const s = await stats(admin, { project });
  const t = await trend(admin, { project, interval: 'week' });
  const f = await feed(admin, { project, has_comment: true, limit: 5 });
  const csv = await exportCsv(admin, { project, format: 'csv' });
  return {
    nps: s.nps ?? null,
    band: s.ci95 ? [s.ci95.low, s.ci95.high] : null,
    margin: s.margin_of_error ?? null,
    responses: s.responses,
    provisional: s.provisional ?? false,
    reading: s.reading_en ?? '',
    distribution: s.distribution,
    weeks: t.points.map((p) => ({
      start: p.start,
      nps: p.nps ?? null,
      band: p.ci95 ? [p.ci95.low, p.ci95.high] : null,
      responses: p.responses,
    })),
    comments: f.items.map((a) => ({
      score: a.score,
      category: a.category,
      comment: a.comment ?? null,
      createdAt: a.created_at,
      tags: a.tags ?? [],
    })),
    nextCursor: f.next_cursor ?? null,
    csvHeader: csv.split('\r\n', 1)[0],
  };
}
