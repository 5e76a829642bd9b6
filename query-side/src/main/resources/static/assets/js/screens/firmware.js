// The firmware catalogue: the list (ECU, version, file, size, what it fits, status, released) filtered by ECU and
// status, searched, sorted, paged and exported as CSV; an upload form for those who publish firmware (the image with
// its ECU, version, hardware part numbers, range of versions it replaces and release notes, sent as multipart); a
// withdraw button that asks first; and one firmware's page.
import { api, postForm, query, session } from '../api.js';
import { number } from '../i18n.js';
import { listControls } from '../list-controls.js';
import { badge, clearFieldProblems, fill, h, loadWhenProjected, problemBox, shortId, showFieldProblems, t, timeEl, until } from '../ui.js';
import { askFirst } from './admin.js';

const PAGE_SIZE = 20;

/** Who may release and withdraw firmware (the API checks again). */
export const FIRMWARE_PUBLISHERS = ['ADMIN', 'TECHNICIAN'];
export const FIRMWARE_STATUSES = ['RELEASED', 'WITHDRAWN'];

/** The API path of one firmware (and of what hangs under it). */
export const firmwarePath = (firmwareId, rest = '') => `/api/v1/firmware/${encodeURIComponent(firmwareId)}${rest}`;

/** A size in bytes as '1.2 MB', '3.4 kB' or '512 B'. */
export function byteSize(bytes) {
  const n = Number(bytes) || 0;
  if (n >= 1e6) return `${number(n / 1e6, 1)} MB`;
  if (n >= 1e3) return `${number(n / 1e3, 1)} kB`;
  return `${number(n)} B`;
}

/** The withdraw button of {@code firmware} in {@code cell}, asking first; {@code done()} once the read model shows it. */
function withdrawButton(cell, firmware, slot, done) {
  if (firmware.status !== 'RELEASED' || !session.hasAnyRole(...FIRMWARE_PUBLISHERS)) return;
  askFirst(cell, { label: t('firmware.withdraw'), testid: 'firmware-withdraw',
    question: t('firmware.withdrawQuestion', { ecu: firmware.ecu, version: firmware.version }),
    act: async () => {
      slot.replaceChildren();
      try {
        await api.post(firmwarePath(firmware.firmwareId, '/withdraw'), { reason: t('firmware.withdrawReason') });
        await until(() => api.get(firmwarePath(firmware.firmwareId)).then(f => f && f.status === 'WITHDRAWN'), { timeoutMs: 15000 });
        await done();
      } catch (err) {
        slot.replaceChildren(problemBox(err, 'firmware-withdraw-problem'));
        withdrawButton(cell, firmware, slot, done);
      }
    } });
}

export async function renderFirmware(root, { params, navigate }) {
  const ecu = params.get('ecu') || '';
  const status = params.get('status') || '';
  const controls = listControls({ path: '#/firmware', endpoint: '/api/v1/firmware', params, navigate, filters: { ecu, status },
    searchLabel: t('firmware.search'), testid: 'firmware' });
  const { page } = controls.state;
  const go = controls.go;

  const body = h('tbody', { testid: 'firmware-body' });
  const footer = h('div');
  const listSlot = h('div', { 'aria-live': 'polite' });
  const statusSelect = h('select', { name: 'status', testid: 'filter-firmware-status', onchange: (e) => go({ status: e.target.value }) },
    h('option', { value: '' }, t('firmware.anyStatus')),
    FIRMWARE_STATUSES.map(s => h('option', { value: s, selected: s === status }, t(`status.${s}`))));
  const ecuInput = h('input', { name: 'ecu', testid: 'filter-firmware-ecu', value: ecu, maxlength: 32, autocomplete: 'off' });

  root.append(h('section', { testid: 'screen-firmware' },
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, t('firmware.title')), h('div', { class: 'sub' }, t('firmware.sub')))),
    session.hasAnyRole(...FIRMWARE_PUBLISHERS) ? uploadCard(load) : null,
    h('form', { class: 'row filters', testid: 'firmware-filters', onsubmit: (e) => { e.preventDefault(); go({ ecu: ecuInput.value.trim() }); } },
      h('label', {}, t('field.status'), statusSelect),
      h('label', {}, t('flash.ecu'), ecuInput),
      h('button', { class: 'btn', type: 'submit', testid: 'filter-firmware-ecu-apply' }, t('list.apply')),
      ecu || status ? h('button', { class: 'btn btn-quiet', type: 'button', testid: 'filter-firmware-clear', onclick: () => go({ ecu: '', status: '' }) }, t('filter.clear')) : null),
    controls.toolbar,
    listSlot,
    h('div', { class: 'card flush' },
      h('div', { class: 'table-scroll' }, h('table', { testid: 'firmware-table', class: 'stack' },
        h('caption', { class: 'visually-hidden' }, t('firmware.title')),
        h('thead', {}, h('tr', {},
          controls.header('ecu', t('flash.ecu')), controls.header('version', t('firmware.version')),
          h('th', { scope: 'col' }, t('firmware.file')), controls.header('size', t('firmware.size'), { class: 'num' }),
          h('th', { scope: 'col' }, t('firmware.hardware')), h('th', { scope: 'col' }, t('firmware.fromVersions')),
          controls.header('status', t('field.status')), controls.header('releasedAt', t('firmware.releasedAt')),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('firmware.actions'))))),
        body)),
      footer)));

  const row = (f) => {
    const cell = h('td', { 'data-label': t('firmware.actions') });
    withdrawButton(cell, f, listSlot, load);
    return h('tr', { testid: 'firmware-row', 'data-firmware-id': f.firmwareId, 'data-status': f.status, 'data-ecu': f.ecu, 'data-version': f.version },
      h('td', { 'data-label': t('flash.ecu'), class: 'mono' }, f.ecu),
      h('td', { 'data-label': t('firmware.version') }, h('a', { href: `#/firmware/${encodeURIComponent(f.firmwareId)}`, testid: 'firmware-link' }, f.version)),
      h('td', { 'data-label': t('firmware.file'), class: 'small' }, f.fileName || '—'),
      h('td', { 'data-label': t('firmware.size'), class: 'num' }, byteSize(f.size)),
      h('td', { 'data-label': t('firmware.hardware'), class: 'mono small' }, (f.hardware || []).join(', ') || t('firmware.anyHardware')),
      h('td', { 'data-label': t('firmware.fromVersions'), class: 'mono small' }, f.fromVersions || t('firmware.anyVersion')),
      h('td', { 'data-label': t('field.status') }, badge(f.status, { testid: 'firmware-status' })),
      h('td', { 'data-label': t('firmware.releasedAt') }, timeEl(f.releasedAt)),
      cell);
  };

  async function load() {
    try {
      const result = await api.get(`/api/v1/firmware${query({ ...controls.apiParams, page, size: PAGE_SIZE })}`);
      listSlot.replaceChildren();
      const rows = (result.content || []).map(row);
      fill(body, rows.length ? rows : h('tr', {}, h('td', { colspan: 9, class: 'empty', testid: 'firmware-empty' },
        controls.filtered || ecu || status ? t('firmware.noMatch') : t('firmware.none'))));
      fill(footer, controls.pages(result.size || PAGE_SIZE, result.totalElements ?? rows.length));
    } catch (err) {
      listSlot.replaceChildren(problemBox(err, 'firmware-problem'));
    }
    body.dataset.loaded = 'true';
  }
  await load();
}

/** The upload form; once the catalogue holds the new firmware, {@code released()} is called. */
function uploadCard(released) {
  const slot = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'firmware-submit' }, t('firmware.upload'));
  const input = (name, attrs = {}) => h('input', { name, testid: `firmware-${name}`, autocomplete: 'off', ...attrs });
  const form = h('form', { testid: 'firmware-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const data = new FormData();
    const image = form.elements.image.files[0];
    if (image) data.append('image', image, image.name);
    for (const name of ['ecu', 'version', 'fromVersions', 'releaseNotes']) {
      const value = form.elements[name].value.trim();
      if (value) data.append(name, value);
    }
    for (const part of form.elements.hardware.value.split(/[\s,]+/).filter(Boolean)) data.append('hardware', part);
    submit.disabled = true;
    slot.replaceChildren();
    clearFieldProblems(form);
    try {
      const accepted = await postForm('/api/v1/firmware', data);
      form.reset();
      slot.replaceChildren(h('div', { class: 'notice', testid: 'firmware-created' },
        t('firmware.released', { sha256: accepted.sha256, size: byteSize(accepted.size) }), ' ',
        h('a', { href: `#/firmware/${encodeURIComponent(accepted.firmwareId)}`, testid: 'firmware-created-link' }, t('firmware.open'))));
      await until(() => api.get(firmwarePath(accepted.firmwareId)).then(Boolean), { timeoutMs: 15000 });
      await released();
    } catch (err) {
      if (!showFieldProblems(form, err)) slot.replaceChildren(problemBox(err, 'firmware-upload-problem'));
    } finally {
      submit.disabled = false;
    }
  } },
  h('div', { class: 'form-grid' },
    h('label', { class: 'span-2' }, t('firmware.image'), input('image', { type: 'file', required: true })),
    h('label', {}, t('flash.ecu'), input('ecu', { required: true, maxlength: 32, placeholder: 'ecm' })),
    h('label', {}, t('firmware.version'), input('version', { required: true, maxlength: 40, placeholder: '1.2.0' })),
    h('label', {}, t('firmware.hardware'), input('hardware', { maxlength: 400, placeholder: 'ECM-2*, ECM-3000' })),
    h('label', {}, t('firmware.fromVersions'), input('fromVersions', { maxlength: 100, placeholder: '[1.0.0,2.0.0)' })),
    h('label', { class: 'span-2' }, t('firmware.releaseNotes'), h('textarea', { name: 'releaseNotes', testid: 'firmware-releaseNotes', maxlength: 4000, rows: 3 }))),
  h('p', { class: 'muted small' }, t('firmware.uploadHint')),
  h('div', { class: 'form-actions' }, submit));
  return h('div', { class: 'card' }, h('h2', {}, t('firmware.new')), slot, form);
}

/** One firmware: what it is, what it fits, its checksum, who released it, and its withdrawal. */
export function renderFirmwareDetail(root, { args }) {
  const [firmwareId] = args;
  let closed = false;
  const title = h('h1', { testid: 'firmware-title' }, t('firmware.heading', { id: shortId(firmwareId) }));
  const record = h('div', { testid: 'firmware-record' }, h('p', { class: 'muted' }, t('common.loading')));
  const actions = h('div', { class: 'row' });
  const slot = h('div', { 'aria-live': 'polite' });
  root.append(h('section', { testid: 'screen-firmware-detail', 'data-firmware-id': firmwareId },
    h('div', { class: 'page-head' },
      h('div', {}, h('div', { class: 'sub' }, h('a', { href: '#/firmware', testid: 'back-to-firmware' }, t('firmware.back'))), title)),
    h('div', { class: 'card' }, slot, record, actions)));

  function show(f) {
    fill(title, t('firmware.headingOf', { ecu: f.ecu, version: f.version }));
    fill(record, h('dl', { class: 'kv' },
      h('dt', {}, t('field.status')), h('dd', {}, badge(f.status, { testid: 'firmware-status' })),
      h('dt', {}, t('flash.ecu')), h('dd', { class: 'mono' }, f.ecu),
      h('dt', {}, t('firmware.version')), h('dd', { testid: 'firmware-version' }, f.version),
      h('dt', {}, t('firmware.file')), h('dd', {}, f.fileName || '—', ' · ', byteSize(f.size)),
      h('dt', {}, 'SHA-256'), h('dd', { class: 'mono small', testid: 'firmware-sha256' }, f.sha256),
      h('dt', {}, t('firmware.hardware')), h('dd', { class: 'mono' }, (f.hardware || []).join(', ') || t('firmware.anyHardware')),
      h('dt', {}, t('firmware.fromVersions')), h('dd', { class: 'mono' }, f.fromVersions || t('firmware.anyVersion')),
      h('dt', {}, t('firmware.releaseNotes')), h('dd', {}, f.releaseNotes || '—'),
      h('dt', {}, t('firmware.releasedBy')), h('dd', {}, f.releasedBy || '—', ' · ', timeEl(f.releasedAt)),
      f.withdrawnAt ? [h('dt', {}, t('firmware.withdrawn')), h('dd', { testid: 'firmware-withdrawn' }, f.withdrawnReason || '—', ' · ', timeEl(f.withdrawnAt))] : null));
    actions.replaceChildren();
    withdrawButton(actions, f, slot, reload);
  }

  async function reload() {
    try { show(await api.get(firmwarePath(firmwareId))); } catch (err) { fill(slot, problemBox(err, 'firmware-load-problem')); }
  }

  loadWhenProjected(() => api.get(firmwarePath(firmwareId)), {
    active: () => !closed,
    found: show,
    problem: (err) => fill(record, problemBox(err, 'firmware-load-problem')),
    missing: () => fill(record, h('p', { class: 'muted', testid: 'firmware-missing' }, t('firmware.missing'))),
  });
  return () => { closed = true; };
}
