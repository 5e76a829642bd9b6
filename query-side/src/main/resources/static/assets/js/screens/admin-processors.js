// Event processors (admins only): each one's state, position and lag behind the newest event, the nodes running it,
// its dead letters, and for a projection a Replay button that rebuilds it from the first event after a confirmation,
// with the replay's progress (percent, events per second, time left) kept live by polling every second. A processor
// building a version of a blue/green projection says which version queries read, shows a new version's build progress
// and, once it has caught up, offers to switch queries to it.
import { request } from '../api.js';
import { numberFormat } from '../i18n.js';
import { badge, fill, formatNumber, formatSeconds, h, problemBox, t } from '../ui.js';
import { adminTable, askFirst, isAdmin, notAllowed } from './admin.js';

const POLL_MS = 1000;

/** The processor's state in one word: replaying, building a new version, in error, running, retired or stopped. */
function state(p) {
  if (p.replaying) return 'REPLAYING';
  if (p.version?.role === 'PENDING' && !p.version.caughtUp) return 'BUILDING';
  if (p.version?.role === 'RETIRED') return 'RETIRED';
  if (p.error) return 'ERROR';
  return p.running ? 'RUNNING' : 'STOPPED';
}

/** A replay's or a new version's build progress bar (role progressbar), with its pace and time left. */
function replayProgress(p, progress = p.replay, label = 'processors.progress') {
  const share = Math.min(1, Math.max(0, (progress?.percent ?? 0) / 100));
  const shown = numberFormat({ style: 'percent', maximumFractionDigits: 1 }).format(share);
  const pace = progress?.eventsPerSecond == null ? '—' : formatNumber(progress.eventsPerSecond, 1);
  const eta = progress?.etaSeconds == null ? '—' : formatSeconds(progress.etaSeconds);
  const fillBar = h('span', { class: 'run-progress-fill' });
  fillBar.style.width = `${share * 100}%`;
  return h('div', {},
    h('div', { class: 'run-progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100',
      'aria-valuenow': String(Math.round(share * 100)), 'aria-valuetext': shown,
      'aria-label': t(label, { name: p.name }), testid: 'processor-progress' },
    h('span', { class: 'run-progress-track' }, fillBar),
    h('span', { class: 'run-progress-text', 'aria-hidden': 'true' }, shown)),
    h('div', { class: 'muted small', testid: 'processor-pace' }, t('processors.pace', { pace, eta })));
}

/** Which version of its projection the processor builds, and which one queries read. */
function versionNote(p) {
  const v = p.version;
  if (!v) return null;
  return h('div', { class: 'muted small', testid: 'processor-version', 'data-role': v.role },
    t(`processors.version.${v.role}`, { projection: v.projection, active: v.active }),
    v.role === 'PENDING' ? ` · ${t(`processors.switchMode.${v.switchMode}`)}` : '');
}

/** The lag behind the newest event, in events and in seconds. */
function lag(p) {
  if (p.lagEvents == null) return '—';
  if (p.lagEvents === 0) return t('processors.caughtUp');
  return t('processors.lag', { events: formatNumber(p.lagEvents, 0), time: formatSeconds(p.lagSeconds) });
}

export async function renderAdminProcessors(root) {
  if (!isAdmin()) { notAllowed(root); return; }
  const body = h('tbody', { testid: 'processors-body' });
  const notices = h('div', { 'aria-live': 'polite' });
  const title = t('processors.title');
  const columns = [t('processors.name'), t('processors.state'), t('processors.position'), t('processors.lagColumn'),
    t('processors.nodes'), t('processors.deadLetters')];
  root.append(h('section', { testid: 'screen-admin-processors' },
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, title), h('div', { class: 'sub' }, t('processors.sub')))),
    notices,
    adminTable('processors-table', title, columns, body)));

  const rows = new Map();
  let timer = null;
  let stopped = false;

  function row(p) {
    const cells = {
      version: h('div', {}),
      state: h('td', { 'data-label': columns[1], testid: 'processor-state' }),
      position: h('td', { 'data-label': columns[2], class: 'num', testid: 'processor-position' }),
      lag: h('td', { 'data-label': columns[3], testid: 'processor-lag' }),
      nodes: h('td', { 'data-label': columns[4], class: 'mono small', testid: 'processor-nodes' }),
      letters: h('td', { 'data-label': columns[5], class: 'num', testid: 'processor-dead-letters' }),
      actions: h('td', { class: 'actions' }),
    };
    const tr = h('tr', { testid: 'processor-row', 'data-name': p.name },
      h('th', { scope: 'row', 'data-label': columns[0] }, h('span', { class: 'mono' }, p.name),
        h('div', { class: 'muted small' }, t(`processors.kind.${p.kind}`)), cells.version),
      cells.state, cells.position, cells.lag, cells.nodes, cells.letters, cells.actions);
    return { tr, cells, action: null };
  }

  function update(entry, p) {
    const { cells } = entry;
    fill(cells.version, versionNote(p));
    const building = !p.replaying && p.version?.role === 'PENDING' && !p.version.caughtUp;
    fill(cells.state, badge(state(p), { testid: 'processor-state-badge' }), p.replaying ? replayProgress(p) : null,
      building ? replayProgress(p, p.version.build, 'processors.buildProgress') : null,
      p.error ? h('div', { class: 'muted small' }, p.error) : null);
    cells.position.textContent = p.position == null || p.position < 0 ? '—' : formatNumber(p.position, 0);
    cells.lag.textContent = lag(p);
    cells.nodes.textContent = (p.owners || []).join(', ') || '—';
    cells.letters.textContent = formatNumber(p.deadLetters, 0);
    const switchable = p.version?.role === 'PENDING' && p.version.caughtUp;
    const action = switchable ? 'switch' : p.version?.role === 'RETIRED' ? 'retired'
      : !p.replayable ? 'none' : p.replaying ? 'replaying' : 'replay';
    if (action === entry.action) return;
    entry.action = action;
    if (action === 'switch') {
      askFirst(cells.actions, { label: t('processors.switch'), testid: 'processor-switch',
        question: t('processors.switchQuestion', { projection: p.version.projection, name: p.name }),
        act: () => switchTo(p.version.projection, p.name) });
    } else if (action === 'retired') {
      fill(cells.actions, h('span', { class: 'muted small' }, t('processors.retired')));
    } else if (action === 'replay') {
      askFirst(cells.actions, { label: t('processors.replay'), testid: 'processor-replay',
        question: t('processors.replayQuestion', { name: p.name }), act: () => replay(p.name) });
    } else {
      fill(cells.actions, h('span', { class: 'muted small' },
        t(action === 'none' ? 'processors.notReplayable' : 'processors.replaying')));
    }
  }

  async function replay(name) {
    try {
      await request('POST', `/api/v1/admin/processors/${encodeURIComponent(name)}/replay`);
      fill(notices, h('div', { class: 'notice', testid: 'processor-replay-started' }, t('processors.replayStarted', { name })));
      await load();
    } catch (err) {
      fill(notices, problemBox(err, 'processor-replay-problem'));
      rows.get(name).action = null;
      await load();
    }
  }

  async function switchTo(projection, name) {
    try {
      await request('POST', `/api/v1/admin/projections/${encodeURIComponent(projection)}/switch`);
      fill(notices, h('div', { class: 'notice', testid: 'processor-switched' }, t('processors.switched', { projection, name })));
    } catch (err) {
      fill(notices, problemBox(err, 'processor-switch-problem'));
    }
    rows.get(name).action = null;
    await load();
  }

  async function load() {
    try {
      const processors = await request('GET', '/api/v1/admin/processors');
      for (const p of processors || []) {
        if (!rows.has(p.name)) {
          rows.set(p.name, row(p));
          body.append(rows.get(p.name).tr);
        }
        update(rows.get(p.name), p);
      }
      body.dataset.loaded = 'true';
    } catch (err) {
      if (err.status === 403) { stopped = true; notAllowed(root); return; }
      fill(notices, problemBox(err, 'processors-problem'));
    }
  }

  async function poll() {
    await load();
    if (!stopped) timer = setTimeout(poll, POLL_MS);
  }
  await poll();
  return () => { stopped = true; clearTimeout(timer); };
}
