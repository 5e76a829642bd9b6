// One flash campaign's page: its status, firmware, target and thresholds, a stacked bar of its totals (flashed, failed,
// running, waiting…), the groups with their status and counts, why it is paused (the error-threshold brake shown as
// such) or was stopped, the buttons Approve / Start / Pause / Resume as its status allows, and a prominent Emergency
// stop that asks first; kept live by the campaign's update stream (else polling while the stream is down), with a link
// to its flash jobs.
import { api, session, subscribe } from '../api.js';
import { number } from '../i18n.js';
import { badge, fill, h, liveIndicator, loadWhenProjected, problemBox, t, timeEl } from '../ui.js';
import { APPROVERS, CAMPAIGNERS, brakeApplied, campaignPath, countsBar } from './flash-campaigns.js';

/** How long the stream may be down before the page reads the campaign itself, and how often it then does. */
const POLL_MS = 3000;

/** The actions each status allows: [action, who may, button class]. */
const ACTIONS = {
  WAITING_FOR_APPROVAL: [['approve', APPROVERS, 'btn-primary']],
  READY: [['start', CAMPAIGNERS, 'btn-primary']],
  RUNNING: [['pause', CAMPAIGNERS, '']],
  PAUSED: [['resume', CAMPAIGNERS, 'btn-primary']],
};

/** The counts of each group's row. */
const GROUP_COUNTS = ['vehicles', 'flashed', 'failed', 'expired', 'cancelled', 'running', 'waiting'];

/** The statuses an emergency stop applies to. */
const STOPPABLE = ['WAITING_FOR_APPROVAL', 'READY', 'RUNNING', 'PAUSED'];

export function renderFlashCampaign(root, { args }) {
  const [campaignId] = args;
  let closed = false;
  let campaign = null;

  const live = liveIndicator('campaign-live');
  const title = h('h1', { testid: 'campaign-title' }, t('campaign.heading'));
  const statusSlot = h('span', { testid: 'campaign-status-slot' });
  const pause = h('div', { testid: 'campaign-pause', 'aria-live': 'polite' });
  const bar = h('div', { testid: 'campaign-totals' });
  const record = h('div', { testid: 'campaign-record' }, h('p', { class: 'muted' }, t('common.loading')));
  const groups = h('tbody', { testid: 'campaign-groups-body' });
  const actions = h('div', { class: 'row campaign-actions', testid: 'campaign-actions' });
  const stop = h('div', { class: 'campaign-stop', testid: 'campaign-stop-slot' });
  const actionSlot = h('div', { 'aria-live': 'polite' });

  root.append(h('section', { testid: 'screen-flash-campaign', 'data-campaign-id': campaignId },
    h('div', { class: 'page-head' },
      h('div', {},
        h('div', { class: 'sub' }, h('a', { href: '#/flash-campaigns', testid: 'back-to-campaigns' }, t('campaign.back'))),
        title),
      h('div', { class: 'row center' }, statusSlot, live.el)),
    stop,
    pause,
    h('div', { class: 'card' }, h('h2', {}, t('campaign.progress')), bar, actionSlot, actions,
      h('p', {}, h('a', { href: `#/flash-jobs?campaignId=${encodeURIComponent(campaignId)}`, testid: 'campaign-jobs-link' }, t('campaign.jobs')))),
    h('div', { class: 'card flush' }, h('h2', {}, t('campaign.groupsTitle')),
      h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t('campaign.groupsTitle') }, h('table', { testid: 'campaign-groups', class: 'stack' },
        h('caption', { class: 'visually-hidden' }, t('campaign.groupsTitle')),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, t('campaign.group')), h('th', { scope: 'col' }, t('field.status')),
          GROUP_COUNTS.map(k => h('th', { scope: 'col', class: 'num' }, t(`campaign.count.${k}`))))),
        groups))),
    h('div', { class: 'card' }, h('h2', {}, t('campaign.record')), record)));

  const target = (c) => {
    const tg = c.target || {};
    if (tg.vehicleIds && tg.vehicleIds.length) return t('campaign.targetIds', { count: number(tg.vehicleIds.length) });
    const years = tg.yearFrom || tg.yearTo ? `${tg.yearFrom || '…'}–${tg.yearTo || '…'}` : null;
    return [tg.make, tg.model, years].filter(Boolean).join(' · ') || t('campaign.targetAll');
  };

  function showRecord(c) {
    const signature = JSON.stringify([c.name, c.approvedBy, c.startedAt, c.finishedAt]);
    if (record.dataset.signature === signature) return;
    record.dataset.signature = signature;
    fill(title, c.name);
    fill(record, h('dl', { class: 'kv' },
      h('dt', {}, t('flash.firmware')), h('dd', {}, h('a', { href: `#/firmware/${encodeURIComponent(c.firmwareId)}`, class: 'mono',
        testid: 'campaign-firmware-link' }, `${c.ecu} ${c.toVersion}`)),
      h('dt', {}, t('campaign.target')), h('dd', { testid: 'campaign-target' }, target(c)),
      h('dt', {}, t('campaign.successThreshold')), h('dd', { testid: 'campaign-success-threshold' }, `${c.successThresholdPct} %`),
      h('dt', {}, t('campaign.errorThreshold')), h('dd', { testid: 'campaign-error-threshold' }, `${c.errorThresholdPct} %`),
      h('dt', {}, t('campaign.deadline')), h('dd', {}, c.deadline ? timeEl(c.deadline) : '—'),
      h('dt', {}, t('campaign.createdBy')), h('dd', { testid: 'campaign-created-by' }, c.createdBy || '—', ' · ', timeEl(c.createdAt)),
      c.requiresApproval ? [h('dt', {}, t('campaign.approvedBy')), h('dd', { testid: 'campaign-approved-by' }, c.approvedBy || t('campaign.notApproved'))] : null,
      h('dt', {}, t('flash.startedAt')), h('dd', { testid: 'campaign-started' }, c.startedAt ? timeEl(c.startedAt) : '—'),
      h('dt', {}, t('flash.finishedAt')), h('dd', { testid: 'campaign-finished' }, c.finishedAt ? timeEl(c.finishedAt) : '—')));
  }

  function showGroups(c) {
    fill(groups, (c.groups || []).map(g => h('tr', { testid: 'campaign-group', 'data-group': String(g.group), 'data-status': g.status,
      class: g.group === c.currentGroup && g.status === 'RUNNING' ? 'current' : null },
      h('td', { 'data-label': t('campaign.group') }, t('campaign.groupN', { n: g.group + 1 })),
      h('td', { 'data-label': t('field.status') }, badge(g.status, { testid: 'campaign-group-status' })),
      GROUP_COUNTS.map(k => h('td', { 'data-label': t(`campaign.count.${k}`), class: 'num',
        testid: `campaign-group-${k}` }, number(g.totals[k]))))));
  }

  function showPause(c) {
    if (c.status === 'PAUSED') {
      const brake = brakeApplied(c);
      fill(pause, h('div', { class: brake ? 'problem' : 'warning-box', testid: 'campaign-pause-reason', 'data-brake': String(brake) },
        h('div', { class: 'title' }, t(brake ? 'campaign.brakeTitle' : 'campaign.pausedTitle')), c.pauseReason || '—'));
    } else if (c.status === 'STOPPED') {
      fill(pause, h('div', { class: 'problem', testid: 'campaign-stop-reason' },
        h('div', { class: 'title' }, t('campaign.stoppedTitle')), c.pauseReason || '—'));
    } else {
      pause.replaceChildren();
    }
  }

  function showActions(c) {
    const allowed = (ACTIONS[c.status] || []).filter(([, roles]) => session.hasAnyRole(...roles));
    const signature = allowed.map(([a]) => a).join(',');
    if (actions.dataset.signature !== signature) {
      actions.dataset.signature = signature;
      fill(actions, allowed.map(([action, , cls]) => h('button', { class: `btn ${cls}`, type: 'button', testid: `campaign-${action}`,
        onclick: (e) => act(action, e.target) }, t(`campaign.action.${action}`))));
    }
    const stoppable = STOPPABLE.includes(c.status) && session.hasAnyRole(...CAMPAIGNERS);
    if (stop.dataset.stoppable === String(stoppable)) return; // keeps a confirmation open
    stop.dataset.stoppable = String(stoppable);
    if (!stoppable) { stop.replaceChildren(); return; }
    showStop();
  }

  /** The emergency stop: a large button, then the question with a reason before anything is sent. */
  function showStop() {
    fill(stop, h('button', { class: 'btn btn-emergency', type: 'button', testid: 'campaign-emergency-stop', onclick: askStop },
      t('campaign.emergencyStop')));
  }

  function askStop() {
    const reason = h('input', { name: 'reason', testid: 'campaign-stop-reason-input', maxlength: 500, autocomplete: 'off',
      value: t('campaign.stopReason') });
    const yes = h('button', { class: 'btn btn-emergency', type: 'submit', testid: 'campaign-emergency-stop-confirm' }, t('campaign.emergencyStop'));
    fill(stop, h('form', { class: 'confirm', role: 'group', 'aria-label': t('campaign.stopQuestion'), testid: 'campaign-emergency-stop-question',
      onsubmit: (e) => { e.preventDefault(); yes.disabled = true; sendStop(reason.value.trim()); } },
      h('p', { class: 'title' }, t('campaign.stopQuestion')),
      h('label', {}, t('campaign.stopReasonLabel'), reason),
      h('div', { class: 'row' }, yes,
        h('button', { class: 'btn btn-quiet', type: 'button', testid: 'campaign-emergency-stop-keep', onclick: showStop }, t('admin.keep')))));
    yes.focus();
  }

  async function sendStop(reason) {
    actionSlot.replaceChildren();
    try {
      await api.post(campaignPath(campaignId, '/stop'), { reason: reason || t('campaign.stopReason') });
      fill(actionSlot, h('div', { class: 'notice', testid: 'campaign-stop-sent' }, t('campaign.stopSent')));
      reload();
    } catch (err) {
      fill(actionSlot, problemBox(err, 'campaign-stop-problem'));
      showStop();
    }
  }

  async function act(action, button) {
    button.disabled = true;
    actionSlot.replaceChildren();
    try {
      await api.post(campaignPath(campaignId, `/${action}`), action === 'pause' ? { reason: t('campaign.pauseReason') } : undefined);
      fill(actionSlot, h('div', { class: 'notice', testid: `campaign-${action}-sent` }, t(`campaign.sent.${action}`)));
      reload();
    } catch (err) {
      fill(actionSlot, problemBox(err, `campaign-${action}-problem`));
      button.disabled = false;
    }
  }

  function show(c) {
    if (!c || c.campaignId !== campaignId || closed) return;
    campaign = c;
    root.dataset.status = c.status;
    fill(statusSlot, badge(c.status, { testid: 'campaign-status' }));
    fill(bar, countsBar(c.totals));
    showRecord(c);
    showGroups(c);
    showPause(c);
    showActions(c);
  }

  async function reload() {
    try { show(await api.get(campaignPath(campaignId))); } catch { /* the stream or the next poll will tell */ }
  }

  let streamState = 'connecting';
  let streamSince = Date.now();
  const close = subscribe(campaignPath(campaignId, '/updates'), 'flash-campaign', show, (state) => {
    if (state !== streamState) { streamState = state; streamSince = Date.now(); }
    live.set(state);
    if (state === 'on' && campaign) reload();
  });
  const poll = setInterval(() => {
    if (!closed && streamState !== 'on' && Date.now() - streamSince >= POLL_MS) reload();
  }, POLL_MS);

  loadWhenProjected(() => api.get(campaignPath(campaignId)), {
    active: () => !closed && !campaign,
    found: (c) => { if (!campaign) show(c); },
    problem: (err) => fill(record, problemBox(err, 'campaign-load-problem')),
    missing: () => fill(record, h('p', { class: 'muted', testid: 'campaign-missing' }, t('campaign.missing'))),
  });

  return () => {
    closed = true;
    clearInterval(poll);
    close();
  };
}
