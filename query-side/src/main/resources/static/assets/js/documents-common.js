// What the document screens share: who may read and act, the types and statuses in words, confidences as percentages,
// the pipeline's progress of a document (a badge, and a bar while its pages are read) and the upload of one file.
import { api, session } from './api.js';
import { has, number } from './i18n.js';
import { badge, h, t } from './ui.js';

/** The roles that may read documents (the API refuses the others). */
export const DOCUMENT_READERS = ['ADMIN', 'OPERATOR', 'ANALYST'];

/** The roles that may upload documents and correct, confirm or reprocess them. */
export const DOCUMENT_EDITORS = ['ADMIN', 'OPERATOR'];

export const canEditDocuments = () => session.hasAnyRole(...DOCUMENT_EDITORS);

/** The document types the pipeline knows out of the box (more may be configured; those show by their name). */
export const DOCUMENT_TYPES = ['invoice', 'credit-note', 'receipt', 'quote', 'purchase-order', 'delivery-note', 'contract',
  'bank-statement', 'payslip', 'vehicle-registration', 'insurance-certificate', 'repair-order', 'inspection-report', 'letter'];

/** A document's statuses in the order the pipeline reaches them. */
export const DOCUMENT_STATUSES = ['UPLOADED', 'REPROCESSING', 'READING', 'UNDERSTANDING', 'READY', 'NEEDS_VALIDATION', 'FAILED'];

/** Statuses in which the pipeline is still at work on the document. */
export const WORKING = ['UPLOADED', 'REPROCESSING', 'READING', 'UNDERSTANDING'];

/** A type in words ('credit-note' → 'Credit note'); a configured type the catalogue lacks shows as it is named. */
export function typeLabel(type) {
  if (!type) return '—';
  if (type === 'unknown') return t('docType.unknown');
  return has(`docType.${type}`) ? t(`docType.${type}`) : type;
}

/** A field's name in words ('totalInclTax' → 'Total incl. tax'), else its name. */
export function fieldLabel(name) {
  return has(`docField.${name}`) ? t(`docField.${name}`) : name;
}

/** A confidence from 0 to 1 as a whole percentage ('87 %'), or '—'. */
export function confidenceText(value) {
  if (value === null || value === undefined || value === '' || Number.isNaN(Number(value))) return '—';
  return t('unit.percent', { n: number(Math.round(Number(value) * 100), 0) });
}

/** A select of the known types (and the current one, if configured beyond them). */
export function typeSelect(attrs, current, { any = false } = {}) {
  const types = current && current !== 'unknown' && !DOCUMENT_TYPES.includes(current) ? [...DOCUMENT_TYPES, current] : DOCUMENT_TYPES;
  return h('select', attrs,
    any ? h('option', { value: '' }, t('documents.allTypes')) : null,
    types.map(ty => h('option', { value: ty, selected: ty === current }, typeLabel(ty))));
}

/**
 * A document's place in the pipeline: its status badge, and while its pages are read a bar 'page n of m'
 * (role progressbar, aria-valuenow in percent). {@code d} is a document or an update {status, pagesRead, pages}.
 */
export function pipelineProgress(d, testid = 'document-progress') {
  const parts = [badge(d.status, { testid: `${testid}-status` })];
  const pages = Number(d.pages) || 0;
  if (d.status === 'READING' && pages > 0) {
    const read = Math.min(pages, Number(d.pagesRead) || 0);
    const percent = Math.round((read / pages) * 100);
    const fillBar = h('span', { class: 'run-progress-fill' });
    fillBar.style.width = `${percent}%`;
    parts.push(h('div', { class: 'run-progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100',
      'aria-valuenow': String(percent), 'aria-valuetext': t('documents.pageOf', { n: read, m: pages }),
      'aria-label': t('documents.reading'), testid: `${testid}-bar`, 'data-pages-read': read, 'data-pages': pages },
    h('span', { class: 'run-progress-track' }, fillBar),
    h('span', { class: 'run-progress-text', testid: `${testid}-pages`, 'aria-hidden': 'true' }, t('documents.pageOf', { n: read, m: pages }))));
  }
  return h('span', { class: 'doc-progress', testid, 'data-status': d.status }, parts);
}

/**
 * Uploads one file as multipart with XMLHttpRequest (fetch cannot report upload progress): onProgress(loaded, total)
 * as the bytes leave, then resolves with the API's answer {documentId, duplicate}, or rejects with {status, problem}.
 */
export function uploadFile(file, { tags = [], title } = {}, onProgress = () => {}) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('file', file, file.name);
    if (title) form.append('title', title);
    for (const tag of tags) form.append('tags', tag);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/documents');
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    const token = session.token;
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.addEventListener('progress', (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size));
    xhr.addEventListener('load', () => {
      let body = null;
      try { body = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch { body = { detail: xhr.responseText }; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body || {});
      else reject({ status: xhr.status, problem: { status: xhr.status, ...(body || {}) } });
    });
    xhr.addEventListener('error', () => reject({ status: 0, problem: { network: true } }));
    xhr.addEventListener('abort', () => reject({ status: 0, problem: { network: true } }));
    xhr.send(form);
  });
}

/** A refused upload in plain words: by the problem's rule, else by the kind of refusal (413, 415, 400). */
export function uploadRefusal(error) {
  const p = (error && error.problem) || {};
  if (p.network) return t('problem.network');
  if (p.rule && has(`rule.file.${p.rule}`)) return t(`rule.file.${p.rule}`);
  const status = Number(error && error.status);
  if (status === 413) return t('rule.file.max-size');
  if (status === 415) return t('rule.file.media-type');
  if (status === 400) return t('rule.file.not-empty');
  if (status === 403) return t('problem.title.forbidden');
  return p.detail || p.title || t('problem.title.refused');
}

const ALERTS_SEEN = 'axle.alertsSeen';

/**
 * The navigation's count of alerts raised since the documents page was last opened (kept in localStorage), among the
 * newest 50; hidden when there are none or the user may not read documents. {@code seen} marks them all as seen.
 */
export async function showNewAlerts({ seen = false } = {}) {
  const badge = document.getElementById('nav-alerts');
  if (!badge) return;
  if (seen) localStorage.setItem(ALERTS_SEEN, new Date().toISOString());
  if (seen || !session.token || !session.hasAnyRole(...DOCUMENT_READERS)) { badge.hidden = true; return; }
  try {
    const since = Date.parse(localStorage.getItem(ALERTS_SEEN) || '') || 0;
    const page = await api.get('/api/v1/documents/alerts?page=0&size=50');
    const fresh = (page.content || []).filter(a => Date.parse(a.raisedAt) > since).length;
    badge.hidden = fresh === 0;
    badge.replaceChildren(h('span', { 'aria-hidden': 'true' }, number(fresh)), h('span', { class: 'visually-hidden' }, t('documents.newAlerts', { count: fresh })));
  } catch {
    badge.hidden = true;
  }
}
