// Flash jobs: the list (vehicle, ECU, from → to version, status, step, progress, requested) filtered by status and
// vehicle, searched, sorted, paged and exported as CSV; and what the flash screens share: the roles, the statuses and
// steps in words, the API paths and the progress bar of a job's transfer.
import { api, query } from '../api.js';
import { numberFormat } from '../i18n.js';
import { listControls } from '../list-controls.js';
import { badge, fill, h, problemBox, shortId, t, timeEl } from '../ui.js';

const PAGE_SIZE = 20;

/** The roles that read flash jobs and firmware, and those that start and cancel flashes (the API checks again). */
export const FLASH_READERS = ['ADMIN', 'OPERATOR', 'TECHNICIAN', 'ANALYST'];
export const FLASHERS = ['ADMIN', 'TECHNICIAN'];

/** Where a flash job can be, in the order it can reach them. */
export const FLASH_JOB_STATUSES = ['REQUESTED', 'RUNNING', 'ROLLING_BACK', 'COMPLETED', 'ROLLED_BACK', 'ABORTED', 'FAILED', 'CANCELLED'];

/** The steps of a flash in order; from ERASE on the ECU's image is being replaced (no cancel any more). */
export const FLASH_STEPS = ['DIAGNOSTIC_SESSION', 'SECURITY_ACCESS', 'BACKUP', 'ERASE', 'TRANSFER', 'TRANSFER_EXIT', 'VERIFY', 'RESET', 'RESTORE'];

/** The API path of one flash job (and of what hangs under it). */
export const flashJobPath = (flashJobId, rest = '') => `/api/v1/flash-jobs/${encodeURIComponent(flashJobId)}${rest}`;

/** A step in words ('Backup of the current image'), a dash for none. */
export const stepName = (step) => (step ? t(`flash.step.${step}`) : '—');

/** Whether the job may still be cancelled: not ended, and no erase sent yet. */
export function cancellable(job) {
  if (job.status !== 'REQUESTED' && job.status !== 'RUNNING') return false;
  const written = (job.steps || []).some(s => FLASH_STEPS.indexOf(s.step) >= FLASH_STEPS.indexOf('ERASE'));
  return !written && FLASH_STEPS.indexOf(job.step) < FLASH_STEPS.indexOf('ERASE');
}

/** The transfer's progress bar (role progressbar, aria-valuenow in percent); {@code set(job)} moves it. */
export function flashProgress(testid = 'flash-progress') {
  const fillBar = h('span', { class: 'run-progress-fill' });
  const label = h('span', { class: 'run-progress-text', 'aria-hidden': 'true' });
  const el = h('div', { class: 'run-progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100',
    'aria-label': t('flash.progress'), testid }, h('span', { class: 'run-progress-track' }, fillBar), label);
  const set = (job) => {
    const percent = Math.max(0, Math.min(100, Number(job.progressPct) || 0));
    const shown = numberFormat({ style: 'percent' }).format(percent / 100);
    el.setAttribute('aria-valuenow', String(percent));
    el.setAttribute('aria-valuetext', t('flash.progressText', { percent: shown, step: stepName(job.step) }));
    el.dataset.status = job.status || '';
    fillBar.style.width = `${percent}%`;
    label.textContent = shown;
  };
  return { el, set };
}

/** '1.0.0 → 1.1.0', or what of it is known. */
export const versions = (job) => `${job.fromVersion || '?'} → ${job.toVersion || '?'}`;

export async function renderFlashJobs(root, { params, navigate }) {
  const status = params.get('status') || '';
  const vehicleId = params.get('vehicleId') || '';
  const campaignId = params.get('campaignId') || '';
  const controls = listControls({ path: '#/flash-jobs', endpoint: '/api/v1/flash-jobs', params, navigate,
    filters: { status, vehicleId, campaignId }, searchLabel: t('flashJobs.search'), testid: 'flash-jobs' });
  const { page } = controls.state;
  const go = controls.go;

  const body = h('tbody', { testid: 'flash-jobs-body' });
  const footer = h('div');
  const listSlot = h('div', { 'aria-live': 'polite' });
  const statusSelect = h('select', { name: 'status', testid: 'filter-flash-status', onchange: (e) => go({ status: e.target.value }) },
    h('option', { value: '' }, t('flashJobs.anyStatus')),
    FLASH_JOB_STATUSES.map(s => h('option', { value: s, selected: s === status }, t(`status.${s}`))));
  const vehicleInput = h('input', { name: 'vehicleId', testid: 'filter-flash-vehicle', value: vehicleId, maxlength: 100, autocomplete: 'off' });

  root.append(h('section', { testid: 'screen-flash-jobs' },
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, t('flashJobs.title')), h('div', { class: 'sub' }, t('flashJobs.sub')))),
    h('form', { class: 'row filters', testid: 'flash-job-filters', onsubmit: (e) => { e.preventDefault(); go({ vehicleId: vehicleInput.value.trim() }); } },
      h('label', {}, t('field.status'), statusSelect),
      h('label', {}, t('flashJobs.vehicle'), vehicleInput),
      h('button', { class: 'btn', type: 'submit', testid: 'filter-flash-vehicle-apply' }, t('list.apply')),
      campaignId ? h('a', { href: `#/flash-campaigns/${encodeURIComponent(campaignId)}`, class: 'filter-link', testid: 'filter-flash-campaign',
        title: campaignId }, t('flashJobs.ofCampaign', { id: shortId(campaignId) })) : null,
      status || vehicleId || campaignId ? h('button', { class: 'btn btn-quiet', type: 'button', testid: 'filter-flash-clear',
        onclick: () => go({ status: '', vehicleId: '', campaignId: '' }) }, t('filter.clear')) : null),
    controls.toolbar,
    listSlot,
    h('div', { class: 'card flush' },
      h('div', { class: 'table-scroll' }, h('table', { testid: 'flash-jobs-table', class: 'stack' },
        h('caption', { class: 'visually-hidden' }, t('flashJobs.title')),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, t('flashJobs.job')), controls.header('vehicleId', t('flashJobs.vehicle')),
          controls.header('ecu', t('flash.ecu')), h('th', { scope: 'col' }, t('flash.versions')),
          controls.header('status', t('field.status')), h('th', { scope: 'col' }, t('flash.step')),
          h('th', { scope: 'col' }, t('flash.progress')), controls.header('requestedAt', t('flash.requestedAt')))),
        body)),
      footer)));

  const row = (job) => {
    const progress = flashProgress('flash-job-row-progress');
    progress.set(job);
    return h('tr', { testid: 'flash-job-row', 'data-flash-job-id': job.flashJobId, 'data-status': job.status },
      h('td', { 'data-label': t('flashJobs.job') },
        h('a', { href: `#/flash-jobs/${encodeURIComponent(job.flashJobId)}`, class: 'mono', testid: 'flash-job-link', title: job.flashJobId }, shortId(job.flashJobId))),
      h('td', { 'data-label': t('flashJobs.vehicle') },
        h('a', { href: `#/vehicles/${encodeURIComponent(job.vehicleId)}`, class: 'mono', testid: 'flash-job-vehicle', title: job.vehicleId }, shortId(job.vehicleId))),
      h('td', { 'data-label': t('flash.ecu'), class: 'mono' }, job.ecu),
      h('td', { 'data-label': t('flash.versions'), testid: 'flash-job-versions' }, versions(job)),
      h('td', { 'data-label': t('field.status') }, badge(job.status, { testid: 'flash-job-status' })),
      h('td', { 'data-label': t('flash.step'), testid: 'flash-job-step' }, stepName(job.step)),
      h('td', { 'data-label': t('flash.progress') }, progress.el),
      h('td', { 'data-label': t('flash.requestedAt') }, timeEl(job.requestedAt)));
  };

  async function load() {
    try {
      const result = await api.get(`/api/v1/flash-jobs${query({ ...controls.apiParams, page, size: PAGE_SIZE })}`);
      listSlot.replaceChildren();
      const rows = (result.content || []).map(row);
      fill(body, rows.length ? rows : h('tr', {}, h('td', { colspan: 8, class: 'empty', testid: 'flash-jobs-empty' },
        controls.filtered || status || vehicleId || campaignId ? t('flashJobs.noMatch') : t('flashJobs.none'))));
      fill(footer, controls.pages(result.size || PAGE_SIZE, result.totalElements ?? rows.length));
    } catch (err) {
      listSlot.replaceChildren(problemBox(err, 'flash-jobs-problem'));
    }
    body.dataset.loaded = 'true';
  }
  await load();
}
