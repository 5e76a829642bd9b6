// The live page of one run: its header with the time left, statistics, a temperature chart per sensor (and humidity and
// pressure when sensors send them) fed by the reading stream, and the latest readings. Once the run has ended the charts
// show the whole run from the server's downsampled series, with a choice of time range (presets, inputs, or a drag
// across the chart) that asks the server again; the readings download as CSV and the run opens in Grafana when set up.
import { api, download, query, session, subscribe, uuid } from '../api.js';
import { lineChart } from '../chart.js';
import { badge, fill, formatCountdown, formatNumber, formatSeconds, formatTime, h, liveIndicator, problemBox, shortId, t, timeEl, toDate } from '../ui.js';
import { canOperateRuns, simulationLabel } from './runs.js';
import { AUDIT_READERS } from '../audit.js';
import { whyView } from '../why.js';

const MAX_POINTS_PER_SERIES = 300;
const REDRAW_MS = 300;
const LATEST_ROWS = 12;
const STATS_RUNNING_MS = 3000;
const STATS_ENDED_MS = 15000;
const SEEN_IDS = 5000;
/** Buckets per sensor asked of the server for a chart: about one per six pixels of a wide chart. */
const SERIES_BUCKETS = 120;
/** Ranges offered as buttons once the run has ended, in seconds back from its last reading. */
const PRESETS = [60, 300, 900, 3600];

export function renderRunLive(root, { args }) {
  const [runId] = args;
  let run = null;
  let closed = false;

  const live = liveIndicator('run-live');
  const statusSlot = h('span', { testid: 'run-status-slot' }, h('span', { class: 'muted' }, t('common.loading')));
  const nameSlot = h('span', { testid: 'run-name', class: 'mono' }, shortId(runId));
  const actions = h('div', { class: 'row', testid: 'run-actions' });
  const actionSlot = h('div');
  const details = h('div', { testid: 'run-details' }, h('p', { class: 'muted' }, t('run.loading')));
  const remaining = h('span', { class: 'countdown', testid: 'run-remaining' }, '—');
  const statsSlot = h('div');
  const stats = h('div', { class: 'stats', testid: 'run-stats' });
  const sensorStats = h('tbody', { testid: 'sensor-stats-body' });
  const latestBody = h('tbody', { testid: 'readings-body' });
  const received = h('span', { class: 'muted', testid: 'readings-received' }, t('run.noReadings'));

  const zoom = (from, to) => { if (history) showRange({ from, to }); };
  const temperature = lineChart({ label: t('run.temperaturePerSensor'), unit: '°C', emptyText: t('run.waiting'), height: 260, maxPoints: MAX_POINTS_PER_SERIES,
    minRedrawMs: REDRAW_MS, testid: 'temperature-chart', onZoom: zoom });
  const humidity = lineChart({ label: t('run.humidityPerSensor'), unit: '%', emptyText: t('run.waiting'), height: 170, maxPoints: MAX_POINTS_PER_SERIES,
    minRedrawMs: REDRAW_MS, testid: 'humidity-chart', onZoom: zoom });
  const pressure = lineChart({ label: t('run.pressurePerSensor'), unit: 'hPa', emptyText: t('run.waiting'), height: 170, maxPoints: MAX_POINTS_PER_SERIES,
    minRedrawMs: REDRAW_MS, testid: 'pressure-chart', onZoom: zoom });
  const charts = [temperature, humidity, pressure];

  const presets = h('div', { class: 'presets', role: 'group', 'aria-label': t('run.rangePresets') });
  const fromInput = h('input', { type: 'datetime-local', step: 1, name: 'from', testid: 'range-from', required: true });
  const toInput = h('input', { type: 'datetime-local', step: 1, name: 'to', testid: 'range-to', required: true });
  const rangeProblem = h('div', { role: 'alert', testid: 'range-problem' });
  const rangeShown = h('p', { class: 'muted range-shown', testid: 'range-shown', 'aria-live': 'polite' });
  const rangeBar = h('div', { class: 'range-bar', hidden: true, testid: 'range-bar' },
    presets,
    h('form', { testid: 'range-form', onsubmit: (e) => { e.preventDefault(); applyInputs(); } },
      h('label', {}, t('run.rangeFrom'), fromInput),
      h('label', {}, t('run.rangeTo'), toInput),
      h('button', { class: 'btn btn-small', type: 'submit', testid: 'range-apply' }, t('run.rangeApply'))),
    h('button', { class: 'btn btn-small', type: 'button', testid: 'range-reset', onclick: () => showRange(null) }, t('run.resetZoom')));
  const csvButton = h('button', { class: 'btn btn-small', type: 'button', testid: 'run-csv', onclick: downloadCsv }, t('run.downloadCsv'));
  const grafanaSlot = h('span', { testid: 'grafana-slot' });
  const humidityCard = h('div', { class: 'card', hidden: true, testid: 'humidity-card' }, h('h2', {}, t('run.humidity')), humidity.el);
  const pressureCard = h('div', { class: 'card', hidden: true, testid: 'pressure-card' }, h('h2', {}, t('run.pressure')), pressure.el);
  const smallCharts = h('div', { class: 'charts-2', hidden: true }, humidityCard, pressureCard);

  const why = session.hasAnyRole(...AUDIT_READERS) ? whyView('SimulationRun', runId) : null;

  root.append(h('section', { testid: 'screen-run-live', 'data-run-id': runId },
    h('div', { class: 'page-head' },
      h('div', {},
        h('div', { class: 'sub' }, h('a', { href: '#/runs', testid: 'back-to-runs' }, t('run.back'))),
        h('h1', {}, t('run.heading'), ' ', nameSlot, ' ', statusSlot)),
      h('div', { class: 'row center' }, live.el, actions)),
    actionSlot,
    h('div', { class: 'card' }, details),
    statsSlot,
    stats,
    h('div', { class: 'card', testid: 'temperature-card' },
      h('div', { class: 'row baseline chart-head' },
        h('h2', {}, t('run.temperaturePerSensor')), h('span', { class: 'spacer' }), received, grafanaSlot, csvButton),
      rangeBar, rangeProblem,
      temperature.el,
      rangeShown),
    smallCharts,
    h('div', { class: 'grid-2' },
      h('div', { class: 'card flush' },
        h('h2', { class: 'card-pad-top' }, t('run.latest')),
        // focusable, so that a table wider than a phone can be scrolled from the keyboard
        h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t('run.latest') }, h('table', { testid: 'readings-table' },
          h('thead', {}, h('tr', {},
            h('th', { scope: 'col' }, t('col.time')), h('th', { scope: 'col' }, t('col.sensor')),
            h('th', { scope: 'col', class: 'num' }, h('abbr', { title: t('run.temperature') }, '°C')),
            h('th', { scope: 'col', class: 'num' }, h('abbr', { title: t('run.humidity') }, '%')),
            h('th', { scope: 'col', class: 'num' }, h('abbr', { title: t('run.pressure') }, 'hPa')), h('th', { scope: 'col' }, t('col.source')))),
          latestBody))),
      h('div', { class: 'card flush' },
        h('h2', { class: 'card-pad-top' }, t('run.perSensor')),
        h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t('run.perSensor') }, h('table', { testid: 'sensor-stats-table' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('col.sensor')), h('th', { scope: 'col', class: 'num' }, t('run.readings')),
            h('th', { scope: 'col', class: 'num' }, t('run.avgTemperature')))),
          sensorStats)))),
    why ? h('div', { class: 'card' }, h('h2', {}, t('why.heading')), why.element) : null));

  // --- the run ------------------------------------------------------------------------------------

  const isRunning = () => run && run.status === 'RUNNING';
  const endsAt = () => (toDate(run.startedAt)?.getTime() ?? Date.now()) + Number(run.duration || 0) * 1000;

  function render(r) {
    const changed = !run || run.status !== r.status;
    run = { ...run, ...r };
    fill(nameSlot, run.name || shortId(runId));
    nameSlot.className = run.name ? '' : 'mono';
    fill(statusSlot, badge(run.status, { class: 'big', testid: 'run-status' }));
    fill(details, h('dl', { class: 'kv' },
      h('dt', {}, t('run.id')), h('dd', {}, h('code', { testid: 'run-id' }, runId)),
      h('dt', {}, t('run.startedBy')), h('dd', { testid: 'run-user' }, run.username || '—'),
      h('dt', {}, t('col.started')), h('dd', { testid: 'run-started-at' }, timeEl(run.startedAt)),
      h('dt', {}, t('col.finished')), h('dd', { testid: 'run-finished-at' }, timeEl(run.finishedAt)),
      h('dt', {}, t('col.duration')), h('dd', { testid: 'run-duration' }, formatSeconds(run.duration)),
      h('dt', {}, t('col.interval')), h('dd', { testid: 'run-interval' }, formatSeconds(run.interval)),
      h('dt', {}, t('col.sensors')), h('dd', { testid: 'run-simulation' }, simulationLabel(run.params)),
      isRunning() ? [h('dt', {}, t('run.timeLeft')), h('dd', {}, remaining)] : null,
      run.grafanaUrl ? [h('dt', {}, t('run.link')), h('dd', {}, h('a', { href: run.grafanaUrl, class: 'mono', testid: 'run-url' }, run.grafanaUrl))] : null));
    tick();
    fill(actions, canOperateRuns() && isRunning()
      ? h('button', { class: 'btn btn-primary', type: 'button', testid: 'run-finish', onclick: finish }, t('run.finish'))
      : null);
    if (changed) loadStats();
    if (!isRunning() && !history) enterHistory();
    showGrafanaLink();
  }

  async function finish(e) {
    const button = e.currentTarget;
    button.disabled = true;
    button.textContent = t('runs.finishing');
    try {
      const answer = await api.post(`/api/runs/${encodeURIComponent(runId)}/finish`, undefined, { 'Idempotency-Key': uuid() });
      fill(actionSlot, h('div', { class: 'notice', testid: 'run-action-done' }, t('run.finishingNotice')));
      if (answer && answer.status) render(answer);
    } catch (err) {
      fill(actionSlot, problemBox(err, 'run-action-problem'));
      button.disabled = false;
      button.textContent = t('run.finish');
    }
  }

  let lastEndCheck = 0;
  /** Counts down while the run is RUNNING; past its end it asks for the run now and then, until it shows as ended. */
  function tick() {
    if (!isRunning()) return;
    const left = endsAt() - Date.now();
    remaining.textContent = left > 0 ? t('run.left', { time: formatCountdown(left) }) : t('run.ending');
    remaining.dataset.secondsLeft = String(Math.max(0, Math.ceil(left / 1000)));
    if (left <= 0 && Date.now() - lastEndCheck > 2000) {
      lastEndCheck = Date.now();
      api.get(`/api/runs/${encodeURIComponent(runId)}`).then(r => { if (r && !closed) render(r); }).catch(() => {});
    }
  }

  async function loadRun() {
    for (let attempt = 0; !closed && !run && attempt < 30; attempt++) {
      try {
        const r = await api.get(`/api/runs/${encodeURIComponent(runId)}`);
        if (r && !closed && !run) render(r);
        return;
      } catch (err) {
        if (err.status !== 404) { fill(details, problemBox(err, 'run-load-problem')); return; }
        await new Promise(resolve => setTimeout(resolve, 1000));
      }
    }
    if (!run && !closed) fill(details, h('p', { class: 'muted', testid: 'run-missing' }, t('run.missing')));
  }

  // --- statistics ---------------------------------------------------------------------------------

  function measureCard(name, key, unit, m) {
    const s = m || {};
    return h('div', { class: 'card', testid: `stat-${key}` },
      h('div', { class: 'stat-label' }, name),
      h('div', { class: 'stat-value' }, h('span', { testid: `stat-${key}-avg` }, formatNumber(s.average)), h('span', { class: 'muted stat-unit' }, ' ', t('run.avgUnit', { unit }))),
      h('div', { class: 'stat-range' },
        t('run.min'), ' ', h('span', { testid: `stat-${key}-min` }, formatNumber(s.min)),
        ' · ', t('run.max'), ' ', h('span', { testid: `stat-${key}-max` }, formatNumber(s.max))));
  }

  function showStats(st) {
    const overall = st.overall || {};
    const sensors = st.sensors || [];
    fill(stats,
      h('div', { class: 'card', testid: 'stat-readings' },
        h('div', { class: 'stat-label' }, t('run.readings')),
        h('div', { class: 'stat-value', testid: 'stat-count' }, String(overall.count ?? 0)),
        h('div', { class: 'stat-range' }, h('span', { testid: 'stat-sensors' }, String(sensors.length)), ' ', t('run.sensorWord', { n: sensors.length }),
          st.lastReadingAt ? [' · ', t('run.last'), ' ', formatTime(st.lastReadingAt)] : null)),
      measureCard(t('run.temperature'), 'temperature', '°C', overall.temperature),
      measureCard(t('run.humidity'), 'humidity', '%', overall.humidity),
      measureCard(t('run.pressure'), 'pressure', 'hPa', overall.pressure));
    stats.dataset.count = String(overall.count ?? 0);
    // readings sent just before the end may be counted after it: the whole run is drawn again with them
    if (history && !history.zoomed && history.count !== (overall.count ?? 0)) showRange(null);
    const ordered = [...sensors].sort((a, b) => String(a.sensorId).localeCompare(String(b.sensorId), undefined, { numeric: true }));
    fill(sensorStats, ordered.length
      ? ordered.map(s => h('tr', { testid: 'sensor-stats-row', 'data-sensor-id': s.sensorId },
        h('td', { class: 'mono' }, s.sensorId),
        h('td', { class: 'num' }, String(s.count ?? 0)),
        h('td', { class: 'num' }, formatNumber(s.temperature && s.temperature.average))))
      : h('tr', {}, h('td', { colspan: 3, class: 'empty' }, t('run.noSensor'))));
  }

  let statsTimer = null;
  let statsLoading = false;
  let statsAgain = false;
  /** Reads the statistics now and again in a few seconds (less often once the run has ended); one read at a time. */
  async function loadStats() {
    clearTimeout(statsTimer);
    if (closed) return;
    if (statsLoading) { statsAgain = true; return; }
    statsLoading = true;
    statsAgain = false;
    try {
      showStats(await api.get(`/api/runs/${encodeURIComponent(runId)}/stats`));
      statsSlot.replaceChildren();
    } catch (err) {
      if (err.status === 404) showStats({});
      else statsSlot.replaceChildren(problemBox(err, 'stats-problem'));
    } finally {
      statsLoading = false;
    }
    clearTimeout(statsTimer);
    if (!closed) statsTimer = setTimeout(loadStats, statsAgain ? 0 : isRunning() || !run ? STATS_RUNNING_MS : STATS_ENDED_MS);
  }

  // --- readings -----------------------------------------------------------------------------------

  const seen = new Set();
  const seenOrder = [];
  let latest = [];
  let count = 0;
  let tableTimer = null;
  const readingTime = (r) => toDate(r.timestamp || r.receivedAt)?.getTime() ?? 0;

  /** Whether the reading was shown already: the stream is at-least-once and replays its last readings on reconnect. */
  function duplicate(r) {
    if (!r.readingId) return false;
    if (seen.has(r.readingId)) return true;
    seen.add(r.readingId);
    seenOrder.push(r.readingId);
    if (seenOrder.length > SEEN_IDS) seen.delete(seenOrder.shift());
    return false;
  }

  function onReading(r) {
    if (!r || (r.runId && r.runId !== runId) || duplicate(r)) return;
    count += 1;
    latest.push(r);
    if (latest.length > LATEST_ROWS * 4) trimLatest();
    if (!tableTimer) tableTimer = setTimeout(showLatest, REDRAW_MS);
    if (history) return;
    const at = r.timestamp || r.receivedAt;
    temperature.add(r.sensorId, at, r.temperature);
    if (r.humidity !== null && r.humidity !== undefined) {
      humidity.add(r.sensorId, at, r.humidity);
      humidityCard.hidden = false;
      smallCharts.hidden = false;
    }
    if (r.pressure !== null && r.pressure !== undefined) {
      pressure.add(r.sensorId, at, r.pressure);
      pressureCard.hidden = false;
      smallCharts.hidden = false;
    }
  }

  function trimLatest() {
    latest = latest.sort((a, b) => readingTime(b) - readingTime(a)).slice(0, LATEST_ROWS);
  }

  function showLatest() {
    tableTimer = null;
    trimLatest();
    if (!history) {
      received.textContent = t('run.received', { n: count });
      received.dataset.count = String(count);
    }
    fill(latestBody, latest.map(r => h('tr', { testid: 'reading-row', 'data-sensor-id': r.sensorId, 'data-reading-id': r.readingId || '' },
      h('td', {}, timeEl(r.timestamp || r.receivedAt)),
      h('td', { class: 'mono' }, r.sensorId),
      h('td', { class: 'num' }, formatNumber(r.temperature)),
      h('td', { class: 'num' }, formatNumber(r.humidity)),
      h('td', { class: 'num' }, formatNumber(r.pressure)),
      h('td', { class: 'muted', title: r.source || '' }, r.source || '—'))));
  }

  // --- the whole run, once ended ------------------------------------------------------------------

  /** What the charts show after the run: the whole run's extent, the range on screen, and the readings counted in it. */
  let history = null;
  let seriesAsked = 0;
  const iso = (ms) => new Date(ms).toISOString();
  /** A time as a datetime-local input holds it: local wall-clock time to the second. */
  const localInput = (ms) => new Date(ms - new Date(ms).getTimezoneOffset() * 60000).toISOString().slice(0, 19);

  function enterHistory() {
    history = { whole: null, shown: null, zoomed: false, count: null };
    rangeBar.hidden = false;
    showRange(null);
  }

  /** Asks the server for the range (null: the whole run) and draws it; an answer overtaken by a later ask is dropped. */
  async function showRange(range) {
    const asked = ++seriesAsked;
    const params = range ? { from: iso(range.from), to: iso(range.to), buckets: SERIES_BUCKETS } : { buckets: SERIES_BUCKETS };
    try {
      const series = await api.get(`/api/runs/${encodeURIComponent(runId)}/series${query(params)}`);
      if (closed || asked !== seriesAsked) return;
      rangeProblem.replaceChildren();
      drawSeries(series, range);
    } catch (err) {
      if (!closed) fill(rangeProblem, problemBox(err, 'series-problem'));
    }
  }

  function drawSeries(series, range) {
    const buckets = series.buckets || [];
    const from = range ? range.from : toDate(series.from)?.getTime();
    const to = range ? range.to : toDate(series.to)?.getTime();
    const middle = Number(series.bucketSeconds || 0) * 500;
    let total = 0;
    charts.forEach(chart => chart.clear());
    for (const b of buckets) {
      const at = toDate(b.start).getTime() + middle;
      total += Number(b.count || 0);
      temperature.add(b.sensorId, at, b.temperature?.average);
      if (b.humidity?.count) {
        humidity.add(b.sensorId, at, b.humidity.average);
        humidityCard.hidden = false;
        smallCharts.hidden = false;
      }
      if (b.pressure?.count) {
        pressure.add(b.sensorId, at, b.pressure.average);
        pressureCard.hidden = false;
        smallCharts.hidden = false;
      }
    }
    charts.forEach(chart => chart.setDomain(from, to));
    history.zoomed = !!range;
    if (!range) {
      history.whole = Number.isFinite(from) ? { from, to } : null;
      history.count = total;
    }
    history.shown = Number.isFinite(from) ? { from, to } : null;
    Object.assign(rangeBar.dataset, { from: from ? iso(from) : '', to: to ? iso(to) : '', bucketSeconds: String(series.bucketSeconds ?? 0),
      count: String(total), zoomed: String(history.zoomed) });
    received.textContent = t(range ? 'run.inRange' : 'run.wholeRun', { n: total, count: formatNumber(total, 0) });
    received.dataset.count = String(total);
    if (history.shown) {
      fromInput.value = localInput(from);
      toInput.value = localInput(to);
      rangeShown.textContent = t('run.rangeShown', { from: formatTime(from), to: formatTime(to), bucket: formatSeconds(series.bucketSeconds) });
    } else {
      rangeShown.textContent = t('run.noSensor');
    }
    showPresets();
    showGrafanaLink();
  }

  /** The preset buttons that fit in the whole run, the one on screen pressed. */
  function showPresets() {
    const whole = history.whole;
    const fits = whole ? PRESETS.filter(seconds => seconds * 1000 < whole.to - whole.from) : [];
    fill(presets, fits.map(seconds => {
      const range = { from: whole.to - seconds * 1000, to: whole.to };
      const pressed = history.zoomed && history.shown && history.shown.from === range.from && history.shown.to === range.to;
      return h('button', { class: 'btn btn-small', type: 'button', testid: 'range-preset', 'data-seconds': String(seconds),
        'aria-pressed': String(!!pressed), onclick: () => showRange(range) }, t('run.rangeLast', { span: formatSeconds(seconds) }));
    }));
  }

  function applyInputs() {
    const from = new Date(fromInput.value).getTime();
    const to = new Date(toInput.value).getTime();
    if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) {
      fill(rangeProblem, h('p', { class: 'field-error', testid: 'range-invalid' }, t('run.rangeInvalid')));
      return;
    }
    showRange({ from, to });
  }

  // --- downloads and links ------------------------------------------------------------------------

  async function downloadCsv(e) {
    const button = e.currentTarget;
    button.disabled = true;
    try {
      await download(`/api/runs/${encodeURIComponent(runId)}/readings${query({ format: 'csv' })}`, 'text/csv', `run-${runId}-readings.csv`);
    } catch (err) {
      fill(actionSlot, problemBox(err, 'csv-problem'));
    } finally {
      button.disabled = false;
    }
  }

  let dashboard = null;
  /** The run on the Grafana dashboard, over the range on screen (or from its start until now while it runs). */
  function showGrafanaLink() {
    if (!dashboard || !dashboard.url || !run) return;
    const started = toDate(run.startedAt)?.getTime();
    const range = history?.shown || { from: started, to: toDate(run.finishedAt)?.getTime() || 'now' };
    const href = `${dashboard.url}${query({ [dashboard.runParameter]: runId, from: range.from, to: range.to })}`;
    fill(grafanaSlot, h('a', { href, class: 'btn btn-small', target: '_blank', rel: 'noopener', testid: 'run-grafana' }, t('run.openGrafana')));
  }

  api.get('/api/runs/dashboard').then(d => { dashboard = d; showGrafanaLink(); }).catch(() => {});

  fill(latestBody, h('tr', { testid: 'readings-empty' }, h('td', { colspan: 6, class: 'empty' }, t('run.waiting'))));
  loadStats();
  const closeReadings = subscribe(`/api/sensors/updates${query({ runId })}`, 'reading', onReading, live.set);
  loadRun();
  let runStream = null;
  const closeRun = subscribe(`/api/runs/updates${query({ runId })}`, 'run', (r) => {
    if (r && r.id === runId && !closed) render(r);
  }, (state) => {
    // Once (re)connected, read the run again: it may have changed while the stream was down.
    if (state === 'on' && runStream !== 'on' && run) {
      api.get(`/api/runs/${encodeURIComponent(runId)}`).then(r => { if (r && !closed) render(r); }).catch(() => {});
    }
    runStream = state;
  });
  const clock = setInterval(tick, 1000);

  return () => {
    closed = true;
    clearInterval(clock);
    clearTimeout(statsTimer);
    clearTimeout(tableTimer);
    temperature.destroy();
    humidity.destroy();
    pressure.destroy();
    closeReadings();
    closeRun();
  };
}
