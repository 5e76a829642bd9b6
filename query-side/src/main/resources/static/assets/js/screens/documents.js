// Documents: upload by drag and drop or the file button (a progress bar per file, then its pipeline steps live), the
// alerts raised on documents (newest first, live), and the list filtered by type, status and tag, updated live.
import { api, query, subscribe } from '../api.js';
import { DOCUMENT_STATUSES, canEditDocuments, showNewAlerts, confidenceText, pipelineProgress, typeLabel, typeSelect, uploadFile, uploadRefusal } from '../documents-common.js';
import { number } from '../i18n.js';
import { listControls } from '../list-controls.js';
import { fill, h, liveIndicator, problemBox, shortId, statusLabel, t, timeEl, toDate } from '../ui.js';

const PAGE_SIZE = 20;
const ALERTS_SHOWN = 5;

export async function renderDocuments(root, { params, navigate }) {
  const type = params.get('type') || '';
  const status = params.get('status') || '';
  const tag = params.get('tag') || '';
  const controls = listControls({ path: '#/documents', endpoint: '/api/v1/documents', params, navigate, filters: { type, status, tag },
    exportable: false, searchLabel: t('documents.search'), testid: 'documents' });
  const { page } = controls.state;
  const go = controls.go;
  const live = liveIndicator('documents-live');
  const editor = canEditDocuments();

  // --- upload: the zone, the file button and one row per file ------------------------------------------

  const uploads = h('ul', { class: 'upload-list', testid: 'upload-list', 'aria-live': 'polite' });
  /** Upload rows by document id, so the stream's updates move their steps. */
  const uploadRows = new Map();
  /** The latest update seen per document, for a row whose upload is answered after its first update. */
  const latestUpdates = new Map();
  const tagsInput = h('input', { name: 'tags', testid: 'upload-tags', autocomplete: 'off', placeholder: t('documents.tagsHint') });
  const fileInput = h('input', { type: 'file', multiple: true, class: 'visually-hidden', testid: 'upload-input', id: 'upload-input',
    accept: 'application/pdf,image/jpeg,image/png,image/tiff,.pdf,.jpg,.jpeg,.png,.tif,.tiff',
    onchange: () => { uploadAll([...fileInput.files]); fileInput.value = ''; } });
  const zone = h('div', { class: 'drop-zone', testid: 'upload-zone' },
    h('p', {}, t('documents.dropHere')),
    h('label', { class: 'btn btn-primary', for: 'upload-input' }, t('documents.chooseFiles')),
    fileInput,
    h('p', { class: 'muted small' }, t('documents.accepted')));
  for (const name of ['dragenter', 'dragover']) {
    zone.addEventListener(name, (e) => { e.preventDefault(); zone.classList.add('over'); });
  }
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    uploadAll([...(e.dataTransfer?.files || [])]);
  });

  function uploadAll(files) {
    const tags = tagsInput.value.split(',').map(s => s.trim()).filter(Boolean);
    for (const file of files) uploadOne(file, tags);
  }

  function uploadOne(file, tags) {
    const fillBar = h('span', { class: 'run-progress-fill' });
    const percentText = h('span', { class: 'run-progress-text', testid: 'upload-percent', 'aria-hidden': 'true' }, t('unit.percent', { n: 0 }));
    const bar = h('div', { class: 'run-progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': '0',
      'aria-label': t('documents.uploading', { name: file.name }), testid: 'upload-progress' },
    h('span', { class: 'run-progress-track' }, fillBar), percentText);
    const state = h('div', { class: 'upload-state', testid: 'upload-state' }, bar);
    const row = h('li', { class: 'upload-row', testid: 'upload-row', 'data-file-name': file.name, 'data-state': 'uploading' },
      h('span', { class: 'upload-name', testid: 'upload-name' }, file.name), state);
    uploads.prepend(row);
    uploadFile(file, { tags }, (loaded, total) => {
      const percent = total ? Math.min(100, Math.round((loaded / total) * 100)) : 0;
      fillBar.style.width = `${percent}%`;
      bar.setAttribute('aria-valuenow', String(percent));
      percentText.textContent = t('unit.percent', { n: percent });
    }).then((answer) => {
      row.dataset.documentId = answer.documentId;
      const link = h('a', { href: `#/documents/${encodeURIComponent(answer.documentId)}`, testid: 'upload-link' }, t('documents.open'));
      if (answer.duplicate) {
        row.dataset.state = 'duplicate';
        fill(state, h('span', { class: 'muted', testid: 'upload-duplicate' }, t('documents.duplicate')), ' ', link);
        return;
      }
      row.dataset.state = 'uploaded';
      uploadRows.set(answer.documentId, { row, state, link });
      showStep(answer.documentId, latestUpdates.get(answer.documentId) || { status: 'UPLOADED' });
      // the update may have come before this answer and been missed: the read model says where it stands
      api.get(`/api/v1/documents/${encodeURIComponent(answer.documentId)}`).then((d) => {
        if (!latestUpdates.has(answer.documentId)) showStep(answer.documentId, d);
      }).catch(() => {});
    }, (error) => {
      row.dataset.state = 'refused';
      row.dataset.httpStatus = String(error.status);
      if (error.problem && error.problem.rule) row.dataset.rule = error.problem.rule;
      fill(state, h('span', { class: 'problem-inline', role: 'alert', testid: 'upload-problem' }, uploadRefusal(error)));
    });
  }

  function showStep(documentId, d) {
    const shown = uploadRows.get(documentId);
    if (!shown) return;
    shown.row.dataset.state = d.status;
    fill(shown.state, pipelineProgress(d, 'upload-step'), ' ', shown.link);
  }

  // --- alerts: the newest few, read again when a document's processing ends -----------------------------

  const alertsBody = h('div', { testid: 'alerts-body' }, h('p', { class: 'muted' }, t('common.loading')));
  const alertsCount = h('span', { class: 'count-badge', testid: 'alerts-count' });
  async function loadAlerts() {
    try {
      const result = await api.get(`/api/v1/documents/alerts${query({ page: 0, size: ALERTS_SHOWN })}`);
      const alerts = result.content || [];
      const total = result.totalElements ?? alerts.length;
      fill(alertsCount, h('span', { 'aria-hidden': 'true' }, number(total)), h('span', { class: 'visually-hidden' }, t('documents.alertsCount', { count: total })));
      showNewAlerts({ seen: true });
      fill(alertsBody, alerts.length ? h('ul', { class: 'alert-list' }, alerts.map(alertItem))
        : h('p', { class: 'muted', testid: 'alerts-none' }, t('documents.noAlerts')));
    } catch (err) {
      fill(alertsBody, problemBox(err, 'alerts-problem'));
    }
  }

  const uploadCard = editor ? h('div', { class: 'card', testid: 'upload-card' },
    h('h2', {}, t('documents.upload')),
    zone,
    h('label', { class: 'spaced-small' }, t('documents.tags'), tagsInput),
    uploads) : null;
  const alertsCard = h('div', { class: 'card', testid: 'alerts-card' },
    h('h2', {}, t('documents.alerts'), ' ', alertsCount),
    alertsBody);

  // --- the list --------------------------------------------------------------------------------------

  const statusSelect = h('select', { name: 'status', testid: 'filter-status', onchange: (e) => go({ status: e.target.value }) },
    h('option', { value: '' }, t('filter.allStatuses')),
    DOCUMENT_STATUSES.map(s => h('option', { value: s, selected: s === status }, statusLabel(s))));
  const typeFilter = typeSelect({ name: 'type', testid: 'filter-type', onchange: (e) => go({ type: e.target.value }) }, type, { any: true });
  const tagFilter = h('input', { name: 'tag', testid: 'filter-tag', value: tag, autocomplete: 'off', maxlength: 50 });
  const slot = h('div');
  const body = h('tbody', { testid: 'documents-body' });
  const footer = h('div');

  root.append(h('section', { testid: 'screen-documents' },
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, t('documents.title')), h('div', { class: 'sub' }, t('documents.sub'))),
      h('div', { class: 'row' }, live.el,
        h('a', { class: 'btn', href: '#/documents/validation', testid: 'open-validation' }, t('documents.validationQueue')),
        h('a', { class: 'btn', href: '#/documents/search', testid: 'open-search' }, t('documents.searchPage')))),
    editor ? h('div', { class: 'grid-2' }, uploadCard, alertsCard) : alertsCard,
    h('div', { class: 'card' },
      h('form', { class: 'row', testid: 'document-filters', onsubmit: (e) => { e.preventDefault(); go({ tag: tagFilter.value.trim() }); } },
        h('label', {}, t('field.type'), typeFilter),
        h('label', {}, t('field.status'), statusSelect),
        h('label', {}, t('documents.tag'), tagFilter),
        h('button', { class: 'btn', type: 'submit', testid: 'filter-tag-apply' }, t('list.apply')),
        type || status || tag ? h('button', { class: 'btn btn-quiet', type: 'button', testid: 'filter-clear', onclick: () => go({ type: '', status: '', tag: '' }) }, t('filter.clear')) : null)),
    controls.toolbar,
    slot,
    h('div', { class: 'card flush' },
      h('div', { class: 'table-scroll' }, h('table', { testid: 'documents-table', class: 'stack' },
        h('caption', { class: 'visually-hidden' }, t('documents.title')),
        h('thead', {}, h('tr', {},
          controls.header('title', t('documents.col.title')), controls.header('type', t('field.type')),
          controls.header('status', t('field.status')), h('th', { scope: 'col', class: 'num' }, t('documents.col.confidence')),
          h('th', { scope: 'col', class: 'num' }, t('documents.col.pages')), controls.header('uploadedAt', t('documents.col.uploaded')))),
        body)),
      footer)));

  const row = (d) => h('tr', { testid: 'document-row', 'data-document-id': d.documentId, 'data-status': d.status,
    'data-pages-read': String(d.pagesRead ?? 0), 'data-type': d.type || '', 'data-uploaded-at': String(d.uploadedAt) },
    h('td', { 'data-label': t('documents.col.title') },
      h('a', { href: `#/documents/${encodeURIComponent(d.documentId)}`, testid: 'document-link' }, d.title || d.fileName || shortId(d.documentId)),
      d.title && d.fileName && d.title !== d.fileName ? h('div', { class: 'muted small' }, d.fileName) : null),
    h('td', { 'data-label': t('field.type'), testid: 'document-type', 'data-type': d.type || '' }, typeLabel(d.type)),
    h('td', { 'data-label': t('field.status'), testid: 'document-status' }, pipelineProgress(d, 'document-row-progress')),
    h('td', { 'data-label': t('documents.col.confidence'), class: 'num', testid: 'document-confidence' }, d.type ? confidenceText(d.typeConfidence) : '—'),
    h('td', { 'data-label': t('documents.col.pages'), class: 'num', testid: 'document-pages' }, d.pages ? number(d.pages) : '—'),
    h('td', { 'data-label': t('documents.col.uploaded') }, timeEl(d.uploadedAt)));

  const emptyRow = () => h('tr', { testid: 'documents-empty' }, h('td', { colspan: 6, class: 'empty' },
    type || status || tag || controls.filtered ? t('documents.noMatch') : t('documents.none')));

  let total = 0;
  try {
    const result = await api.get(`/api/v1/documents${query({ ...controls.apiParams, page, size: PAGE_SIZE })}`);
    total = result.totalElements ?? result.content.length;
    fill(body, result.content.length ? result.content.map(row) : emptyRow());
    fill(footer, controls.pages(result.size || PAGE_SIZE, total));
  } catch (err) {
    slot.replaceChildren(problemBox(err, 'documents-problem'));
    fill(body, emptyRow());
  }
  loadAlerts();

  /** Whether a document not on the page was uploaded after everything shown, so it belongs on top of page one. */
  const isNewest = (d) => {
    const first = body.querySelector('tr[data-document-id]');
    return !first || (toDate(d.uploadedAt)?.getTime() ?? 0) >= (toDate(first.dataset.uploadedAt)?.getTime() ?? 0);
  };

  /** Reads a document again and shows it in its row, or on top of the first page when it is new and belongs there. */
  async function refreshRow(documentId) {
    const d = await api.get(`/api/v1/documents/${encodeURIComponent(documentId)}`).catch(() => null);
    if (!d) return;
    const existing = body.querySelector(`tr[data-document-id="${CSS.escape(documentId)}"]`);
    const fresh = row(d);
    fresh.classList.add('flash');
    if (existing) {
      existing.replaceWith(fresh);
    } else if (page === 0 && !type && !status && !tag && !controls.filtered && !controls.state.sort && isNewest(d)) {
      body.querySelector('[data-testid="documents-empty"]')?.remove();
      body.prepend(fresh);
      while (body.children.length > PAGE_SIZE) body.lastElementChild.remove();
      total += 1;
      fill(footer, controls.pages(PAGE_SIZE, total));
    }
  }

  // Each update names the document and where it stands: upload rows and list rows follow at once; the rest (type,
  // confidence, pages) is read again, at most once per document in flight, and only for a row shown that changed or
  // a document just uploaded (its first update), which may belong on top of the list.
  const reading = new Map();
  let alertsTimer = null;
  const close = subscribe('/api/v1/documents/updates', 'document', (u) => {
    if (!u || !u.documentId) return;
    latestUpdates.set(u.documentId, u);
    showStep(u.documentId, u);
    if (['READY', 'NEEDS_VALIDATION'].includes(u.status)) {
      clearTimeout(alertsTimer);
      alertsTimer = setTimeout(loadAlerts, 800);
    }
    const existing = body.querySelector(`tr[data-document-id="${CSS.escape(u.documentId)}"]`);
    if (existing) {
      if (existing.dataset.status === u.status && existing.dataset.pagesRead === String(u.pagesRead ?? 0)
        && existing.dataset.type === (u.type || '')) return;
      existing.dataset.status = u.status;
      existing.dataset.pagesRead = String(u.pagesRead ?? 0);
      const cell = existing.querySelector('[data-testid="document-status"]');
      if (cell) fill(cell, pipelineProgress(u, 'document-row-progress'));
    } else if (u.status !== 'UPLOADED') {
      return;
    }
    if (!reading.has(u.documentId)) {
      reading.set(u.documentId, setTimeout(() => { reading.delete(u.documentId); refreshRow(u.documentId); }, 300));
    }
  }, live.set);
  return () => { clearTimeout(alertsTimer); for (const timer of reading.values()) clearTimeout(timer); close(); };
}

/** One alert: its severity in words, its message, the document it concerns and when it was raised. */
export function alertItem(a) {
  return h('li', { class: `alert-item sev-${a.severity || 'info'}`, testid: 'alert-item', 'data-rule': a.rule, 'data-document-id': a.documentId },
    h('span', { class: `badge s-${String(a.severity || 'info').toUpperCase()}`, testid: 'alert-severity' }, t(`documents.severity.${String(a.severity || 'info').toLowerCase()}`)),
    ' ', h('span', { testid: 'alert-message' }, a.message || a.rule),
    h('div', { class: 'muted small' },
      a.documentId ? h('a', { href: `#/documents/${encodeURIComponent(a.documentId)}`, testid: 'alert-document' }, a.title || a.fileName || t('documents.open')) : null,
      ' · ', timeEl(a.raisedAt)));
}
