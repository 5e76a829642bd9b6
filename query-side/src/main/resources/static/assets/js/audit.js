// An aggregate's history as people read it: each event with a plain name, who caused it and when, a table of the
// values it recorded (or, for an edit, of the fields it changed), and its raw JSON one click away.
import { api } from './api.js';
import { has, t } from './i18n.js';
import { fill, formatTime, h, problemBox, shortId } from './ui.js';

/** The roles that may read an aggregate's history (the audit API refuses the others). */
export const AUDIT_READERS = ['ADMIN', 'OPERATOR', 'ANALYST'];

/** 'CustomerDetailsChangedEvent' → the message 'event.CustomerDetailsChangedEvent', else 'Customer details changed'. */
export function eventName(type) {
  const simple = String(type || '').split('.').pop();
  const key = `event.${simple}`;
  if (has(key)) return t(key);
  const words = simple.replace(/Event$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Payload members holding a whole issued document: the table names it by its number, the raw JSON has the rest. */
const DOCUMENTS = ['document', 'invoice'];

/** A value as a cell shows it: texts as they are, objects as 'key: value' pairs, lists of them split by ';'. */
function shown(value) {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map(shown).join(value.some(v => v && typeof v === 'object') ? '; ' : ', ');
  if (typeof value === 'object') {
    return Object.entries(value).filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => `${k}: ${shown(v)}`).join(', ');
  }
  return String(value);
}

/** The rows an event's table shows: the changed fields of an edit, else every value but the aggregate's own id. */
function rows(payload, idField) {
  const p = payload || {};
  if (Array.isArray(p.changed)) return p.changed.map(f => [f, p[f]]);
  return Object.entries(p).filter(([k]) => k !== idField && k !== 'changed')
    .map(([k, v]) => (DOCUMENTS.includes(k) && v && typeof v === 'object' ? [k, v.number] : [k, v]));
}

function entry(e, idField) {
  const md = e.metadata || {};
  const simple = String(e.type || '').split('.').pop();
  const values = rows(e.payload, idField);
  return h('li', { testid: 'audit-entry', 'data-type': simple, 'data-sequence': e.sequenceNumber },
    h('div', { class: 'head' },
      h('span', { class: 'type', title: simple, testid: 'audit-type' }, eventName(simple)),
      h('span', { class: 'meta' }, formatTime(e.timestamp))),
    h('div', { class: 'meta' }, t('audit.by'), ' ', h('strong', { testid: 'audit-user' }, md.user || t('audit.system')),
      md.correlationId ? [' · ', t('audit.correlation'), ' ', h('code', { testid: 'audit-correlation', title: md.correlationId }, shortId(md.correlationId))] : null),
    values.length ? h('div', { class: 'table-scroll' }, h('table', { class: 'changes', testid: 'audit-changes' },
      h('caption', { class: 'visually-hidden' }, eventName(simple)),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('audit.field')), h('th', { scope: 'col' }, t('audit.value')))),
      h('tbody', {}, values.map(([field, value]) => h('tr', { 'data-field': field },
        h('td', {}, has(`field.${field}`) ? t(`field.${field}`) : field), h('td', { testid: 'audit-value' }, shown(value))))))) : null,
    h('details', { testid: 'audit-payload' },
      h('summary', {}, t('audit.raw')),
      h('pre', {}, JSON.stringify(e.payload, null, 2)),
      h('pre', {}, JSON.stringify(md, null, 2))));
}

/**
 * A list showing the history of aggregate {@code type} {@code id}, newest first, and a function that reads it again.
 * {@code idField} names the payload member that repeats the id (left out of the tables).
 */
export function auditTrail(type, id, idField, testid = 'audit-trail') {
  const list = h('ul', { class: 'audit', testid }, h('li', { class: 'muted' }, t('audit.loading')));
  const slot = h('div');
  async function load() {
    try {
      const events = await api.get(`/api/v1/audit/${encodeURIComponent(type)}/${encodeURIComponent(id)}`);
      slot.replaceChildren();
      const newestFirst = (events || []).slice().reverse();
      fill(list, newestFirst.length ? newestFirst.map(e => entry(e, idField)) : h('li', { class: 'muted' }, t('audit.none')));
    } catch (err) {
      if (err.status === 404) fill(list, h('li', { class: 'muted' }, t('audit.none')));
      else { slot.replaceChildren(problemBox(err, `${testid}-problem`)); list.replaceChildren(); }
    }
  }
  return { element: h('div', {}, slot, list), load };
}
