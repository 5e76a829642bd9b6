// Home (admins, operators, analysts): the figures of the last minute — orders placed per minute, the share of requests
// that failed on Axle's side, the 95th percentile of response times — and how far the projections lag and how many
// dead letters wait, polled every five seconds.
import { request, session } from '../api.js';
import { numberFormat } from '../i18n.js';
import { fill, formatNumber, h, problemBox, t } from '../ui.js';

const POLL_MS = 5000;

/** Who sees the home figures (the API checks again). */
export const DASHBOARD_READERS = ['ADMIN', 'OPERATOR', 'ANALYST'];

function tile(testid, label) {
  const value = h('div', { class: 'stat-value', testid: `${testid}-value` }, '—');
  return { value, card: h('div', { class: 'card', testid }, h('div', { class: 'stat-label' }, label), value) };
}

export async function renderHome(root, { navigate }) {
  if (!session.hasAnyRole(...DASHBOARD_READERS)) { navigate('#/orders'); return; }
  const tiles = {
    orders: tile('kpi-orders', t('home.ordersPerMinute')),
    errors: tile('kpi-errors', t('home.errorRate')),
    latency: tile('kpi-latency', t('home.p95')),
    lag: tile('kpi-lag', t('home.projectionLag')),
    letters: tile('kpi-dead-letters', t('home.deadLetters')),
  };
  const problems = h('div');
  const sub = h('div', { class: 'sub', testid: 'kpi-window' }, t('home.sub'));
  root.append(h('section', { testid: 'screen-home' },
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, t('home.title')), sub)),
    problems,
    h('div', { class: 'stats', testid: 'kpis' }, Object.values(tiles).map(x => x.card))));

  let timer = null;
  let stopped = false;
  async function load() {
    try {
      const k = await request('GET', '/api/v1/dashboard');
      tiles.orders.value.textContent = formatNumber(k.ordersPerMinute, 1);
      tiles.errors.value.textContent = k.errorRate == null ? '—'
        : numberFormat({ style: 'percent', maximumFractionDigits: 1 }).format(k.errorRate);
      tiles.latency.value.textContent = k.p95LatencyMs == null ? '—' : t('home.milliseconds', { ms: formatNumber(k.p95LatencyMs, 0) });
      tiles.lag.value.textContent = t('home.events', { count: formatNumber(k.projectionLagEvents, 0) });
      tiles.letters.value.textContent = formatNumber(k.deadLetters, 0);
      sub.textContent = t('home.window', { seconds: formatNumber(k.windowSeconds, 0) });
      problems.replaceChildren();
      root.querySelector('[data-testid=kpis]').dataset.loaded = 'true';
    } catch (err) {
      fill(problems, problemBox(err, 'kpi-problem'));
    }
  }
  async function poll() {
    await load();
    if (!stopped) timer = setTimeout(poll, POLL_MS);
  }
  await poll();
  return () => { stopped = true; clearTimeout(timer); };
}
