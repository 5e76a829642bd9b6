// Simulation runs: how many of the five slots are taken, a form to start a run, and the list of runs kept live from the run stream.
import { NetworkError, api, query, session, subscribe, uuid } from '../api.js';
import { RUN_STATUSES, badge, fill, formatSeconds, h, liveIndicator, markInvalid, pager, problemBox, shortId, statusLabel, timeEl, toDate } from '../ui.js';

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
  return Number.isFinite(n) && n > 0 ? `${n} simulated sensor${n === 1 ? '' : 's'}` : 'simulated';
}

export async function renderRuns(root, { params, navigate }) {
  const status = params.get('status') || '';
  const page = Math.max(0, Number(params.get('page') || 0));
  const go = (changes) => {
    const next = { status, page, ...changes };
    navigate(`#/runs${query({ status: next.status, page: next.page || '' })}`);
  };
  const operator = canOperateRuns();
  const live = liveIndicator('runs-live');
  const capacity = h('div', { class: 'capacity', testid: 'can-start' }, h('span', { class: 'muted' }, 'Checking free slots…'));
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
        canStart ? `${running} / ${limit} running — you can start a run`
          : held > running ? `Limit reached: ${held} / ${limit} slots held (${running} running; ended runs are releasing their slots)`
            : `Limit reached: ${running} / ${limit} running`),
      canStart ? null : h('span', { class: 'muted' }, 'Finish or interrupt a run to free a slot.'));
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
  const runName = h('input', { name: 'name', maxlength: 100, placeholder: 'Optional', testid: 'run-name' });
  const duration = h('input', { name: 'duration', type: 'number', min: 1, step: 1, value: '60', testid: 'run-duration', required: true });
  const interval = h('input', { name: 'interval', type: 'number', min: 1, step: 1, value: '5', testid: 'run-interval', required: true });
  const sensors = h('input', { name: 'params.sensors', type: 'number', min: 1, step: 1, value: '3', testid: 'run-sensors' });
  const simulate = h('input', { name: 'params.simulate', type: 'checkbox', checked: true, testid: 'run-simulate',
    onchange: () => { sensors.disabled = !simulate.checked; } });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'run-start' }, 'Start run');
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
    submit.textContent = 'Starting…';
    formSlot.replaceChildren();
    try {
      const run = await api.post('/api/runs/start', request, { 'Idempotency-Key': idempotencyKey });
      idempotencyKey = null;
      markInvalid(form, null);
      const id = run && run.id;
      formSlot.replaceChildren(h('div', { class: 'notice', testid: 'run-started', 'data-run-id': id || '' },
        `Run ${run && run.name ? run.name : shortId(id)} started`, request.params.simulate ? ` with ${simulationLabel(request.params)}` : '', '. ',
        id ? h('a', { href: `#/runs/${encodeURIComponent(id)}`, testid: 'run-started-link' }, 'Open its live page →') : null));
      if (run && run.id) upsert(run);
      refreshCapacitySoon(0);
    } catch (err) {
      if (!(err instanceof NetworkError)) idempotencyKey = null;
      formSlot.replaceChildren(problemBox(err, 'run-start-problem'));
      markInvalid(form, err);
      if (err.status === 409) refreshCapacitySoon(0);
    } finally {
      submit.disabled = false;
      submit.textContent = 'Start run';
    }
  } },
  h('div', { class: 'form-grid' },
    h('label', {}, 'Name', runName),
    h('label', {}, 'Duration (s)', duration),
    h('label', {}, 'Interval (s)', interval),
    h('label', { class: 'check' }, simulate, 'Simulate sensors'),
    h('label', {}, 'Simulated sensors', sensors)),
  h('div', { class: 'form-actions' }, submit,
    h('span', { class: 'muted', style: 'font-size:.88rem' }, 'Simulated sensors publish a reading every interval over MQTT until the run ends.')));

  // --- interrupt all ------------------------------------------------------------------------------

  const interruptAll = h('button', { class: 'btn btn-danger', type: 'button', testid: 'interrupt-all', onclick: askInterruptAll }, 'Interrupt all');

  function askInterruptAll() {
    const running = capacity.dataset.running;
    fill(actionSlot, h('div', { class: 'card row', testid: 'interrupt-all-confirmation', style: 'align-items:center' },
      h('span', {}, running ? `Interrupt all ${running} running run${running === '1' ? '' : 's'}? ` : 'Interrupt every running run? ',
        h('span', { class: 'muted' }, 'They end as INTERRUPTED and their simulated sensors stop.')),
      h('span', { class: 'spacer' }),
      h('button', { class: 'btn btn-danger', type: 'button', testid: 'interrupt-all-confirm', onclick: doInterruptAll }, 'Interrupt all'),
      h('button', { class: 'btn btn-quiet', type: 'button', testid: 'interrupt-all-cancel', onclick: () => actionSlot.replaceChildren() }, 'Keep them running')));
  }

  async function doInterruptAll(e) {
    e.target.disabled = true;
    try {
      const answer = await api.post('/api/runs/interrupt-all', undefined, { 'Idempotency-Key': uuid() });
      const n = answer && answer.interrupted !== undefined ? answer.interrupted : (answer?.runIds || []).length;
      fill(actionSlot, h('div', { class: 'notice', testid: 'interrupt-all-done', 'data-count': String(n) },
        n ? `Interrupted ${n} run${n === 1 ? '' : 's'}.` : 'No run was running.'));
      refreshCapacitySoon(0);
    } catch (err) {
      fill(actionSlot, problemBox(err, 'runs-action-problem'));
    }
  }

  // --- table --------------------------------------------------------------------------------------

  async function finish(run, button) {
    button.disabled = true;
    button.textContent = 'Finishing…';
    try {
      const answer = await api.post(`/api/runs/${encodeURIComponent(run.id)}/finish`, undefined, { 'Idempotency-Key': uuid() });
      if (answer && answer.status) upsert({ ...known.get(run.id), ...answer });
      refreshCapacitySoon(0);
    } catch (err) {
      fill(actionSlot, problemBox(err, 'runs-action-problem'));
      button.disabled = false;
      button.textContent = 'Finish';
    }
  }

  const signature = (r) => `${r.status}|${r.finishedAt || ''}`;
  const liveLink = (r) => `#/runs/${encodeURIComponent(r.id)}`;

  const row = (r) => h('tr', {
    class: 'link', id: `run-row-${r.id}`, testid: 'run-row', 'data-run-id': r.id, 'data-status': r.status,
    'data-started-at': String(r.startedAt || ''), 'data-signature': signature(r),
    onclick: (e) => { if (!e.target.closest('a, button')) navigate(liveLink(r)); },
  },
  h('td', {}, h('a', { href: liveLink(r), class: r.name ? '' : 'mono', title: r.id, testid: 'run-link' }, runLabel(r))),
  h('td', { testid: 'run-row-user' }, r.username || '—'),
  h('td', {}, badge(r.status, { testid: 'run-row-status' })),
  h('td', {}, timeEl(r.startedAt)),
  h('td', {}, timeEl(r.finishedAt)),
  h('td', { class: 'num' }, formatSeconds(r.duration)),
  h('td', { class: 'num' }, formatSeconds(r.interval)),
  h('td', { class: 'muted' }, simulationLabel(r.params)),
  h('td', { class: 'num' },
    operator && r.status === 'RUNNING'
      ? h('button', { class: 'btn btn-small', type: 'button', testid: 'run-row-finish', onclick: (e) => finish(r, e.currentTarget) }, 'Finish')
      : null));

  const emptyRow = () => h('tr', { testid: 'runs-empty' }, h('td', { colspan: 9, class: 'empty' },
    status ? `No ${statusLabel(status).toLowerCase()} runs.` : 'No runs yet. Start the first one.'));
  const started = (value) => toDate(value)?.getTime() ?? 0;
  const showPager = () => fill(footer, pager(page, PAGE_SIZE, total, (p) => go({ page: p }), 'runs-pager'));

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
    if (page !== 0 || (status && r.status !== status)) return;
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
    h('option', { value: '' }, 'All statuses'),
    RUN_STATUSES.map(s => h('option', { value: s, selected: s === status }, statusLabel(s))));

  root.append(h('section', { testid: 'screen-runs' },
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, 'Simulation runs'),
        h('div', { class: 'sub' }, 'At most five runs are running at once, across every node. Open a run to watch its sensors live.')),
      h('div', { class: 'row', style: 'align-items:center' }, live.el, operator ? interruptAll : null)),
    h('div', { class: 'card' }, capacity),
    actionSlot,
    operator ? h('div', { class: 'card' }, h('h2', {}, 'Start a run'), formSlot, form) : null,
    listSlot,
    h('div', { class: 'card flush' },
      h('div', { class: 'row', style: 'padding:.75rem 1rem;align-items:center' },
        h('h2', { style: 'margin:0' }, 'Runs'), h('span', { class: 'spacer' }), h('label', { class: 'check', style: 'padding:0' }, 'Status', statusSelect)),
      h('table', { testid: 'runs-table' },
        h('thead', {}, h('tr', {},
          h('th', {}, 'Run'), h('th', {}, 'User'), h('th', {}, 'Status'), h('th', {}, 'Started'), h('th', {}, 'Finished'),
          h('th', { class: 'num' }, 'Duration'), h('th', { class: 'num' }, 'Interval'), h('th', {}, 'Sensors'), h('th', {}, ''))),
        body),
      footer)));

  const capacityLoaded = loadCapacity();
  try {
    const result = await api.get(`/api/runs${query({ status, page, size: PAGE_SIZE })}`);
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
      const result = await api.get(`/api/runs${query({ status, page, size: PAGE_SIZE })}`);
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
