// Small DOM helpers shared by the screens; text always goes in as text, never as HTML.
import { NetworkError } from './api.js';
import { dateFormat, has, money, number, t } from './i18n.js';

export { t };

/** Creates an element: h('a', {href: '#/x', dataset: {testid: 'y'}}, 'text', child). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'testid') el.setAttribute('data-testid', v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else if (k === 'style') el.style.cssText = v; // through the CSSOM: the Content-Security-Policy refuses style attributes
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces the children of el. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export const STATUSES = ['PLACED', 'STOCK_RESERVED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'REJECTED', 'CANCELLED'];

/** Statuses of an invoice: requested, then rejected or issued, then paid, overdue or credited. */
export const INVOICE_STATUSES = ['REQUESTED', 'REJECTED', 'ISSUED', 'PARTIALLY_PAID', 'PAID', 'OVERDUE', 'CREDITED'];

/** Statuses of a simulation run, in the order a run can reach them. */
export const RUN_STATUSES = ['RUNNING', 'COMPLETED', 'INTERRUPTED', 'FAILED'];

export function statusLabel(status) {
  if (!status) return '—';
  const key = `status.${status}`;
  return has(key) ? t(key) : status.charAt(0) + status.slice(1).toLowerCase().replace(/_/g, ' ');
}

export function badge(status, attrs = {}) {
  return h('span', { class: `badge s-${status} ${attrs.class || ''}`, testid: attrs.testid, 'data-status': status },
    statusLabel(status));
}

/** Accepts ISO strings, epoch seconds (with fraction) or epoch milliseconds. */
export function toDate(value) {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return new Date(value < 1e11 ? value * 1000 : value);
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

const dateTime = () => dateFormat({ dateStyle: 'medium', timeStyle: 'medium' });
const dateOnly = () => dateFormat({ dateStyle: 'medium' });
const calendarDay = () => dateFormat({ dateStyle: 'medium', timeZone: 'UTC' });

export function formatTime(value) {
  const d = toDate(value);
  return d ? dateTime().format(d) : '—';
}

/** An instant shown as its local date, the full time in the tooltip. */
export function dateEl(value, attrs = {}) {
  const d = toDate(value);
  return h('time', { datetime: d ? d.toISOString() : undefined, title: d ? dateTime().format(d) : undefined, ...attrs }, d ? dateOnly().format(d) : '—');
}

export function timeEl(value) {
  const d = toDate(value);
  return h('time', { datetime: d ? d.toISOString() : undefined }, d ? dateTime().format(d) : '—');
}

/** A calendar date such as a due date ('2026-04-01'), shown as that same day whatever the browser's time zone. */
export function formatDay(value) {
  if (!value) return '—';
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(d.getTime()) ? String(value) : calendarDay().format(d);
}

export function dayEl(value, attrs = {}) {
  return h('time', { datetime: value || undefined, ...attrs }, formatDay(value));
}

/** An amount in the currency the data gives, formatted for the current language. */
export function formatMoney(amount, currency) {
  return money(amount, currency);
}

/** A number of seconds as '45 s', '2 min', '1 min 30 s' or '2 h 5 min'. */
export function formatSeconds(seconds) {
  if (seconds === null || seconds === undefined || seconds === '' || Number.isNaN(Number(seconds))) return '—';
  const total = Math.max(0, Math.round(Number(seconds)));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  if (hours) return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes) return secs ? `${minutes} min ${secs} s` : `${minutes} min`;
  return `${secs} s`;
}

/** A countdown as m:ss (or h:mm:ss) from milliseconds. */
export function formatCountdown(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const mm = String(Math.floor((total % 3600) / 60));
  const ss = String(total % 60).padStart(2, '0');
  return hours ? `${hours}:${mm.padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/** A measured value with a fixed number of decimals, or '—' when there is none. */
export function formatNumber(value, digits = 1) {
  if (value === null || value === undefined || value === '' || Number.isNaN(Number(value))) return '—';
  return number(value, digits);
}

export function shortId(id) {
  return id && id.length > 13 ? `${id.slice(0, 8)}…` : (id || '');
}

/** The field errors a problem carries: its errors (or violations) list, else its own field and rule. */
export function problemErrors(p) {
  const list = Array.isArray(p.errors) && p.errors.length ? p.errors : Array.isArray(p.violations) ? p.violations : [];
  if (list.length) return list.map(e => ({ field: e.field, rule: e.rule, message: e.message }));
  return p.field || p.rule ? [{ field: p.field, rule: p.rule, message: p.detail }] : [];
}

/**
 * A plain message, in the current language, for a refusal of field by rule; the server's own message (or detail)
 * when the rule has none. Messages are looked up as 'rule.<field's last part>.<rule>' first, then 'rule.<rule>'.
 */
export function ruleMessage(field, rule, fallback) {
  const leaf = field ? String(field).replace(/\[\d+\]/g, '').split('.').pop() : '';
  if (rule && leaf && has(`rule.${leaf}.${rule}`)) return t(`rule.${leaf}.${rule}`);
  if (rule && has(`rule.${rule}`)) return t(`rule.${rule}`);
  return fallback || t('problem.invalid');
}

/** A title in plain words for a problem: by its rule, else by its kind (status), never the status code itself. */
function problemTitle(p) {
  if (p.rule && has(`title.${p.rule}`)) return t(`title.${p.rule}`);
  const s = Number(p.status) || 0;
  if (s === 400 || s === 422) return t('problem.title.invalid');
  if (s === 401) return t('problem.title.unauthorized');
  if (s === 403) return t('problem.title.forbidden');
  if (s === 404) return t('problem.title.notFound');
  if (s === 409) return t('problem.title.conflict');
  if (s === 429) return t('problem.title.tooMany');
  if (s >= 500) return t('problem.title.server');
  return p.title || t('problem.title.refused');
}

/** Renders an RFC 7807 problem (or any error) as a title and plain messages, with the field and rule as data. */
export function problemBox(error, testid = 'problem') {
  const p = error && error.problem ? error.problem : { detail: error && error.message, network: error instanceof NetworkError };
  const errors = onePerField(problemErrors(p));
  const detail = p.network ? t('problem.network')
    : errors.length === 1 ? ruleMessage(errors[0].field, errors[0].rule, p.detail)
      : errors.length > 1 ? null : p.detail;
  return h('div', { class: 'problem', role: 'alert', testid, 'data-status': p.status, 'data-rule': p.rule, 'data-field': p.field },
    h('div', { class: 'title', testid: `${testid}-title` }, p.network ? t('problem.title.network') : problemTitle(p)),
    detail ? h('div', { testid: `${testid}-detail` }, detail) : null,
    p.correlationId && Number(p.status) >= 500 ? h('div', { class: 'meta' }, t('problem.correlation'), ' ', h('code', {}, p.correlationId)) : null,
    errors.length > 1 ? h('ul', { testid: `${testid}-errors` }, errors.map(e => h('li', { 'data-field': e.field, 'data-rule': e.rule },
      t('punct.labelled', { label: fieldName(e.field) }), ruleMessage(e.field, e.rule, e.message)))) : null);
}

/** A field path as words: 'lines[0].quantity' becomes 'Line 1, quantity'. */
function fieldName(field) {
  if (!field) return '';
  return String(field).split('.').map(part => {
    const m = /^(\w+)\[(\d+)\]$/.exec(part);
    if (m) return t('field.item', { name: has(`field.${m[1]}.one`) ? t(`field.${m[1]}.one`) : m[1], n: Number(m[2]) + 1 });
    return has(`field.${part}`) ? t(`field.${part}`) : part;
  }).join(', ');
}

/** Marks the inputs named by a problem's field and errors as invalid with their messages; clears earlier marks. */
export function markInvalid(form, error) {
  if (!error) { clearFieldProblems(form); return false; }
  return showFieldProblems(form, error);
}

let errorIds = 0;

/**
 * Shows a problem under the inputs it names: each named field (the problem's field and its errors) gets
 * aria-invalid and, right after it, a message in plain words (data-testid '<input testid>-error', tied to the input
 * by aria-describedby). locate(field) may find inputs for names that are not input names (e.g. 'lines[0].quantity');
 * otherwise the input is looked up by name. Answers true when every named field was found; when none is named or one
 * is missing, the caller should show the whole problem (problemBox) as well.
 */
export function showFieldProblems(form, error, locate = () => null) {
  clearFieldProblems(form);
  const p = error && error.problem;
  if (!p) return false;
  const named = onePerField(problemErrors(p));
  let allFound = named.length > 0 && named.every(n => n.field);
  let first = null;
  for (const { field, rule, message } of named) {
    if (!field) continue;
    const el = locate(field) || form.querySelector(`[name="${CSS.escape(field)}"]`);
    if (!el) { allFound = false; continue; }
    el.classList.add('invalid');
    el.setAttribute('aria-invalid', 'true');
    const testid = el.dataset.testid ? `${el.dataset.testid}-error` : 'field-error';
    const id = `field-error-${++errorIds}`;
    const shown = h('div', { class: 'field-error', id, testid, 'data-field': field, 'data-rule': rule }, ruleMessage(field, rule, message));
    el.setAttribute('aria-describedby', [el.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
    el.insertAdjacentElement('afterend', shown);
    first = first || el;
  }
  if (first && typeof first.focus === 'function') first.focus();
  return allFound;
}

export function clearFieldProblems(form) {
  form.querySelectorAll('.field-error').forEach(el => el.remove());
  form.querySelectorAll('[aria-invalid]').forEach(el => {
    el.classList.remove('invalid');
    el.removeAttribute('aria-invalid');
    el.removeAttribute('aria-describedby');
  });
}

const MISSING_RULES = ['required', 'not-blank', 'not-null', 'not-empty'];

/** One error per field (an empty field breaks several rules: saying it is missing is enough). */
function onePerField(errors) {
  const byField = new Map();
  for (const e of errors) {
    const kept = byField.get(e.field);
    if (!kept || (MISSING_RULES.includes(e.rule) && !MISSING_RULES.includes(kept.rule))) byField.set(e.field, e);
  }
  return [...byField.values()];
}

/** Removes the mark and message of one input (when the user edits it). */
export function clearFieldProblem(input) {
  if (!input || !input.getAttribute || input.getAttribute('aria-invalid') !== 'true') return;
  for (const id of (input.getAttribute('aria-describedby') || '').split(' ')) {
    if (id) document.getElementById(id)?.remove();
  }
  input.classList.remove('invalid');
  input.removeAttribute('aria-invalid');
  input.removeAttribute('aria-describedby');
}

/** A small status dot that tells whether a live stream is connected. */
export function liveIndicator(testid) {
  const el = h('span', { class: 'live', testid, role: 'status', 'data-state': 'connecting' }, t('live.connecting'));
  return {
    el,
    set(state) {
      el.className = `live ${state}`;
      el.dataset.state = state;
      el.textContent = state === 'on' ? t('live.on') : t('live.off');
    },
  };
}

export function field(label, input) {
  return h('label', {}, label, input);
}

/** Reads a form's named inputs into a flat object of trimmed strings. */
export function formValues(form) {
  const out = {};
  for (const el of form.elements) {
    if (el.name) out[el.name] = typeof el.value === 'string' ? el.value.trim() : el.value;
  }
  return out;
}

/** Calls fn until it answers true or the time runs out; used to wait for projections to catch up. */
export async function until(fn, { timeoutMs = 5000, intervalMs = 300 } = {}) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try { if (await fn()) return true; } catch { /* keep trying */ }
    if (Date.now() > end) return false;
    await new Promise(r => setTimeout(r, intervalMs));
  }
}

export function pager(page, size, total, go, testid = 'pager') {
  const pages = Math.max(1, Math.ceil(total / size));
  return h('div', { class: 'pager', testid },
    h('span', { testid: `${testid}-info` }, total === 0 ? t('pager.none') : t('pager.info', { page: page + 1, pages, total: number(total) })),
    h('button', { class: 'btn btn-small', type: 'button', testid: `${testid}-prev`, disabled: page <= 0, onclick: () => go(page - 1) }, t('pager.previous')),
    h('button', { class: 'btn btn-small', type: 'button', testid: `${testid}-next`, disabled: page + 1 >= pages, onclick: () => go(page + 1) }, t('pager.next')));
}

/**
 * Loads a document the read model may not hold yet (it was just created): a 404 is tried again once a second, up to
 * 30 times, while active() holds; found(doc) gets the document, problem(err) any other refusal, and missing() is
 * called when it never came and active() still holds.
 */
export async function loadWhenProjected(load, { active, found, problem, missing }) {
  for (let attempt = 0; active() && attempt < 30; attempt++) {
    try {
      const doc = await load();
      if (doc) found(doc);
      return;
    } catch (err) {
      if (err.status !== 404) { problem(err); return; }
      await new Promise(r => setTimeout(r, 1000));
    }
  }
  if (active()) missing();
}
