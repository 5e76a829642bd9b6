// How far a running run is through its planned duration: a progress bar for the runs list that moves on its own,
// one shared timer for every bar on the page, stopped once none is left.
import { numberFormat } from './i18n.js';
import { formatCountdown, h, t, toDate } from './ui.js';

const TICK_MS = 1000;
const bars = new Set();
let timer = null;

/** The share of the run's planned duration gone by now, from 0 to 1 (1 once the duration is over). */
export function elapsedShare(run, now = Date.now()) {
  const started = toDate(run.startedAt)?.getTime();
  const duration = Number(run.duration) * 1000;
  if (!Number.isFinite(started) || !(duration > 0)) return 0;
  return Math.min(1, Math.max(0, (now - started) / duration));
}

/** A progress bar (role progressbar, aria-valuenow in percent) for a RUNNING run, kept up to date every second. */
export function runProgress(run) {
  const fillBar = h('span', { class: 'run-progress-fill' });
  const label = h('span', { class: 'run-progress-text', 'aria-hidden': 'true' });
  const bar = h('div', { class: 'run-progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100',
    'aria-label': t('runs.progress'), testid: 'run-row-progress' }, h('span', { class: 'run-progress-track' }, fillBar), label);
  bar.run = run;
  bar.parts = { fillBar, label };
  update(bar);
  bars.add(bar);
  if (!timer) timer = setInterval(tick, TICK_MS);
  return bar;
}

function update(bar) {
  const share = elapsedShare(bar.run);
  const percent = Math.round(share * 100);
  const left = (1 - share) * Number(bar.run.duration) * 1000;
  const shown = numberFormat({ style: 'percent' }).format(share);
  bar.setAttribute('aria-valuenow', String(percent));
  bar.setAttribute('aria-valuetext', t('runs.progressText', { percent: shown, time: formatCountdown(left) }));
  bar.parts.fillBar.style.width = `${percent}%`;
  bar.parts.label.textContent = shown;
}

function tick() {
  for (const bar of bars) {
    if (bar.isConnected) update(bar); else bars.delete(bar);
  }
  if (!bars.size) {
    clearInterval(timer);
    timer = null;
  }
}
