// One flash job's page: its status, the transfer's progress bar and the step timeline (each step sent, confirmed,
// failed or timed out, with its attempt, detail and time) kept live by the job's update stream (else polling while the
// stream is down), from → to version, the reason it did not complete, links to the vehicle and the firmware, and a
// Cancel button while no erase was sent.
import { api, session, subscribe } from '../api.js';
import { badge, fill, h, liveIndicator, loadWhenProjected, problemBox, shortId, t, timeEl } from '../ui.js';
import { askFirst } from './admin.js';
import { FLASHERS, cancellable, flashJobPath, flashProgress, stepName, versions } from './flash-jobs.js';

/** How long the stream may be down before the page reads the job itself, and how often it then does. */
const POLL_MS = 3000;

export function renderFlashJob(root, { args }) {
  const [flashJobId] = args;
  const flasher = session.hasAnyRole(...FLASHERS);
  let closed = false;
  let job = null;

  const live = liveIndicator('flash-job-live');
  const title = h('h1', { testid: 'flash-job-title' }, t('flashJob.heading', { id: shortId(flashJobId) }));
  const statusSlot = h('span', { testid: 'flash-job-status-slot' });
  const progress = flashProgress('flash-job-progress');
  const stepShown = h('p', { class: 'muted small', testid: 'flash-job-step', 'aria-live': 'polite' });
  const record = h('div', { testid: 'flash-job-record' }, h('p', { class: 'muted' }, t('common.loading')));
  const reason = h('div', { testid: 'flash-job-reason' });
  const actions = h('div', { class: 'row', testid: 'flash-job-actions' });
  const actionSlot = h('div', { 'aria-live': 'polite' });
  const timeline = h('ol', { class: 'timeline', testid: 'flash-job-timeline' });

  root.append(h('section', { testid: 'screen-flash-job', 'data-flash-job-id': flashJobId },
    h('div', { class: 'page-head' },
      h('div', {},
        h('div', { class: 'sub' }, h('a', { href: '#/flash-jobs', testid: 'back-to-flash-jobs' }, t('flashJob.back'))),
        title),
      h('div', { class: 'row center' }, statusSlot, live.el)),
    h('div', { class: 'card', testid: 'flash-job-progress-card' }, h('h2', {}, t('flash.progress')), progress.el, stepShown, reason, actionSlot, actions),
    h('div', { class: 'grid-2' },
      h('div', { class: 'card' }, h('h2', {}, t('flashJob.record')), record),
      h('div', { class: 'card' }, h('h2', {}, t('flashJob.timeline')), timeline))));

  function showRecord(j) {
    const signature = JSON.stringify([j.vehicleId, j.ecu, j.firmwareId, j.fromVersion, j.toVersion, j.requestedBy, j.requestedAt,
      j.startedAt, j.finishedAt, j.campaignId]);
    if (record.dataset.signature === signature) return;
    record.dataset.signature = signature;
    fill(record, h('dl', { class: 'kv' },
      h('dt', {}, t('flashJobs.vehicle')), h('dd', {}, h('a', { href: `#/vehicles/${encodeURIComponent(j.vehicleId)}`, class: 'mono',
        testid: 'flash-job-vehicle-link', title: j.vehicleId }, shortId(j.vehicleId))),
      h('dt', {}, t('flash.ecu')), h('dd', { class: 'mono', testid: 'flash-job-ecu' }, j.ecu),
      h('dt', {}, t('flash.versions')), h('dd', { testid: 'flash-job-versions' }, versions(j)),
      h('dt', {}, t('flash.firmware')), h('dd', {}, h('a', { href: `#/firmware/${encodeURIComponent(j.firmwareId)}`, class: 'mono',
        testid: 'flash-job-firmware-link', title: j.firmwareId }, shortId(j.firmwareId))),
      h('dt', {}, t('flash.requestedBy')), h('dd', { testid: 'flash-job-requested-by' }, j.requestedBy || '—'),
      h('dt', {}, t('flash.requestedAt')), h('dd', {}, timeEl(j.requestedAt)),
      h('dt', {}, t('flash.startedAt')), h('dd', { testid: 'flash-job-started' }, j.startedAt ? timeEl(j.startedAt) : '—'),
      h('dt', {}, t('flash.finishedAt')), h('dd', { testid: 'flash-job-finished' }, j.finishedAt ? timeEl(j.finishedAt) : '—'),
      j.campaignId ? [h('dt', {}, t('flash.campaign')), h('dd', { class: 'mono', testid: 'flash-job-campaign' },
        h('a', { href: `#/flash-jobs?campaignId=${encodeURIComponent(j.campaignId)}` }, shortId(j.campaignId)))] : null));
  }

  function showTimeline(j) {
    const steps = j.steps || [];
    if (timeline.dataset.count === String(steps.length)) return; // the same lines: a reader's place survives updates
    timeline.dataset.count = String(steps.length);
    fill(timeline, steps.length ? steps.map((s, i) => h('li', { testid: 'flash-step', 'data-step': s.step, 'data-status': s.status,
      'data-attempt': String(s.attempt), 'data-index': String(i) },
      h('strong', {}, stepName(s.step)), ' ',
      h('span', { class: `badge s-${s.status === 'CONFIRMED' ? 'COMPLETED' : s.status === 'REQUESTED' ? 'RUNNING' : 'FAILED'}`,
        testid: 'flash-step-status' }, t(`flash.entry.${s.status}`)),
      s.attempt > 1 ? h('span', { class: 'muted small' }, ' ', t('flash.attempt', { attempt: s.attempt })) : null,
      s.detail ? h('div', { class: 'small mono', testid: 'flash-step-detail' }, s.detail) : null,
      timeEl(s.at)))
      : h('li', { class: 'muted', testid: 'flash-steps-empty' }, t('flashJob.noStep')));
  }

  function showActions(j) {
    const can = flasher && cancellable(j);
    if (actions.dataset.cancellable === String(can)) return; // keeps a confirmation open
    actions.dataset.cancellable = String(can);
    if (!can) { actions.replaceChildren(); return; }
    askFirst(actions, { label: t('flashJob.cancel'), testid: 'flash-job-cancel', question: t('flashJob.cancelQuestion'), act: cancel });
  }

  async function cancel() {
    actionSlot.replaceChildren();
    try {
      await api.post(flashJobPath(flashJobId, '/cancel'), { reason: t('flashJob.cancelReason') });
      fill(actionSlot, h('div', { class: 'notice', testid: 'flash-job-cancel-sent' }, t('flashJob.cancelSent')));
    } catch (err) {
      fill(actionSlot, problemBox(err, 'flash-job-cancel-problem'));
      delete actions.dataset.cancellable;
      if (job) showActions(job);
    }
  }

  function show(j) {
    if (!j || j.flashJobId !== flashJobId || closed) return;
    job = j;
    root.dataset.status = j.status;
    fill(statusSlot, badge(j.status, { testid: 'flash-job-status' }));
    progress.set(j);
    stepShown.textContent = j.step ? t('flashJob.currentStep', { step: stepName(j.step) }) : t('flashJob.notStarted');
    fill(reason, j.reason ? h('div', { class: j.status === 'FAILED' ? 'problem' : 'warning-box', testid: 'flash-job-reason-text' },
      h('div', { class: 'title' }, t(j.status === 'FAILED' ? 'flashJob.failedTitle' : 'flashJob.reason')), j.reason) : null);
    showRecord(j);
    showTimeline(j);
    showActions(j);
  }

  async function reload() {
    try { show(await api.get(flashJobPath(flashJobId))); } catch { /* the stream or the next poll will tell */ }
  }

  let streamState = 'connecting';
  let streamSince = Date.now();
  const close = subscribe(flashJobPath(flashJobId, '/updates'), 'flash-job', show, (state) => {
    if (state !== streamState) { streamState = state; streamSince = Date.now(); }
    live.set(state);
    if (state === 'on' && job) reload();
  });
  const poll = setInterval(() => {
    if (!closed && streamState !== 'on' && Date.now() - streamSince >= POLL_MS) reload();
  }, POLL_MS);

  loadWhenProjected(() => api.get(flashJobPath(flashJobId)), {
    active: () => !closed && !job,
    found: (j) => { if (!job) show(j); }, // the stream may have shown a newer view meanwhile
    problem: (err) => fill(record, problemBox(err, 'flash-job-load-problem')),
    missing: () => fill(record, h('p', { class: 'muted', testid: 'flash-job-missing' }, t('flashJob.missing'))),
  });

  return () => {
    closed = true;
    clearInterval(poll);
    close();
  };
}
