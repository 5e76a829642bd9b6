// A document: its original (PDF inline, image zoomable), its text page by page, its fields with their confidence (the
// doubtful ones marked), type, language, alerts and history, its run's progress live; operators correct the type,
// correct, remove and confirm fields, reprocess it and download the original; audit readers see its events.
import { api, download, fetchBlob, session, subscribe } from '../api.js';
import { AUDIT_READERS, auditTrail } from '../audit.js';
import { WORKING, canEditDocuments, confidenceText, fieldLabel, pipelineProgress, typeLabel, typeSelect } from '../documents-common.js';
import { has, locale, number } from '../i18n.js';
import { askFirst } from './admin.js';
import { badge, fill, h, liveIndicator, loadWhenProjected, problemBox, shortId, showFieldProblems, t, timeEl } from '../ui.js';

export async function renderDocumentDetail(root, { args }) {
  const [documentId] = args;
  const base = `/api/v1/documents/${encodeURIComponent(documentId)}`;
  const editor = canEditDocuments();
  const live = liveIndicator('document-live');
  const heading = h('span', { testid: 'document-title' }, shortId(documentId));
  const statusSlot = h('span', { testid: 'document-status-slot' });
  const actions = h('div', { class: 'row', testid: 'document-actions' });
  const actionSlot = h('div', { 'aria-live': 'polite' });
  const progressCard = h('div', { class: 'card', testid: 'document-pipeline' }, h('p', { class: 'muted', testid: 'document-waiting' }, t('document.waiting')));
  const originalCard = h('div', { class: 'card', testid: 'document-original' }, h('h2', {}, t('document.original')));
  const textCard = h('div', { class: 'card', testid: 'document-text' }, h('h2', {}, t('document.text')));
  const fieldsCard = h('div', { class: 'card', testid: 'document-fields' }, h('h2', {}, t('document.fields')));
  const aboutCard = h('div', { class: 'card', testid: 'document-about' }, h('h2', {}, t('document.about')));
  const alertsCard = h('div', { class: 'card', testid: 'document-alerts' }, h('h2', {}, t('documents.alerts')));
  const historyList = h('ol', { class: 'timeline', testid: 'document-history' });
  const audit = session.hasAnyRole(...AUDIT_READERS) ? auditTrail('Document', documentId, 'documentId') : null;
  let doc = null;
  let closed = false;

  root.append(h('section', { testid: 'screen-document-detail', 'data-document-id': documentId },
    h('div', { class: 'page-head' },
      h('div', {},
        h('div', { class: 'sub' }, h('a', { href: '#/documents' }, t('document.back'))),
        h('h1', {}, heading, ' ', statusSlot)),
      h('div', { class: 'row' }, live.el, actions)),
    actionSlot,
    progressCard,
    h('div', { class: 'grid-2' },
      h('div', {}, fieldsCard, textCard, originalCard),
      h('div', {}, aboutCard, alertsCard,
        h('div', { class: 'card' }, h('h2', {}, t('document.history')), historyList),
        audit ? h('div', { class: 'card flush' },
          h('div', { class: 'card-head' }, h('h2', {}, t('document.audit'))),
          h('div', { class: 'card-pad' }, audit.element)) : null))));

  // --- the document and its run ------------------------------------------------------------------

  function render(d) {
    const first = !doc;
    const previous = doc;
    doc = d;
    fill(heading, d.title || d.fileName || shortId(documentId));
    fill(statusSlot, badge(d.status, { class: 'big', testid: 'document-status' }));
    renderProgress(d);
    renderAbout(d);
    renderFields(d);
    renderAlerts(d);
    fill(historyList, (d.history || []).map(e => h('li', { testid: 'history-entry', 'data-step': e.step },
      h('strong', {}, stepLabel(e.step)), e.detail ? ` — ${e.detail}` : '', h('div', { class: 'muted small' }, timeEl(e.at), e.by ? ` · ${e.by}` : ''))));
    renderActions(d);
    if (first) loadOriginal(d);
    if (first || textChanged(previous, d)) loadText();
    if (audit && !first) audit.load();
  }

  const textChanged = (a, b) => !a || a.run !== b.run || a.pagesRead !== b.pagesRead || a.status !== b.status;

  function renderProgress(d) {
    const working = WORKING.includes(d.status);
    fill(progressCard,
      h('div', { class: 'row center' }, h('h2', { class: 'inline' }, t('document.run', { run: d.run || 1 })), pipelineProgress(d, 'document-progress')),
      working ? h('p', { class: 'muted small', testid: 'document-working' }, t(`document.working.${d.status}`)) : null,
      d.failure ? h('div', { class: 'problem', testid: 'document-failure' },
        h('div', { class: 'title' }, t('document.failed', { step: t(`document.step.${d.failure.step}`), page: d.failure.page || '' })),
        h('div', {}, d.failure.reason), h('div', { class: 'muted small' }, timeEl(d.failure.at))) : null,
      d.status === 'NEEDS_VALIDATION' ? h('div', { class: 'warning-box', testid: 'document-validation-reasons' },
        h('div', { class: 'title' }, t('document.needsValidation')),
        h('ul', {}, (d.validationReasons || []).map(r => h('li', {}, r)),
          (d.missingFields || []).length ? h('li', { testid: 'document-missing' }, t('document.missing', { fields: d.missingFields.map(fieldLabel).join(', ') })) : null)) : null,
      d.duplicateOf ? h('p', { testid: 'document-duplicate' }, t('document.duplicateOf'), ' ',
        h('a', { href: `#/documents/${encodeURIComponent(d.duplicateOf)}` }, shortId(d.duplicateOf))) : null);
  }

  function renderAbout(d) {
    fill(aboutCard, h('h2', {}, t('document.about')),
      h('dl', { class: 'kv' },
        h('dt', {}, t('field.type')), h('dd', { testid: 'document-type', 'data-type': d.type || '' }, typeLabel(d.type),
          d.type ? h('span', { class: 'muted small', testid: 'document-type-confidence' }, ` · ${confidenceText(d.typeConfidence)}`) : null,
          d.typeSource ? h('span', { class: 'muted small', testid: 'document-type-source', 'data-source': d.typeSource }, ` · ${t(`document.source.${d.typeSource}`)}`) : null),
        h('dt', {}, t('document.language')), h('dd', { testid: 'document-language' }, languageName(d.language),
          d.language ? h('span', { class: 'muted small' }, ` · ${confidenceText(d.languageConfidence)}`) : null),
        h('dt', {}, t('document.fileName')), h('dd', { class: 'break' }, d.fileName || '—'),
        h('dt', {}, t('document.mediaType')), h('dd', {}, d.mediaType || '—'),
        h('dt', {}, t('document.size')), h('dd', {}, sizeText(d.size)),
        h('dt', {}, t('documents.col.pages')), h('dd', { testid: 'document-pages' }, d.pages ? number(d.pages) : '—'),
        h('dt', {}, t('documents.tags')), h('dd', {}, (d.tags || []).length ? d.tags.map(tag => h('a', { class: 'tag', href: `#/documents?tag=${encodeURIComponent(tag)}` }, tag)) : '—'),
        h('dt', {}, t('document.uploaded')), h('dd', {}, timeEl(d.uploadedAt), d.uploadedBy ? ` · ${d.uploadedBy}` : ''),
        h('dt', {}, 'SHA-256'), h('dd', { class: 'mono break small' }, d.sha256 || '—')),
      editor && !WORKING.includes(d.status) ? typeForm(d) : null);
  }

  function typeForm(d) {
    const select = typeSelect({ name: 'type', testid: 'correct-type-select' }, d.type && d.type !== 'unknown' ? d.type : 'invoice');
    const slot = h('div', { 'aria-live': 'polite' });
    return h('form', { class: 'spaced', testid: 'correct-type-form', onsubmit: async (e) => {
      e.preventDefault();
      const button = e.currentTarget.querySelector('button');
      button.disabled = true;
      try {
        await api.post(`${base}/classification`, { type: select.value });
        fill(actionSlot, h('div', { class: 'notice', testid: 'type-corrected' }, t('document.typeCorrected', { type: typeLabel(select.value) })));
      } catch (err) {
        if (!showFieldProblems(e.target, err)) fill(slot, problemBox(err, 'correct-type-problem'));
        button.disabled = false;
      }
    } },
    h('label', {}, t('document.correctType'), select),
    h('button', { class: 'btn', type: 'submit', testid: 'correct-type' }, t('document.correctTypeButton')),
    slot);
  }

  // --- fields: shown, or edited by an operator, then confirmed -----------------------------------

  /** Whether the operator has changed a field on screen: the fields are then not redrawn under their hands. */
  let editing = false;

  function renderFields(d) {
    if (editing) return;
    const fields = d.fields || [];
    const form = h('form', { testid: 'fields-form', onsubmit: (e) => { e.preventDefault(); confirmFields(form); } });
    const rows = fields.map(f => fieldRow(f));
    const doubtful = fields.filter(f => f.needsValidation).length;
    fill(fieldsCard, h('h2', {}, t('document.fields')),
      doubtful ? h('p', { class: 'muted small', testid: 'fields-doubtful' }, t('document.doubtful', { count: doubtful })) : null,
      fields.length === 0 ? h('p', { class: 'muted', testid: 'fields-none' }, WORKING.includes(d.status) ? t('document.fieldsPending') : t('document.noFields')) : null,
      fields.length ? form : null);
    if (!fields.length) return;
    form.append(
      h('div', { class: 'table-scroll' }, h('table', { class: 'stack fields-table', testid: 'fields-table' },
        h('caption', { class: 'visually-hidden' }, t('document.fields')),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('document.field')), h('th', { scope: 'col' }, t('document.value')),
          h('th', { scope: 'col', class: 'num' }, t('documents.col.confidence')), h('th', { scope: 'col', class: 'num' }, t('document.page')),
          h('th', { scope: 'col' }, t('document.note')), editor ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('document.remove'))) : null)),
        h('tbody', {}, rows))),
      editor && !WORKING.includes(d.status) ? h('div', { class: 'row spaced' },
        h('button', { class: 'btn btn-primary', type: 'submit', testid: 'confirm-fields' }, t('document.confirmFields')),
        h('button', { class: 'btn btn-quiet', type: 'button', testid: 'fields-undo', onclick: () => { editing = false; renderFields(doc); } }, t('document.undo')),
        h('span', { class: 'muted small' }, t('document.confirmHint'))) : null,
      h('div', { testid: 'fields-problem-slot', 'aria-live': 'polite' }));
  }

  function fieldRow(f) {
    const label = fieldLabel(f.name);
    const value = editor
      ? h('input', { name: `value-${f.name}`, value: f.value ?? '', testid: `field-input-${f.name}`, 'aria-label': label, class: 'field-value',
        oninput: () => { editing = true; } })
      : h('span', { testid: `field-value-${f.name}` }, f.value ?? '—');
    const row = h('tr', { testid: 'field-row', 'data-field': f.name, 'data-needs-validation': String(!!f.needsValidation), class: f.needsValidation ? 'low-confidence' : '' },
      h('th', { scope: 'row', 'data-label': t('document.field') }, label, h('div', { class: 'muted small mono' }, f.name)),
      h('td', { 'data-label': t('document.value') }, value),
      h('td', { 'data-label': t('documents.col.confidence'), class: 'num', testid: 'field-confidence' }, confidenceText(f.confidence),
        f.needsValidation ? h('div', {}, h('span', { class: 'badge s-NEEDS_VALIDATION', testid: 'field-check' }, t('document.check'))) : null),
      h('td', { 'data-label': t('document.page'), class: 'num' }, f.page ? number(f.page) : '—'),
      h('td', { 'data-label': t('document.note'), class: 'small' }, f.note || ''),
      editor ? h('td', {}, h('button', { class: 'btn btn-quiet btn-small', type: 'button', testid: `field-remove-${f.name}`,
        'aria-label': t('document.removeField', { field: label }), onclick: (e) => {
          editing = true;
          const removed = !row.classList.contains('removed');
          row.classList.toggle('removed', removed);
          row.dataset.removed = String(removed);
          e.currentTarget.textContent = removed ? t('document.keepField') : t('document.remove');
          e.currentTarget.setAttribute('aria-label', t(removed ? 'document.keepFieldNamed' : 'document.removeField', { field: label }));
          if (value.tagName === 'INPUT') value.disabled = removed;
        } }, t('document.remove'))) : null);
    return row;
  }

  async function confirmFields(form) {
    const rows = [...form.querySelectorAll('tr[data-field]')];
    const kept = rows.filter(r => !r.classList.contains('removed'));
    const fields = kept.map(r => ({ name: r.dataset.field, value: r.querySelector('input').value.trim() }));
    const remove = rows.filter(r => r.classList.contains('removed')).map(r => r.dataset.field);
    const slot = form.querySelector('[data-testid="fields-problem-slot"]');
    const button = form.querySelector('[data-testid="confirm-fields"]');
    slot.replaceChildren();
    button.disabled = true;
    try {
      await api.post(`${base}/fields`, { fields, remove });
      editing = false;
      fill(actionSlot, h('div', { class: 'notice', testid: 'fields-confirmed' }, t('document.fieldsConfirmed')));
    } catch (err) {
      button.disabled = false;
      // 'fields[2].value' names the third field sent, which is the third row kept
      const found = showFieldProblems(form, err, (name) => {
        const m = /^fields\[(\d+)\]/.exec(name);
        return m && kept[Number(m[1])] ? kept[Number(m[1])].querySelector('input') : null;
      });
      if (!found) slot.replaceChildren(problemBox(err, 'fields-problem'));
    }
  }

  function renderAlerts(d) {
    const alerts = d.alerts || [];
    fill(alertsCard, h('h2', {}, t('documents.alerts')),
      alerts.length ? h('ul', { class: 'alert-list' }, alerts.map(a => h('li', { class: 'alert-item', testid: 'document-alert', 'data-rule': a.rule },
        h('span', { class: `badge s-${String(a.severity || 'info').toUpperCase()}` }, t(`documents.severity.${String(a.severity || 'info').toLowerCase()}`)),
        ' ', a.message || a.rule, h('div', { class: 'muted small' }, timeEl(a.raisedAt)))))
        : h('p', { class: 'muted', testid: 'document-alerts-none' }, t('document.noAlerts')));
  }

  // --- actions ------------------------------------------------------------------------------------

  function renderActions(d) {
    const downloadButton = h('button', { class: 'btn', type: 'button', testid: 'download-original', onclick: async () => {
      try { await download(`${base}/original`, d.mediaType || 'application/octet-stream', d.fileName || 'document'); }
      catch (err) { fill(actionSlot, problemBox(err, 'download-problem')); }
    } }, t('document.download'));
    const reprocessCell = h('span');
    fill(actions, downloadButton, reprocessCell);
    if (editor && !WORKING.includes(d.status)) {
      askFirst(reprocessCell, { label: t('document.reprocess'), testid: 'reprocess', question: t('document.reprocessQuestion'), act: async () => {
        try {
          await api.post(`${base}/reprocess`);
          fill(actionSlot, h('div', { class: 'notice', testid: 'reprocess-requested' }, t('document.reprocessRequested')));
        } catch (err) {
          fill(actionSlot, problemBox(err, 'reprocess-problem'));
        }
        if (doc) renderActions(doc);
      } });
    }
  }

  // --- the original, fetched with the token -------------------------------------------------------

  let blobUrl = null;
  async function loadOriginal(d) {
    fill(originalCard, h('h2', {}, t('document.original')), h('p', { class: 'muted', testid: 'original-loading' }, t('common.loading')));
    try {
      const blob = await fetchBlob(`${base}/original`, d.mediaType || '*/*');
      if (closed) return;
      const type = d.mediaType || blob.type;
      if (type === 'application/pdf') {
        blobUrl = URL.createObjectURL(blob.type === type ? blob : new Blob([blob], { type }));
        fill(originalCard, h('h2', {}, t('document.original')),
          h('iframe', { class: 'pdf-frame', src: blobUrl, title: t('document.originalOf', { name: d.fileName || '' }), testid: 'original-pdf' }));
      } else if (type === 'image/jpeg' || type === 'image/png') {
        // a data: URL, since the Content-Security-Policy allows images from 'self' and data: only
        const url = await new Promise((resolve, reject) => {
          const reader = new FileReader();
          reader.onload = () => resolve(reader.result);
          reader.onerror = () => reject(reader.error);
          reader.readAsDataURL(blob);
        });
        if (closed) return;
        const img = h('img', { src: url, alt: t('document.originalOf', { name: d.fileName || '' }), class: 'doc-image fit', testid: 'original-image' });
        const zoom = h('button', { class: 'btn btn-small', type: 'button', testid: 'original-zoom', 'aria-pressed': 'false', onclick: () => {
          const full = img.classList.toggle('fit') === false;
          zoom.setAttribute('aria-pressed', String(full));
          zoom.textContent = full ? t('document.zoomFit') : t('document.zoomFull');
        } }, t('document.zoomFull'));
        img.addEventListener('click', () => zoom.click());
        fill(originalCard, h('div', { class: 'row pdf-head' }, h('h2', {}, t('document.original')), h('span', { class: 'spacer' }), zoom),
          h('div', { class: 'image-frame', tabindex: 0, role: 'region', 'aria-label': t('document.original') }, img));
      } else {
        fill(originalCard, h('h2', {}, t('document.original')), h('p', { class: 'muted', testid: 'original-not-shown' }, t('document.notShown', { type })));
      }
    } catch (err) {
      if (!closed) fill(originalCard, h('h2', {}, t('document.original')), problemBox(err, 'original-problem'));
    }
  }

  // --- the text, page by page ---------------------------------------------------------------------

  let shownPage = 1;
  let textTimer = null;
  function loadText() {
    clearTimeout(textTimer);
    textTimer = setTimeout(readText, 300);
  }

  async function readText() {
    try {
      const text = await api.get(`${base}/text`);
      if (closed) return;
      renderText(text.pages || []);
    } catch (err) {
      if (closed) return;
      if (err.status === 404) renderText([]);
      else fill(textCard, h('h2', {}, t('document.text')), problemBox(err, 'text-problem'));
    }
  }

  function renderText(pages) {
    if (!pages.length) {
      fill(textCard, h('h2', {}, t('document.text')), h('p', { class: 'muted', testid: 'text-none' }, t('document.textPending')));
      return;
    }
    if (!pages.some(p => p.page === shownPage)) shownPage = pages[0].page;
    const body = h('div', { testid: 'text-page' });
    const show = (n) => {
      shownPage = n;
      const p = pages.find(x => x.page === n) || pages[0];
      fill(body,
        h('p', { class: 'muted small', testid: 'text-page-info', 'data-method': p.method },
          t('document.pageInfo', { method: t(`document.method.${p.method}`), confidence: confidenceText(p.confidence) }),
          p.rotation ? ` · ${t('document.rotated', { degrees: p.rotation })}` : '',
          p.deskew ? ` · ${t('document.deskewed', { degrees: number(p.deskew, 1) })}` : ''),
        h('pre', { class: 'doc-text', tabindex: 0, testid: 'text-content', 'aria-label': t('document.pageOfText', { n: p.page }) }, p.text || ''));
    };
    const select = h('select', { testid: 'text-page-select', onchange: (e) => show(Number(e.target.value)) },
      pages.map(p => h('option', { value: p.page, selected: p.page === shownPage }, t('document.pageN', { n: p.page }))));
    fill(textCard, h('div', { class: 'row pdf-head' }, h('h2', {}, t('document.text')), h('span', { class: 'spacer' }),
      pages.length > 1 ? h('label', {}, t('document.page'), select) : null), body);
    show(shownPage);
  }

  // --- live: the stream says where the run stands; the rest is read again --------------------------

  let reloadTimer = null;
  function reload() {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(async () => {
      try { const d = await api.get(base); if (!closed) render(d); } catch { /* the next update tries again */ }
    }, 250);
  }

  const close = subscribe('/api/v1/documents/updates', 'document', (u) => {
    if (!u || u.documentId !== documentId) return;
    if (doc) {
      renderProgress({ ...doc, status: u.status, pagesRead: u.pagesRead ?? doc.pagesRead, pages: u.pages ?? doc.pages });
      fill(statusSlot, badge(u.status, { class: 'big', testid: 'document-status' }));
    }
    reload();
  }, live.set);

  loadWhenProjected(() => api.get(base), {
    active: () => !closed && !doc,
    found: (d) => { if (!doc) render(d); },
    problem: (err) => fill(progressCard, problemBox(err, 'document-load-problem')),
    missing: () => fill(progressCard, h('p', { class: 'muted', testid: 'document-missing' }, t('document.missingDoc'))),
  });
  if (audit) audit.load();

  return () => {
    closed = true;
    clearTimeout(reloadTimer);
    clearTimeout(textTimer);
    if (blobUrl) URL.revokeObjectURL(blobUrl);
    close();
  };
}

/** A history step in words ('TYPE_CORRECTED' → 'Type corrected'). */
function stepLabel(step) {
  if (has(`document.history.${step}`)) return t(`document.history.${step}`);
  const words = String(step || '').toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** 'fr' → 'French' in the current language. */
function languageName(code) {
  if (!code || code === 'und') return t('document.languageUnknown');
  try {
    return new Intl.DisplayNames([locale()], { type: 'language' }).of(code) || code;
  } catch {
    return code;
  }
}

function sizeText(bytes) {
  const n = Number(bytes) || 0;
  if (n >= 1024 * 1024) return t('document.sizeMb', { n: number(n / (1024 * 1024), 1) });
  if (n >= 1024) return t('document.sizeKb', { n: number(n / 1024, 0) });
  return t('document.sizeBytes', { n: number(n) });
}
