// The validation queue: documents waiting for an operator to check their fields, oldest first, each naming the fields
// that need a look and linking to the document; read again when a document's processing ends or is validated.
import { api, query, subscribe } from '../api.js';
import { confidenceText, fieldLabel, typeLabel } from '../documents-common.js';
import { fill, h, liveIndicator, pager, problemBox, shortId, t, timeEl } from '../ui.js';

const PAGE_SIZE = 20;

export async function renderDocumentValidation(root, { params, navigate }) {
  const page = Math.max(0, Number(params.get('page') || 0));
  const live = liveIndicator('validation-live');
  const slot = h('div');
  const body = h('tbody', { testid: 'validation-body' });
  const footer = h('div');

  root.append(h('section', { testid: 'screen-document-validation' },
    h('div', { class: 'page-head' },
      h('div', {},
        h('div', { class: 'sub' }, h('a', { href: '#/documents' }, t('document.back'))),
        h('h1', {}, t('validation.title')), h('div', { class: 'sub' }, t('validation.sub'))),
      h('div', { class: 'row' }, live.el)),
    slot,
    h('div', { class: 'card flush' },
      h('div', { class: 'table-scroll' }, h('table', { class: 'stack', testid: 'validation-table' },
        h('caption', { class: 'visually-hidden' }, t('validation.title')),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('documents.col.title')), h('th', { scope: 'col' }, t('field.type')),
          h('th', { scope: 'col' }, t('validation.toCheck')), h('th', { scope: 'col' }, t('documents.col.uploaded')))),
        body)),
      footer)));

  const row = (d) => {
    const doubtful = (d.fields || []).filter(f => f.needsValidation);
    const missing = d.missingFields || [];
    return h('tr', { testid: 'validation-row', 'data-document-id': d.documentId },
      h('td', { 'data-label': t('documents.col.title') },
        h('a', { href: `#/documents/${encodeURIComponent(d.documentId)}`, testid: 'validation-link' }, d.title || d.fileName || shortId(d.documentId))),
      h('td', { 'data-label': t('field.type') }, typeLabel(d.type), d.type ? h('span', { class: 'muted small' }, ` · ${confidenceText(d.typeConfidence)}`) : null),
      h('td', { 'data-label': t('validation.toCheck'), testid: 'validation-fields' },
        doubtful.length ? h('ul', { class: 'plain' }, doubtful.map(f => h('li', { testid: 'validation-field', 'data-field': f.name },
          h('strong', {}, fieldLabel(f.name)), ` ${f.value ?? ''} · ${confidenceText(f.confidence)}`, f.note ? h('span', { class: 'muted small' }, ` — ${f.note}`) : null))) : null,
        missing.length ? h('div', { class: 'small', testid: 'validation-missing' }, t('document.missing', { fields: missing.map(fieldLabel).join(', ') })) : null,
        !doubtful.length && !missing.length ? (d.validationReasons || []).join('; ') || '—' : null),
      h('td', { 'data-label': t('documents.col.uploaded') }, timeEl(d.uploadedAt)));
  };

  async function load() {
    try {
      const result = await api.get(`/api/v1/documents/validation-queue${query({ page, size: PAGE_SIZE })}`);
      const content = result.content || [];
      slot.replaceChildren();
      fill(body, content.length ? content.map(row)
        : h('tr', { testid: 'validation-empty' }, h('td', { colspan: 4, class: 'empty' }, t('validation.none'))));
      fill(footer, pager(page, result.size || PAGE_SIZE, result.totalElements ?? content.length,
        (p) => navigate(`#/documents/validation${query({ page: p || '' })}`), 'validation-pager'));
    } catch (err) {
      slot.replaceChildren(problemBox(err, 'validation-problem'));
    }
  }
  await load();

  let timer = null;
  const close = subscribe('/api/v1/documents/updates', 'document', (u) => {
    const shown = u && body.querySelector(`tr[data-document-id="${CSS.escape(u.documentId)}"]`);
    if (u && (u.status === 'NEEDS_VALIDATION' || shown)) {
      clearTimeout(timer);
      timer = setTimeout(load, 500);
    }
  }, live.set);
  return () => { clearTimeout(timer); close(); };
}
