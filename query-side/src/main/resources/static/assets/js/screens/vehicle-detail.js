// One vehicle's page: what its VIN tells (manufacturer, country, model year, warnings), its owner, its dongle (paired
// here, its device key shown once; unpaired after a confirmation), gauges of the latest readings and a chart per
// measure that fill as frames arrive (the vehicle's update stream, else polling while the stream is down), a range and
// resolution read from the telemetry series, the trouble-code history (active and cleared codes with their
// descriptions and times), the active alarms, its ECUs and flashes (vehicle-flash.js), and for the audit readers why things happened and the vehicle's history.
import { api, query, request, session, subscribe } from '../api.js';
import { AUDIT_READERS, auditTrail } from '../audit.js';
import { lineChart } from '../chart.js';
import { has } from '../i18n.js';
import { countryName } from '../pickers.js';
import {
  clearFieldProblems, fill, formatNumber, h, liveIndicator, loadWhenProjected, problemBox, shortId, showFieldProblems, t,
  timeEl, toDate, until,
} from '../ui.js';
import { whyView } from '../why.js';
import { askFirst, secretDialog } from './admin.js';
import { customerNames } from './customers.js';
import { VEHICLE_EDITORS, makeModel, onlineDot, vehiclePath } from './vehicles.js';
import { vehicleFlashCards } from './vehicle-flash.js';

/** The measures shown as gauges and charts, with their unit, the gauge's scale and the decimals shown. */
const MEASURES = [
  { key: 'speedKmh', unit: 'km/h', min: 0, max: 240, digits: 0 },
  { key: 'rpm', unit: 'rpm', min: 0, max: 8000, digits: 0 },
  { key: 'coolantC', unit: '°C', min: -40, max: 140, digits: 0 },
  { key: 'batteryV', unit: 'V', min: 8, max: 16, digits: 1 },
  { key: 'fuelPct', unit: '%', min: 0, max: 100, digits: 0 },
];

/** The ranges offered, back from now, and the resolutions the telemetry API answers. */
const RANGES = [
  { key: '15m', ms: 15 * 60000 },
  { key: '1h', ms: 3600000 },
  { key: '24h', ms: 24 * 3600000 },
  { key: '7d', ms: 7 * 24 * 3600000 },
];
const RESOLUTIONS = ['raw', '1m', '1h'];
/** The longest range the API answers every reading of. */
const RAW_MAX_MS = 24 * 3600000;

/** How long the stream may be down before the page reads the vehicle itself, and how often it then does. */
const POLL_MS = 3000;
/** How often bucketed series (1m, 1h) are read again while frames arrive. */
const BUCKET_RELOAD_MS = 15000;
const MAX_POINTS = 2000;

const measureName = (key) => t(`vehicle.measure.${key}`);

/** A value with its unit, or a dash. */
function withUnit(value, m) {
  if (value === null || value === undefined) return '—';
  return `${formatNumber(value, m.digits)} ${m.unit}`;
}

/** An alarm rule in words ('Coolant too hot'), else its name. */
export function alarmName(rule) {
  return has(`vehicle.alarm.${rule}`) ? t(`vehicle.alarm.${rule}`) : rule;
}

/**
 * A half-circle gauge of one measure: the arc filled from the scale's minimum to the value, the value and unit under
 * it, marked when an alarm on that measure is raised. Answers {el, set(value, alarmed)}.
 */
function gauge(m) {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 120 68');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'gauge-arc');
  const arc = 'M 10 62 A 50 50 0 0 1 110 62';
  const track = document.createElementNS(NS, 'path');
  track.setAttribute('d', arc);
  track.setAttribute('class', 'gauge-track');
  track.setAttribute('pathLength', '100');
  const fillArc = document.createElementNS(NS, 'path');
  fillArc.setAttribute('d', arc);
  fillArc.setAttribute('class', 'gauge-fill');
  fillArc.setAttribute('pathLength', '100');
  fillArc.setAttribute('stroke-dasharray', '0 100');
  svg.append(track, fillArc);
  const value = h('span', { class: 'gauge-value', testid: `gauge-${m.key}-value` }, '—');
  const el = h('div', { class: 'card gauge', testid: `gauge-${m.key}`, role: 'img', 'aria-label': `${measureName(m.key)}: —` },
    h('div', { class: 'stat-label' }, measureName(m.key)), svg, value);
  return {
    el,
    set(v, alarmed) {
      const known = v !== null && v !== undefined && Number.isFinite(Number(v));
      const share = known ? Math.min(1, Math.max(0, (Number(v) - m.min) / (m.max - m.min))) : 0;
      fillArc.setAttribute('stroke-dasharray', `${(share * 100).toFixed(1)} 100`);
      value.textContent = withUnit(known ? Number(v) : null, m);
      el.dataset.value = known ? String(v) : '';
      el.classList.toggle('alarmed', !!alarmed);
      el.setAttribute('aria-label', `${measureName(m.key)}: ${value.textContent}${alarmed ? ` (${t('vehicle.alarmRaised')})` : ''}`);
    },
  };
}

export function renderVehicleDetail(root, { args, navigate }) {
  const [vehicleId] = args;
  const editor = session.hasAnyRole(...VEHICLE_EDITORS);
  const auditor = session.hasAnyRole(...AUDIT_READERS);
  let vehicle = null;
  let closed = false;

  const live = liveIndicator('vehicle-live');
  const title = h('h1', { testid: 'vehicle-title' }, t('vehicle.loading'));
  const stateSlot = h('span', { testid: 'vehicle-state' });
  const record = h('div', { testid: 'vehicle-record' }, h('p', { class: 'muted' }, t('common.loading')));
  const warnings = h('div', { testid: 'vehicle-warnings' });
  const dongle = h('div', { testid: 'vehicle-dongle' });
  const dongleSlot = h('div', { 'aria-live': 'polite' });
  const dialogSlot = h('div');
  const alarms = h('div', { testid: 'vehicle-alarms' });
  const codes = h('tbody', { testid: 'trouble-codes-body' });
  const gauges = MEASURES.map(gauge);
  const charts = MEASURES.map(m => lineChart({ label: t('vehicle.chartOf', { measure: measureName(m.key) }), unit: m.unit, height: 180,
    maxPoints: MAX_POINTS, minRedrawMs: 300, digits: m.digits, testid: `chart-${m.key}`, seriesLabel: () => measureName(m.key),
    emptyText: t('vehicle.noReadings') }));
  const history = auditor ? auditTrail('Vehicle', vehicleId, 'vehicleId', 'vehicle-history') : null;
  const why = auditor ? whyView('Vehicle', vehicleId) : null;
  const flash = vehicleFlashCards(vehicleId, navigate);

  // --- range and resolution ------------------------------------------------------------------------
  let range = RANGES[0];
  let resolution = 'raw';
  const rangeButtons = h('div', { class: 'presets', role: 'group', 'aria-label': t('vehicle.range'), testid: 'vehicle-range' });
  const resolutionSelect = h('select', { name: 'resolution', testid: 'vehicle-resolution', onchange: () => { resolution = resolutionSelect.value; loadSeries(); } },
    RESOLUTIONS.map(r => h('option', { value: r }, t(`vehicle.resolution.${r}`))));
  const seriesProblem = h('div', { testid: 'vehicle-series-problem' });
  const seriesShown = h('p', { class: 'muted small', testid: 'vehicle-series-shown', 'aria-live': 'polite' });

  function showRanges() {
    fill(rangeButtons, RANGES.map(r => h('button', { class: 'btn btn-small', type: 'button', testid: `vehicle-range-${r.key}`,
      'aria-pressed': String(r === range), onclick: () => choose(r) }, t(`vehicle.range.${r.key}`))));
  }
  /** Shows range {@code r}; every reading of a week is more than the API answers, so a week is shown per hour. */
  function choose(r) {
    range = r;
    if (r.ms > RAW_MAX_MS && resolution === 'raw') {
      resolution = '1h';
      resolutionSelect.value = resolution;
    }
    showRanges();
    loadSeries();
  }
  showRanges();

  root.append(h('section', { testid: 'screen-vehicle', 'data-vehicle-id': vehicleId },
    h('div', { class: 'page-head' },
      h('div', {},
        h('div', { class: 'sub' }, h('a', { href: '#/vehicles', testid: 'back-to-vehicles' }, t('vehicle.back'))),
        title),
      h('div', { class: 'row center' }, stateSlot, live.el)),
    h('div', { class: 'grid-2' },
      h('div', { class: 'card' }, h('h2', {}, t('vehicle.record')), record, warnings),
      h('div', { class: 'card' }, h('h2', {}, t('vehicle.dongle')), dongleSlot, dongle, dialogSlot)),
    flash.element,
    h('div', { class: 'gauges', testid: 'vehicle-gauges' }, gauges.map(g => g.el)),
    h('div', { class: 'grid-2' },
      h('div', { class: 'card flush' },
        h('h2', { class: 'card-pad-top' }, t('vehicle.troubleCodes')),
        h('div', { class: 'table-scroll' }, h('table', { testid: 'trouble-codes-table', class: 'stack' },
          h('caption', { class: 'visually-hidden' }, t('vehicle.troubleCodes')),
          h('thead', {}, h('tr', {},
            h('th', { scope: 'col' }, t('vehicle.code')), h('th', { scope: 'col' }, t('vehicle.description')),
            h('th', { scope: 'col' }, t('vehicle.detected')), h('th', { scope: 'col' }, t('vehicle.cleared')))),
          codes))),
      h('div', { class: 'card' }, h('h2', {}, t('vehicle.alarms')), alarms)),
    h('div', { class: 'card', testid: 'vehicle-charts-card' },
      h('div', { class: 'row baseline chart-head' }, h('h2', {}, t('vehicle.telemetry'))),
      h('div', { class: 'range-bar' }, rangeButtons, h('label', {}, t('vehicle.resolution'), resolutionSelect)),
      seriesProblem,
      h('div', { class: 'vehicle-charts' }, MEASURES.map((m, i) => h('div', { class: 'vehicle-chart' },
        h('h3', {}, measureName(m.key)), charts[i].el))),
      seriesShown),
    why ? h('div', { class: 'card' }, h('h2', {}, t('why.heading')), why.element) : null,
    history ? h('div', { class: 'card' },
      h('div', { class: 'card-head' }, h('h2', {}, t('vehicle.history')), h('p', { class: 'muted small' }, t('vehicle.historySub'))),
      history.element) : null));

  // --- the vehicle --------------------------------------------------------------------------------
  let owners = null;
  customerNames().then(names => { owners = names; if (vehicle) showRecord(vehicle); }).catch(() => {});

  function showRecord(v) {
    fill(title, t('vehicle.heading'), ' ', h('span', { class: 'mono', testid: 'vehicle-vin-shown' }, v.vin));
    fill(stateSlot, onlineDot(v.online), ' ', h('span', { class: 'muted small', testid: 'vehicle-last-seen' },
      v.lastSeenAt ? [t('vehicle.lastSeen'), ' ', timeEl(v.lastSeenAt)] : t('vehicles.neverSeen')));
    const ownerName = v.ownerCustomerId ? (owners && owners.get(v.ownerCustomerId)) || shortId(v.ownerCustomerId) : null;
    // drawn again only when it changed, not on every frame
    const signature = JSON.stringify([v.plate, v.plateCountry, v.make, v.model, v.year, v.manufacturer, v.country, v.modelYear,
      ownerName, v.registeredAt, v.vehicleId, v.warnings]);
    if (record.dataset.signature === signature) return;
    record.dataset.signature = signature;
    fill(record, h('dl', { class: 'kv' },
      h('dt', {}, t('vehicles.plate')), h('dd', { testid: 'vehicle-plate-shown' }, v.plate || '—',
        v.plateCountry ? h('span', { class: 'muted' }, ` · ${countryName(v.plateCountry)}`) : null),
      h('dt', {}, t('vehicles.makeModel')), h('dd', { testid: 'vehicle-make-model' }, makeModel(v)),
      h('dt', {}, t('vehicles.manufacturer')), h('dd', { testid: 'vehicle-manufacturer' }, v.manufacturer || t('vehicle.unknown')),
      h('dt', {}, t('vehicle.country')), h('dd', { testid: 'vehicle-country' },
        v.country ? (/^[A-Z]{2}$/.test(v.country) ? `${countryName(v.country)} (${v.country})` : v.country) : t('vehicle.unknown')),
      h('dt', {}, t('vehicle.modelYear')), h('dd', { testid: 'vehicle-model-year' }, v.modelYear ? String(v.modelYear) : '—'),
      h('dt', {}, t('vehicles.owner')), h('dd', { testid: 'vehicle-owner-shown' }, ownerName
        ? h('a', { href: `#/customers/${encodeURIComponent(v.ownerCustomerId)}` }, ownerName) : h('span', { class: 'muted' }, t('vehicles.noOwner'))),
      h('dt', {}, t('vehicle.registered')), h('dd', {}, timeEl(v.registeredAt)),
      h('dt', {}, t('vehicle.id')), h('dd', { class: 'mono small', title: v.vehicleId }, shortId(v.vehicleId))));
    const flagged = v.warnings || [];
    fill(warnings, flagged.length ? h('div', { class: 'warning-box', testid: 'vehicle-warning-list' },
      h('div', { class: 'title' }, t('vehicle.warnings')),
      h('ul', {}, flagged.map(w => h('li', { 'data-warning': w }, has(`vehicle.warning.${w}`) ? t(`vehicle.warning.${w}`) : w)))) : null);
  }

  function showDongle(v) {
    if (dongle.dataset.dongleId === (v.dongleId || '') && dongle.dataset.shown) return; // keeps a confirmation open
    dongle.dataset.dongleId = v.dongleId || '';
    dongle.dataset.shown = 'true';
    if (v.dongleId) {
      const actions = h('div', { class: 'row' });
      if (editor) {
        askFirst(actions, { label: t('vehicle.unpair'), testid: 'dongle-unpair', question: t('vehicle.unpairQuestion', { dongle: v.dongleId }),
          act: () => unpair(v.dongleId) });
      }
      fill(dongle, h('dl', { class: 'kv' }, h('dt', {}, t('vehicle.dongleId')), h('dd', { class: 'mono', testid: 'vehicle-dongle-id' }, v.dongleId)), actions);
      return;
    }
    if (!editor) { fill(dongle, h('p', { class: 'muted', testid: 'vehicle-no-dongle' }, t('vehicle.noDongle'))); return; }
    const input = h('input', { name: 'dongleId', testid: 'dongle-id', required: true, maxlength: 100, autocomplete: 'off', spellcheck: 'false' });
    const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'dongle-submit' }, t('vehicle.pair'));
    const form = h('form', { testid: 'dongle-form', novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      submit.disabled = true;
      dongleSlot.replaceChildren();
      clearFieldProblems(form);
      try {
        const paired = await api.post(vehiclePath(vehicleId, '/dongle'), { dongleId: input.value.trim() });
        secretDialog(dialogSlot, { prefix: 'dongle-key', title: t('vehicle.keyTitle', { dongle: paired.dongleId }), secret: paired.apiKey,
          warning: t('vehicle.keyOnce') });
        await until(() => api.get(vehiclePath(vehicleId)).then(x => x && x.dongleId === paired.dongleId), { timeoutMs: 15000 });
        await reload();
      } catch (err) {
        if (!showFieldProblems(form, err)) dongleSlot.replaceChildren(problemBox(err, 'dongle-problem'));
      } finally {
        submit.disabled = false;
      }
    } },
    h('p', { class: 'muted small' }, t('vehicle.pairHint')),
    h('div', { class: 'form-grid' }, h('label', {}, t('vehicle.dongleId'), input)),
    h('div', { class: 'form-actions' }, submit));
    fill(dongle, form);
  }

  async function unpair(dongleId) {
    dongleSlot.replaceChildren();
    try {
      await request('DELETE', vehiclePath(vehicleId, '/dongle'));
      fill(dongleSlot, h('div', { class: 'notice', testid: 'dongle-unpaired' }, t('vehicle.unpaired', { dongle: dongleId })));
      await until(() => api.get(vehiclePath(vehicleId)).then(x => x && !x.dongleId), { timeoutMs: 15000 });
      await reload();
    } catch (err) {
      dongleSlot.replaceChildren(problemBox(err, 'dongle-problem'));
      delete dongle.dataset.shown;
      if (vehicle) showDongle(vehicle);
    }
  }

  function showAlarms(v) {
    const list = v.alarms || [];
    const signature = JSON.stringify(list);
    if (alarms.dataset.signature === signature) return;
    alarms.dataset.signature = signature;
    fill(alarms, list.length
      ? h('ul', { class: 'alert-list' }, list.map(a => {
        const m = MEASURES.find(x => x.key === a.measure) || { unit: '', digits: 1 };
        return h('li', { class: 'alert-item', testid: 'vehicle-alarm', 'data-rule': a.rule },
          h('span', { class: 'badge s-CRITICAL', testid: 'vehicle-alarm-badge' }, t('vehicle.alarmRaised')), ' ', h('strong', {}, alarmName(a.rule)),
          h('div', { class: 'muted small' }, t('vehicle.alarmDetail', { value: withUnit(a.value, m), limit: withUnit(a.limit, m) }),
            ' · ', t('vehicle.since'), ' ', timeEl(a.since)));
      }))
      : h('p', { class: 'muted', testid: 'vehicle-no-alarm' }, t('vehicle.noAlarm')));
    alarms.dataset.count = String(list.length);
  }

  // --- trouble codes: the active ones and the vehicle's history of cleared ones, both from its view ---
  function showCodes(v) {
    const active = (v.troubleCodes || []).map(c => ({ ...c, active: true }));
    const all = [...active, ...(v.clearedTroubleCodes || [])]
      .sort((a, b) => (toDate(b.detectedAt)?.getTime() ?? 0) - (toDate(a.detectedAt)?.getTime() ?? 0));
    // the same rows are left alone: a reader's place (and a test's hold on a row) survives the updates
    const signature = JSON.stringify(all.map(c => [c.code, c.description, c.detectedAt, c.clearedAt, !!c.active]));
    if (codes.dataset.signature === signature) return;
    codes.dataset.signature = signature;
    fill(codes, all.length ? all.map(c => h('tr', { testid: 'trouble-code-row', 'data-code': c.code, 'data-active': String(!!c.active) },
      h('td', { 'data-label': t('vehicle.code'), class: 'mono', testid: 'trouble-code' }, c.code),
      h('td', { 'data-label': t('vehicle.description'), testid: 'trouble-code-description' }, c.description || h('span', { class: 'muted' }, t('vehicle.noDescription'))),
      h('td', { 'data-label': t('vehicle.detected') }, timeEl(c.detectedAt)),
      h('td', { 'data-label': t('vehicle.cleared'), testid: 'trouble-code-cleared' }, c.active
        ? h('span', { class: 'badge s-WARNING' }, t('vehicle.activeCode')) : timeEl(c.clearedAt))))
      : h('tr', {}, h('td', { colspan: 4, class: 'empty', testid: 'trouble-codes-empty' }, t('vehicle.noCode'))));
  }

  // --- gauges and charts --------------------------------------------------------------------------
  let lastPlotted = 0;
  let bucketTimer = null;

  function showLatest(v) {
    const latest = v.latest || {};
    const raised = new Set((v.alarms || []).map(a => a.measure));
    MEASURES.forEach((m, i) => gauges[i].set(latest[m.key], raised.has(m.key)));
    const at = toDate(latest.at)?.getTime();
    if (!at || at <= lastPlotted) return;
    lastPlotted = at;
    if (resolution === 'raw') {
      MEASURES.forEach((m, i) => charts[i].add(m.key, at, latest[m.key]));
      const now = Math.max(Date.now(), at);
      charts.forEach(c => c.setDomain(now - range.ms, now));
    } else if (!bucketTimer) {
      bucketTimer = setTimeout(() => { bucketTimer = null; loadSeries(); }, BUCKET_RELOAD_MS);
    }
  }

  let asked = 0;
  /** Reads each measure's series over the range at the resolution chosen; an answer overtaken by a later ask is dropped. */
  async function loadSeries() {
    const mine = ++asked;
    const to = Date.now();
    const from = to - range.ms;
    try {
      const answers = await Promise.all(MEASURES.map(m => api.get(`${vehiclePath(vehicleId, '/telemetry')}${query({
        measure: m.key, from: new Date(from).toISOString(), to: new Date(to).toISOString(), resolution })}`)));
      if (closed || mine !== asked) return;
      seriesProblem.replaceChildren();
      let count = 0;
      answers.forEach((series, i) => {
        charts[i].clear();
        for (const p of (series && series.points) || []) {
          charts[i].add(MEASURES[i].key, p.at, p.avg);
          lastPlotted = Math.max(lastPlotted, toDate(p.at)?.getTime() ?? 0);
          count += 1;
        }
        charts[i].setDomain(from, to);
      });
      seriesShown.textContent = t('vehicle.seriesShown', { range: t(`vehicle.range.${range.key}`), resolution: t(`vehicle.resolution.${resolution}`), count });
      seriesShown.dataset.count = String(count);
    } catch (err) {
      if (!closed && mine === asked) fill(seriesProblem, problemBox(err, 'vehicle-series-problem-box'));
    }
  }

  // --- live updates -------------------------------------------------------------------------------
  let historyTimer = null;
  let historySignature = null;

  function show(v) {
    if (!v || (v.vehicleId && v.vehicleId !== vehicleId) || closed) return;
    vehicle = v;
    root.dataset.lastSeenAt = String(v.lastSeenAt || '');
    showRecord(v);
    showDongle(v);
    showAlarms(v);
    showLatest(v);
    showCodes(v);
    flash.show(v);
    // the audit history is read again when an event changed the vehicle, not on every frame
    const signature = JSON.stringify([(v.troubleCodes || []).map(c => c.code), (v.alarms || []).map(a => a.rule), v.dongleId,
      v.ecus, v.flashJobId, v.flashAlarm]);
    if (history && signature !== historySignature) {
      historySignature = signature;
      clearTimeout(historyTimer);
      historyTimer = setTimeout(() => history.load(), 500);
    }
  }

  async function reload() {
    try {
      show(await api.get(vehiclePath(vehicleId)));
    } catch { /* the stream or the next poll will tell */ }
  }

  let streamState = 'connecting';
  let streamSince = Date.now();
  const close = subscribe(vehiclePath(vehicleId, '/updates'), 'vehicle', show, (state) => {
    if (state !== streamState) { streamState = state; streamSince = Date.now(); }
    live.set(state);
    // once (re)connected, read the vehicle again: it may have changed while the stream was down
    if (state === 'on' && vehicle) reload();
  });
  // polling while the stream is down (or never came up)
  const poll = setInterval(() => {
    if (!closed && vehicle && streamState !== 'on' && Date.now() - streamSince >= POLL_MS) reload();
  }, POLL_MS);

  loadWhenProjected(() => api.get(vehiclePath(vehicleId)), {
    active: () => !closed,
    found: (v) => { show(v); loadSeries(); },
    problem: (err) => fill(record, problemBox(err, 'vehicle-load-problem')),
    missing: () => fill(record, h('p', { class: 'muted', testid: 'vehicle-missing' }, t('vehicle.missing'))),
  });

  return () => {
    closed = true;
    clearInterval(poll);
    clearTimeout(bucketTimer);
    clearTimeout(historyTimer);
    charts.forEach(c => c.destroy());
    close();
  };
}
