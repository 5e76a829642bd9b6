// Simulation runs: how many of the five slots are taken, a form to start a run, and the list of runs kept live from the run stream.
import { NetworkError, api, query, session, subscribe, uuid } from '../api.js';
import { runProgress } from '../run-progress.js';
import { RUN_STATUSES, badge, fill, formatSeconds, h, liveIndicator, markInvalid, problemBox, shortId, statusLabel, t, timeEl, toDate } from '../ui.js';
import { listControls } from '../list-controls.js';

const PAGE_SIZE = 20;
/** How a run is named on screen: the name it was given, or its short id. */
const runLabel = (r) => r.name || shortId(r.id);
const CAPACITY_POLL_MS = 5000;

/** Whether the signed-in user may start, finish and interrupt runs (readers only watch). */
export function canOperateRuns() {
  return session.hasAnyRole('ADMIN', 'OPERATOR', 'TECHNICIAN');
}

/** What a run simulates, from its params: '3 simulated sensors', or '—' for a run fed by real devices. */
export function simulationLabel(params) {
  if (!params || !params.simulate) return '—';
  const n = Number(params.sensors);
  return Number.isFinite(n) && n > 0 ? t('runs.simulatedSensors', { n }) : t('runs.simulated');
}

export async function renderRuns(root, { params, navigate }) {
  const status = params.get('status') || '';
  const controls = listControls({ path: '#/runs', endpoint: '/api/runs', params, navigate, filters: { status },
    searchLabel: t('runs.search'), testid: 'runs' });
  const { page } = controls.state;
  const go = controls.go;
  const operator = canOperateRuns();
  const live = liveIndicator('runs-live');
  const capacity = h('div', { class: 'capacity', testid: 'can-start' }, h('span', { class: 'muted' }, t('runs.checking')));
  const actionSlot = h('div');
  const listSlot = h('div');
  const body = h('tbody', { testid: 'runs-body' });
  const footer = h('div');
  const known = new Map();
  let total = 0;

  // --- can-start indicator ------------------------------------------------------------------------

  function showCapacity(c) {
    const running = Number(c.running ?? 0);
    const limit = Number(c.limit ?? 5);
    const held = Number(c.held ?? running);
    const canStart = c.canStart !== undefined ? !!c.canStart : held < limit;
    capacity.classList.toggle('full', !canStart);
    capacity.dataset.running = String(running);
    capacity.dataset.limit = String(limit);
    capacity.dataset.canStart = String(canStart);
    fill(capacity,
      h('div', { class: 'slots', 'aria-hidden': 'true' },
        Array.from({ length: limit }, (_, i) => h('span', { class: `slot ${i < held ? 'taken' : ''}` }))),
      h('span', { class: 'text', testid: 'can-start-text' },
        canStart ? t('runs.canStart', { running, limit })
          : held > running ? t('runs.limitHeld', { held, limit, running })
            : t('runs.limit', { running, limit })),
      canStart ? null : h('span', { class: 'muted' }, t('runs.freeSlot')));
  }

  async function loadCapacity() {
    try {
      showCapacity(await api.get('/api/runs/can-start'));
    } catch (err) {
      fill(capacity, problemBox(err, 'can-start-problem'));
    }
  }

  let capacityTimer = null;
  /** Reads the slot count again shortly: run events arrive in bursts, and the count is the read model's. */
  function refreshCapacitySoon(delay = 400) {
    clearTimeout(capacityTimer);
    capacityTimer = setTimeout(loadCapacity, delay);
  }

  // --- start form ---------------------------------------------------------------------------------

  const formSlot = h('div');
  const runName = h('input', { name: 'name', maxlength: 100, placeholder: t('field.optional'), testid: 'run-name' });
  const duration = h('input', { name: 'duration', type: 'number', min: 1, step: 1, value: '60', testid: 'run-duration', required: true });
  const interval = h('input', { name: 'interval', type: 'number', min: 1, step: 1, value: '5', testid: 'run-interval', required: true });
  const sensors = h('input', { name: 'params.sensors', type: 'number', min: 1, step: 1, value: '3', testid: 'run-sensors' });
  const simulate = h('input', { name: 'params.simulate', type: 'checkbox', checked: true, testid: 'run-simulate',
    onchange: () => { sensors.disabled = !simulate.checked; } });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'run-start' }, t('runs.start'));
  const number = (input) => (input.value.trim() === '' ? null : Number(input.value));
  // One key per submission; kept only when the request never reached the server, so a retry is the same submission.
  let idempotencyKey = null;

  const form = h('form', { testid: 'run-start-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const request = {
      name: runName.value.trim() || null,
      duration: number(duration),
      interval: number(interval),
      params: simulate.checked ? { simulate: true, sensors: number(sensors) } : {},
    };
    idempotencyKey = idempotencyKey || uuid();
    submit.disabled = true;
    submit.textContent = t('runs.starting');
    formSlot.replaceChildren();
    try {
      const run = await api.post('/api/runs/start', request, { 'Idempotency-Key': idempotencyKey });
      idempotencyKey = null;
      markInvalid(form, null);
      const id = run && run.id;
      formSlot.replaceChildren(h('div', { class: 'notice', testid: 'run-started', 'data-run-id': id || '' },
        request.params.simulate ? t('runs.startedWith', { id: run ? runLabel(run) : '', sensors: simulationLabel(request.params) }) : t('runs.started', { id: run ? runLabel(run) : '' }), ' ',
        id ? h('a', { href: `#/runs/${encodeURIComponent(id)}`, testid: 'run-started-link' }, t('runs.openLive')) : null));
      if (run && run.id) upsert(run);
      refreshCapacitySoon(0);
    } catch (err) {
      if (!(err instanceof NetworkError)) idempotencyKey = null;
      formSlot.replaceChildren(problemBox(err, 'run-start-problem'));
      markInvalid(form, err);
      if (err.status === 409) refreshCapacitySoon(0);
    } finally {
      submit.disabled = false;
      submit.textContent = t('runs.start');
    }
  } },
  h('div', { class: 'form-grid' },
    h('label', {}, t('runs.name'), runName),
    h('label', {}, t('runs.durationSeconds'), duration),
    h('label', {}, t('runs.intervalSeconds'), interval),
    h('label', { class: 'check' }, simulate, t('runs.simulate')),
    h('label', {}, t('runs.sensorsField'), sensors)),
  h('div', { class: 'form-actions' }, submit,
    h('span', { class: 'muted small' }, t('runs.hint'))));

  // --- interrupt all ------------------------------------------------------------------------------

  const interruptAll = h('button', { class: 'btn btn-danger', type: 'button', testid: 'interrupt-all', onclick: askInterruptAll }, t('runs.interruptAll'));

  function askInterruptAll() {
    const running = capacity.dataset.running;
    fill(actionSlot, h('div', { class: 'card row center', testid: 'interrupt-all-confirmation' },
      h('span', {}, running ? t('runs.confirmInterrupt', { n: Number(running) }) : t('runs.confirmInterruptEvery'), ' ',
        h('span', { class: 'muted' }, t('runs.interruptEffect'))),
      h('span', { class: 'spacer' }),
      h('button', { class: 'btn btn-danger', type: 'button', testid: 'interrupt-all-confirm', onclick: doInterruptAll }, t('runs.interruptAll')),
      h('button', { class: 'btn btn-quiet', type: 'button', testid: 'interrupt-all-cancel', onclick: () => actionSlot.replaceChildren() }, t('runs.keepRunning'))));
  }

  async function doInterruptAll(e) {
    e.target.disabled = true;
    try {
      const answer = await api.post('/api/runs/interrupt-all', undefined, { 'Idempotency-Key': uuid() });
      const n = answer && answer.interrupted !== undefined ? answer.interrupted : (answer?.runIds || []).length;
      fill(actionSlot, h('div', { class: 'notice', testid: 'interrupt-all-done', 'data-count': String(n) },
        n ? t('runs.interrupted', { n }) : t('runs.noneRunning')));
      refreshCapacitySoon(0);
    } catch (err) {
      fill(actionSlot, problemBox(err, 'runs-action-problem'));
    }
  }

  // --- table --------------------------------------------------------------------------------------

  async function finish(run, button) {
    button.disabled = true;
    button.textContent = t('runs.finishing');
    try {
      const answer = await api.post(`/api/runs/${encodeURIComponent(run.id)}/finish`, undefined, { 'Idempotency-Key': uuid() });
      if (answer && answer.status) upsert({ ...known.get(run.id), ...answer });
      refreshCapacitySoon(0);
    } catch (err) {
      fill(actionSlot, problemBox(err, 'runs-action-problem'));
      button.disabled = false;
      button.textContent = t('runs.finish');
    }
  }

  const signature = (r) => `${r.status}|${r.finishedAt || ''}`;
  const liveLink = (r) => `#/runs/${encodeURIComponent(r.id)}`;

  const row = (r) => h('tr', {
    class: 'link', id: `run-row-${r.id}`, testid: 'run-row', 'data-run-id': r.id, 'data-status': r.status,
    'data-started-at': String(r.startedAt || ''), 'data-signature': signature(r),
    onclick: (e) => { if (!e.target.closest('a, button')) navigate(liveLink(r)); },
  },
  h('td', { 'data-label': t('col.run') }, h('a', { href: liveLink(r), class: r.name ? null : 'mono', title: r.id, testid: 'run-link' }, runLabel(r))),
  h('td', { 'data-label': t('col.user'), testid: 'run-row-user' }, r.username || '—'),
  h('td', { 'data-label': t('col.status') }, badge(r.status, { testid: 'run-row-status' }), r.status === 'RUNNING' ? runProgress(r) : null),
  h('td', { 'data-label': t('col.started') }, timeEl(r.startedAt)),
  h('td', { 'data-label': t('col.finished') }, timeEl(r.finishedAt)),
  h('td', { 'data-label': t('col.duration'), class: 'num' }, formatSeconds(r.duration)),
  h('td', { 'data-label': t('col.interval'), class: 'num' }, formatSeconds(r.interval)),
  h('td', { 'data-label': t('col.sensors'), class: 'muted' }, simulationLabel(r.params)),
  h('td', { class: 'num' },
    operator && r.status === 'RUNNING'
      ? h('button', { class: 'btn btn-small', type: 'button', testid: 'run-row-finish', onclick: (e) => finish(r, e.currentTarget) }, t('runs.finish'))
      : null));

  const emptyRow = () => h('tr', { testid: 'runs-empty' }, h('td', { colspan: 9, class: 'empty' },
    status ? t('runs.noneWithStatus', { status: statusLabel(status) }) : controls.filtered ? t('runs.noMatch') : t('runs.none')));
  const started = (value) => toDate(value)?.getTime() ?? 0;
  const showPager = () => fill(footer, controls.pages(PAGE_SIZE, total));

  /** Shows a run: replaces its row when something changed, or puts a new run where it belongs on page one. */
  function upsert(r) {
    known.set(r.id, r);
    const existing = body.querySelector(`tr[data-run-id="${CSS.escape(r.id)}"]`);
    const fresh = row(r);
    fresh.classList.add('flash');
    if (existing) {
      if (existing.dataset.signature !== signature(r)) existing.replaceWith(fresh);
      return;
    }
    if (page !== 0 || controls.filtered || controls.state.sort || (status && r.status !== status)) return;
    const rows = [...body.querySelectorAll('tr[data-run-id]')];
    if (rows.length >= PAGE_SIZE && started(r.startedAt) < started(rows[rows.length - 1].dataset.startedAt)) return;
    body.querySelector('[data-testid="runs-empty"]')?.remove();
    const after = rows.find(tr => started(r.startedAt) >= started(tr.dataset.startedAt));
    body.insertBefore(fresh, after || null);
    while (body.querySelectorAll('tr[data-run-id]').length > PAGE_SIZE) body.lastElementChild.remove();
    total += 1;
    showPager();
  }

  const statusSelect = h('select', { name: 'status', testid: 'runs-filter-status', onchange: (e) => go({ status: e.target.value, page: 0 }) },
    h('option', { value: '' }, t('filter.allStatuses')),
    RUN_STATUSES.map(s => h('option', { value: s, selected: s === status }, statusLabel(s))));

  root.append(h('section', { testid: 'screen-runs' },
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, t('runs.title')),
        h('div', { class: 'sub' }, t('runs.sub'))),
      h('div', { class: 'row center' }, live.el, operator ? interruptAll : null)),
    h('div', { class: 'card' }, capacity),
    actionSlot,
    operator ? h('div', { class: 'card' }, h('h2', {}, t('runs.startARun')), formSlot, form) : null,
    controls.toolbar,
    listSlot,
    h('div', { class: 'card flush' },
      h('div', { class: 'row center table-head' },
        h('h2', {}, t('nav.runs')), h('span', { class: 'spacer' }), h('label', { class: 'check inline' }, t('field.status'), statusSelect)),
      h('div', { class: 'table-scroll' }, h('table', { testid: 'runs-table', class: 'stack' },
        h('thead', {}, h('tr', {},
          controls.header('name', t('col.run')), controls.header('username', t('col.user')), controls.header('status', t('col.status')),
          controls.header('startedAt', t('col.started')), controls.header('finishedAt', t('col.finished')),
          h('th', { scope: 'col', class: 'num' }, t('col.duration')), h('th', { scope: 'col', class: 'num' }, t('col.interval')),
          h('th', { scope: 'col' }, t('col.sensors')), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('col.actions'))))),
        body)),
      footer)));

  const capacityLoaded = loadCapacity();
  try {
    const result = await api.get(`/api/runs${query({ ...controls.apiParams, page, size: PAGE_SIZE })}`);
    const runs = result.content || [];
    total = result.totalElements ?? runs.length;
    runs.forEach(r => known.set(r.id, r));
    fill(body, runs.length ? runs.map(row) : emptyRow());
    showPager();
  } catch (err) {
    listSlot.replaceChildren(problemBox(err, 'runs-problem'));
    fill(body, emptyRow());
  }
  await capacityLoaded;

  /** Reads the page again once the stream is (re)connected, so that changes made while it was down still show. */
  async function reconcile() {
    try {
      const result = await api.get(`/api/runs${query({ ...controls.apiParams, page, size: PAGE_SIZE })}`);
      (result.content || []).forEach(upsert);
      total = Math.max(total, result.totalElements ?? 0);
      showPager();
    } catch { /* the stream and the next reconnection keep trying */ }
    refreshCapacitySoon(0);
  }

  let streamState = null;
  const close = subscribe('/api/runs/updates', 'run', (r) => {
    if (!r || !r.id) return;
    upsert(r);
    refreshCapacitySoon();
  }, (state) => {
    live.set(state);
    if (state === 'on' && streamState !== 'on') reconcile();
    streamState = state;
  });
  const poll = setInterval(loadCapacity, CAPACITY_POLL_MS);

  return () => {
    clearInterval(poll);
    clearTimeout(capacityTimer);
    close();
  };
}
