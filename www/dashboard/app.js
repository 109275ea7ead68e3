// Read-only NPS dashboard. Talks to the collector's admin API with the token
// given in the URL fragment (`#token=…&project=…`, never sent to the server
// and cleared from the address bar at once) or typed into the form; the token
// lives in sessionStorage, so it dies with the tab. Data only ever reaches the
// page through textContent: comments are user input.
'use strict';

const TOKEN_KEY = 'nps.dashboard.token';
const PROJECT_KEY = 'nps.dashboard.project';
const REFRESH_MS = 10_000;
const COMMENTS_SHOWN = 20;

const $ = (id) => document.getElementById(id);
const number = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 });
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

let loading = false;

/** Moves credentials from the fragment to sessionStorage and clears the fragment. */
function adoptFragment() {
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.has('token')) sessionStorage.setItem(TOKEN_KEY, params.get('token'));
  if (params.has('project')) sessionStorage.setItem(PROJECT_KEY, params.get('project'));
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
}

class Unauthorized extends Error {}

async function api(path) {
  const response = await fetch(path, {
    headers: { Authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY)}` },
    cache: 'no-store',
  });
  if (response.status === 401) throw new Unauthorized();
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body?.message ?? `HTTP ${response.status}`);
  return body;
}

function showLogin(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  $('dashboard').hidden = true;
  $('controls').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message ?? '';
  $('token').focus();
}

function currentProject() {
  return sessionStorage.getItem(PROJECT_KEY) || 'demo';
}

async function loadProjects() {
  const select = $('project');
  const wanted = currentProject();
  const keys = [];
  try {
    const { projects } = await api('/api/v1/projects');
    for (const p of projects) keys.push([p.key, p.name && p.name !== p.key ? `${p.name} (${p.key})` : p.key]);
  } catch (error) {
    if (error instanceof Unauthorized) throw error;
  }
  if (!keys.some(([key]) => key === wanted)) keys.unshift([wanted, wanted]);
  select.replaceChildren(...keys.map(([key, label]) => new Option(label, key, false, key === wanted)));
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function renderStats(stats) {
  $('nps-score').textContent = stats.nps == null ? '—' : number.format(stats.nps);
  $('nps-score').classList.toggle('empty', stats.nps == null);
  $('nps-margin').textContent = stats.margin == null ? '' : `± ${number.format(stats.margin)}`;
  $('nps-count').textContent = stats.responses ? plural(stats.responses, 'response') : 'No responses yet';

  const total = stats.responses || 0;
  const summary = [];
  for (const part of ['promoters', 'passives', 'detractors']) {
    const count = stats[part] || 0;
    const share = total ? count / total : 0;
    $('stack').querySelector(`[data-part="${part}"]`).style.width = `${share * 100}%`;
    $(part).textContent = total ? `${count} · ${percent.format(share)}` : '0';
    summary.push(`${part} ${percent.format(share)}`);
  }
  $('stack').setAttribute('aria-label', total ? summary.join(', ') : 'No responses yet');
  renderMoments(stats.moments);

  const counts = stats.distribution || [];
  const max = Math.max(1, ...counts);
  $('histogram').replaceChildren(...counts.map((count, score) => {
    const item = document.createElement('li');
    item.className = category(score);
    const bar = document.createElement('span');
    bar.className = 'bar';
    bar.style.height = `${(count / max) * 100}%`;
    const value = document.createElement('span');
    value.className = 'count';
    value.textContent = count;
    const label = document.createElement('span');
    label.className = 'label';
    label.textContent = score;
    const spoken = document.createElement('span');
    spoken.className = 'sr-only';
    spoken.textContent = `Score ${score}: ${plural(count, 'response')}`;
    for (const el of [value, bar, label]) el.setAttribute('aria-hidden', 'true');
    item.append(value, bar, label, spoken);
    return item;
  }));
}

/** Response rate per moment: which moments are worth asking at. */
function renderMoments(moments = []) {
  $('moments').hidden = moments.length === 0;
  $('no-moments').hidden = moments.length > 0;
  $('moments').tBodies[0].replaceChildren(...moments.map((m) => {
    const row = document.createElement('tr');
    const rate = m.response_rate == null ? '—' : percent.format(m.response_rate);
    for (const text of [m.moment, m.shown, m.answered, rate]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    return row;
  }));
}

function category(score) {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

function ago(iso) {
  const seconds = (Date.parse(iso) - Date.now()) / 1000;
  const steps = [[60, 'second'], [60, 'minute'], [24, 'hour'], [30, 'day'], [12, 'month'], [Infinity, 'year']];
  let value = seconds;
  for (const [size, unit] of steps) {
    if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
    value /= size;
  }
  return iso;
}

function renderComments(responses) {
  const withText = responses.filter((r) => r.comment && r.comment.trim()).slice(0, COMMENTS_SHOWN);
  $('no-comments').hidden = withText.length > 0;
  $('comments').replaceChildren(...withText.map((r) => {
    const item = document.createElement('li');
    const badge = document.createElement('span');
    const kind = r.category || category(r.score);
    badge.className = `badge ${kind}`;
    badge.textContent = r.score;
    badge.title = kind;
    badge.setAttribute('aria-label', `Score ${r.score}, ${kind}`);
    const body = document.createElement('div');
    const text = document.createElement('p');
    text.className = 'comment';
    text.textContent = r.comment;
    const meta = document.createElement('p');
    meta.className = 'meta';
    const parts = [r.moment, r.user_id ? `user ${r.user_id}` : 'anonymous', r.locale].filter(Boolean);
    const time = document.createElement('time');
    time.dateTime = r.created_at;
    time.title = new Date(r.created_at).toLocaleString();
    time.textContent = ago(r.created_at);
    meta.append(`${parts.join(' · ')} · `, time);
    body.append(text, meta);
    item.append(badge, body);
    return item;
  }));
}

async function refresh() {
  if (loading || !sessionStorage.getItem(TOKEN_KEY)) return;
  loading = true;
  const project = encodeURIComponent(currentProject());
  try {
    const [stats, list] = await Promise.all([
      api(`/api/v1/stats?project=${project}`),
      api(`/api/v1/responses?project=${project}&limit=50`),
    ]);
    renderStats(stats);
    renderComments(list.items || []);
    $('status').textContent = `Updated ${new Date().toLocaleTimeString()} · refreshes every ${REFRESH_MS / 1000} s`;
    $('status').classList.remove('error');
  } catch (error) {
    if (error instanceof Unauthorized) return showLogin('The collector refused that token.');
    $('status').textContent = `Could not load data: ${error.message}`;
    $('status').classList.add('error');
  } finally {
    loading = false;
  }
}

async function open() {
  $('login').hidden = true;
  $('dashboard').hidden = false;
  $('controls').hidden = false;
  try {
    await loadProjects();
  } catch {
    return showLogin('The collector refused that token.');
  }
  await refresh();
}

function start() {
  adoptFragment();
  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $('token').value.trim());
    $('token').value = '';
    open();
  });
  $('project').addEventListener('change', (event) => {
    sessionStorage.setItem(PROJECT_KEY, event.target.value);
    refresh();
  });
  $('refresh').addEventListener('click', refresh);
  $('sign-out').addEventListener('click', () => showLogin());
  setInterval(() => document.hidden || refresh(), REFRESH_MS);
  document.addEventListener('visibilitychange', () => document.hidden || refresh());
  window.addEventListener('hashchange', () => {
    adoptFragment();
    if (sessionStorage.getItem(TOKEN_KEY)) open();
  });

  if (sessionStorage.getItem(TOKEN_KEY)) open();
  else showLogin();
}

start();
