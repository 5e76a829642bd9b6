// Flash campaigns: the list (name, status, firmware, progress counts) filtered by status, searched, sorted, paged and
// exported as CSV; a "New campaign" form for those who run campaigns (name, released firmware, target by make, model
// and years or by vehicle ids, groups, thresholds, approval); and what the campaign screens share: the roles, the
// statuses, the API paths, the stacked bar of counts and the error-threshold brake.
import { api, query, session } from '../api.js';
import { number } from '../i18n.js';
import { listControls } from '../list-controls.js';
import { badge, clearFieldProblems, fill, h, problemBox, shortId, showFieldProblems, t, timeEl, until } from '../ui.js';

const PAGE_SIZE = 20;

/** Who runs campaigns (create, start, pause, resume, stop) and who approves them (the API checks again). */
export const CAMPAIGNERS = ['ADMIN', 'TECHNICIAN'];
export const APPROVERS = ['ADMIN'];

/** Where a campaign can be. */
export const CAMPAIGN_STATUSES = ['WAITING_FOR_APPROVAL', 'READY', 'RUNNING', 'PAUSED', 'STOPPED', 'FINISHED'];

/** The parts of the stacked bar, in order: each a count of the totals. */
export const COUNTS = ['flashed', 'failed', 'expired', 'cancelled', 'running', 'waiting'];

/** The API path of one campaign (and of what hangs under it). */
export const campaignPath = (campaignId, rest = '') => `/api/v1/flash-campaigns/${encodeURIComponent(campaignId)}${rest}`;

/**
 * Whether a paused campaign was paused by its error threshold (the emergency brake): its errors (failed and expired)
 * reached the threshold's share of the vehicles of its started groups, as the campaign counts them.
 */
export function brakeApplied(campaign) {
  if (campaign.status !== 'PAUSED') return false;
  const started = (campaign.groups || []).filter(g => g.status !== 'READY' && g.status !== 'SCHEDULED')
    .reduce((sum, g) => sum + g.totals.vehicles, 0);
  const errors = campaign.totals.failed + campaign.totals.expired;
  return started > 0 && errors >= Math.max(1, Math.ceil((campaign.errorThresholdPct * started) / 100));
}

/** A stacked bar of {@code totals} (flashed, failed, expired, cancelled, running, waiting) with its legend. */
export function countsBar(totals, testid = 'campaign-bar') {
  const all = Math.max(1, totals.vehicles);
  const summary = COUNTS.filter(k => totals[k]).map(k => `${t(`campaign.count.${k}`)} ${number(totals[k])}`).join(', ');
  return h('div', { class: 'campaign-bar-wrap', testid },
    h('div', { class: 'campaign-bar', role: 'img', 'aria-label': summary || t('campaign.noVehicle') },
      COUNTS.filter(k => totals[k]).map(k => h('span', { class: `campaign-bar-part c-${k}`, testid: `${testid}-${k}`,
        'data-count': String(totals[k]), style: `width: ${(100 * totals[k]) / all}%` }))),
    h('ul', { class: 'campaign-legend small' }, COUNTS.map(k => h('li', { testid: `${testid}-legend-${k}`, 'data-count': String(totals[k] || 0) },
      h('span', { class: `campaign-dot c-${k}`, 'aria-hidden': 'true' }), t(`campaign.count.${k}`), ' ', h('strong', {}, number(totals[k] || 0))))));
}

export async function renderFlashCampaigns(root, { params, navigate }) {
  const status = params.get('status') || '';
  const controls = listControls({ path: '#/flash-campaigns', endpoint: '/api/v1/flash-campaigns', params, navigate,
    filters: { status }, searchLabel: t('campaigns.search'), testid: 'campaigns' });
  const { page } = controls.state;
  const go = controls.go;

  const body = h('tbody', { testid: 'campaigns-body' });
  const footer = h('div');
  const listSlot = h('div', { 'aria-live': 'polite' });
  const statusSelect = h('select', { name: 'status', testid: 'filter-campaign-status', onchange: (e) => go({ status: e.target.value }) },
    h('option', { value: '' }, t('campaigns.anyStatus')),
    CAMPAIGN_STATUSES.map(s => h('option', { value: s, selected: s === status }, t(`status.${s}`))));

  root.append(h('section', { testid: 'screen-flash-campaigns' },
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, t('campaigns.title')), h('div', { class: 'sub' }, t('campaigns.sub')))),
    session.hasAnyRole(...CAMPAIGNERS) ? newCampaignCard(navigate) : null,
    h('div', { class: 'row filters', testid: 'campaign-filters' },
      h('label', {}, t('field.status'), statusSelect),
      status ? h('button', { class: 'btn btn-quiet', type: 'button', testid: 'filter-campaign-clear', onclick: () => go({ status: '' }) }, t('filter.clear')) : null),
    controls.toolbar,
    listSlot,
    h('div', { class: 'card flush' },
      h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t('campaigns.title') }, h('table', { testid: 'campaigns-table', class: 'stack' },
        h('caption', { class: 'visually-hidden' }, t('campaigns.title')),
        h('thead', {}, h('tr', {},
          controls.header('name', t('campaign.name')), controls.header('status', t('field.status')),
          h('th', { scope: 'col' }, t('flash.firmware')), h('th', { scope: 'col' }, t('campaign.progress')),
          controls.header('createdAt', t('campaign.createdAt')))),
        body)),
      footer)));

  const row = (c) => h('tr', { testid: 'campaign-row', 'data-campaign-id': c.campaignId, 'data-status': c.status },
    h('td', { 'data-label': t('campaign.name') },
      h('a', { href: `#/flash-campaigns/${encodeURIComponent(c.campaignId)}`, testid: 'campaign-link' }, c.name)),
    h('td', { 'data-label': t('field.status') }, badge(c.status, { testid: 'campaign-status' })),
    h('td', { 'data-label': t('flash.firmware'), class: 'mono' },
      h('a', { href: `#/firmware/${encodeURIComponent(c.firmwareId)}`, testid: 'campaign-firmware' }, `${c.ecu} ${c.toVersion}`)),
    h('td', { 'data-label': t('campaign.progress') }, countsBar(c.totals, 'campaign-row-bar')),
    h('td', { 'data-label': t('campaign.createdAt') }, timeEl(c.createdAt)));

  async function load() {
    try {
      const result = await api.get(`/api/v1/flash-campaigns${query({ ...controls.apiParams, page, size: PAGE_SIZE })}`);
      listSlot.replaceChildren();
      const rows = (result.content || []).map(row);
      fill(body, rows.length ? rows : h('tr', {}, h('td', { colspan: 5, class: 'empty', testid: 'campaigns-empty' },
        controls.filtered || status ? t('campaigns.noMatch') : t('campaigns.none'))));
      fill(footer, controls.pages(result.size || PAGE_SIZE, result.totalElements ?? rows.length));
    } catch (err) {
      listSlot.replaceChildren(problemBox(err, 'campaigns-problem'));
    }
    body.dataset.loaded = 'true';
  }
  await load();
}

/** The released firmware as options of the picker ('ECM 1.2.0'), newest first. */
async function firmwareOptions(select, slot) {
  try {
    const result = await api.get(`/api/v1/firmware${query({ status: 'RELEASED', size: 100, sort: 'releasedAt,desc' })}`);
    const released = result.content || [];
    fill(select, h('option', { value: '' }, released.length ? t('campaigns.pickFirmware') : t('campaigns.noFirmware')),
      released.map(f => h('option', { value: f.firmwareId, 'data-ecu': f.ecu }, `${f.ecu} ${f.version}`)));
  } catch (err) {
    slot.replaceChildren(problemBox(err, 'campaign-firmware-problem'));
  }
}

/** The form creating a campaign; once created, the campaign's page opens. */
function newCampaignCard(navigate) {
  const slot = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'campaign-submit' }, t('campaigns.create'));
  const input = (name, testid, attrs = {}) => h('input', { name, testid: `campaign-${testid}`, autocomplete: 'off', ...attrs });
  const firmware = h('select', { name: 'firmwareId', testid: 'campaign-firmware-picker', required: true });
  const integer = (value) => (value === '' ? null : Number(value));
  const form = h('form', { testid: 'campaign-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const v = (name) => form.elements[name].value.trim();
    const ids = v('target.vehicleIds').split(/[\s,;]+/).filter(Boolean);
    const body = {
      name: v('name'),
      firmwareId: v('firmwareId'),
      target: ids.length ? { vehicleIds: ids } : {
        make: v('target.make') || null, model: v('target.model') || null,
        yearFrom: integer(v('target.yearFrom')), yearTo: integer(v('target.yearTo')),
      },
      groups: integer(v('groups')),
      successThresholdPct: integer(v('successThresholdPct')),
      errorThresholdPct: integer(v('errorThresholdPct')),
      requiresApproval: form.elements.requiresApproval.checked,
    };
    submit.disabled = true;
    slot.replaceChildren();
    clearFieldProblems(form);
    try {
      const created = await api.post('/api/v1/flash-campaigns', body);
      slot.replaceChildren(h('div', { class: 'notice', testid: 'campaign-created' },
        t('campaigns.created', { vehicles: number(created.vehicles), groups: number((created.groups || []).length) }), ' ',
        h('a', { href: `#/flash-campaigns/${encodeURIComponent(created.campaignId)}`, testid: 'campaign-created-link' }, t('campaigns.open'))));
      form.reset();
      await until(() => api.get(campaignPath(created.campaignId)).then(Boolean), { timeoutMs: 15000 });
      navigate(`#/flash-campaigns/${encodeURIComponent(created.campaignId)}`);
    } catch (err) {
      if (!showFieldProblems(form, err)) slot.replaceChildren(problemBox(err, 'campaign-create-problem'));
    } finally {
      submit.disabled = false;
    }
  } },
  h('div', { class: 'form-grid' },
    h('label', {}, t('campaign.name'), input('name', 'name', { required: true, maxlength: 200 })),
    h('label', {}, t('flash.firmware'), firmware),
    h('label', {}, t('campaign.make'), input('target.make', 'make', { maxlength: 100, placeholder: 'Renault' })),
    h('label', {}, t('campaign.model'), input('target.model', 'model', { maxlength: 100, placeholder: 'Master' })),
    h('label', {}, t('campaign.yearFrom'), input('target.yearFrom', 'year-from', { type: 'number', min: 1886, max: 2100 })),
    h('label', {}, t('campaign.yearTo'), input('target.yearTo', 'year-to', { type: 'number', min: 1886, max: 2100 })),
    h('label', { class: 'span-2' }, t('campaign.vehicleIds'), h('textarea', { name: 'target.vehicleIds', testid: 'campaign-vehicle-ids', rows: 2,
      placeholder: t('campaigns.vehicleIdsHint') })),
    h('label', {}, t('campaign.groups'), input('groups', 'groups', { type: 'number', min: 1, max: 100, value: '3', required: true })),
    h('label', {}, t('campaign.successThreshold'), input('successThresholdPct', 'success-threshold', { type: 'number', min: 1, max: 100, value: '80', required: true })),
    h('label', {}, t('campaign.errorThreshold'), input('errorThresholdPct', 'error-threshold', { type: 'number', min: 1, max: 100, value: '20', required: true })),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'requiresApproval', testid: 'campaign-requires-approval' }), t('campaign.requiresApproval'))),
  h('p', { class: 'muted small' }, t('campaigns.formHint')),
  h('div', { class: 'form-actions' }, submit));
  firmwareOptions(firmware, slot);
  return h('div', { class: 'card', testid: 'campaign-new' }, h('h2', {}, t('campaigns.new')), slot, form);
}
