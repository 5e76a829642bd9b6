// Small DOM helpers shared by the screens; text always goes in as text, never as HTML.

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
  return status ? status.charAt(0) + status.slice(1).toLowerCase().replace(/_/g, ' ') : '—';
}

export function badge(status, attrs = {}) {
  return h('span', { class: `badge s-${status} ${attrs.class || ''}`, testid: attrs.testid, 'data-status': status, title: status },
    statusLabel(status));
}

/** Accepts ISO strings, epoch seconds (with fraction) or epoch milliseconds. */
export function toDate(value) {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return new Date(value < 1e11 ? value * 1000 : value);
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function formatTime(value) {
  const d = toDate(value);
  return d ? dateTime.format(d) : '—';
}

const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** An instant shown as its local date, the full time in the tooltip. */
export function dateEl(value, attrs = {}) {
  const d = toDate(value);
  return h('time', { datetime: d ? d.toISOString() : undefined, title: d ? dateTime.format(d) : undefined, ...attrs }, d ? dateOnly.format(d) : '—');
}

export function timeEl(value) {
  const d = toDate(value);
  return h('time', { datetime: d ? d.toISOString() : undefined }, d ? dateTime.format(d) : '—');
}

const calendarDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** A calendar date such as a due date ('2026-04-01'), shown as that same day whatever the browser's time zone. */
export function formatDay(value) {
  if (!value) return '—';
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(d.getTime()) ? String(value) : calendarDay.format(d);
}

export function dayEl(value, attrs = {}) {
  return h('time', { datetime: value || undefined, ...attrs }, formatDay(value));
}

export function formatMoney(amount, currency) {
  if (amount === null || amount === undefined || amount === '') return '—';
  const n = Number(amount);
  if (!currency || !/^[A-Z]{3}$/.test(currency)) return n.toFixed(2);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(n);
  } catch {
    return `${n.toFixed(2)} ${currency}`;
  }
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
  return Number(value).toFixed(digits);
}

export function shortId(id) {
  return id && id.length > 13 ? `${id.slice(0, 8)}…` : (id || '');
}

/** Renders an RFC 7807 problem (or any error) with its title, detail, field, rule and field errors. */
export function problemBox(error, testid = 'problem') {
  const p = error && error.problem ? error.problem : { title: 'Something went wrong', detail: error && error.message };
  const errors = Array.isArray(p.errors) ? p.errors : [];
  return h('div', { class: 'problem', role: 'alert', testid },
    h('div', { class: 'title', testid: `${testid}-title` }, p.title || 'Request refused', p.status ? ` (${p.status})` : ''),
    p.detail ? h('div', { testid: `${testid}-detail` }, p.detail) : null,
    p.field || p.rule ? h('div', { class: 'meta' },
      p.field ? ['Field ', h('code', { testid: `${testid}-field` }, p.field)] : null,
      p.field && p.rule ? ' · ' : null,
      p.rule ? ['rule ', h('code', { testid: `${testid}-rule` }, p.rule)] : null) : null,
    errors.length > 1 ? h('ul', {}, errors.map(e => h('li', {}, h('code', {}, e.field || ''), ' ', e.message || e.rule || ''))) : null);
}

/** Marks the inputs named by a problem's field and errors as invalid; clears earlier marks. */
export function markInvalid(form, error) {
  form.querySelectorAll('.invalid').forEach(el => el.classList.remove('invalid'));
  const p = error && error.problem;
  if (!p) return;
  const fields = new Set([p.field, ...(Array.isArray(p.errors) ? p.errors.map(e => e.field) : [])].filter(Boolean));
  let first = null;
  for (const f of fields) {
    const el = form.querySelector(`[name="${CSS.escape(f)}"]`);
    if (el) {
      el.classList.add('invalid');
      el.setAttribute('aria-invalid', 'true');
      first = first || el;
    }
  }
  if (first) first.focus();
}

/**
 * Shows a problem next to the inputs it names: each named field (the problem's field and its errors) gets the
 * 'invalid' mark and, right after it, an element with data-testid '<input testid>-error' holding the message.
 * locate(field) may find inputs for names that are not input names (e.g. 'lines[0].quantity'); otherwise the
 * input is looked up by name. Answers true when every named field was found; when none is named or one is
 * missing, the caller should show the whole problem (problemBox) as well.
 */
export function showFieldProblems(form, error, locate = () => null) {
  clearFieldProblems(form);
  const p = error && error.problem;
  if (!p) return false;
  const named = Array.isArray(p.errors) && p.errors.length
    ? p.errors.map(e => ({ field: e.field, message: e.message || e.rule }))
    : [{ field: p.field, message: p.detail || p.title }];
  let allFound = named.every(n => n.field);
  let first = null;
  for (const { field, message } of named) {
    if (!field) continue;
    const el = locate(field) || form.querySelector(`[name="${CSS.escape(field)}"]`);
    if (!el) { allFound = false; continue; }
    el.classList.add('invalid');
    el.setAttribute('aria-invalid', 'true');
    const testid = el.dataset.testid ? `${el.dataset.testid}-error` : 'field-error';
    el.insertAdjacentElement('afterend', h('div', { class: 'field-error', role: 'alert', testid, 'data-field': field }, message));
    first = first || el;
  }
  if (first) first.focus();
  return allFound;
}

export function clearFieldProblems(form) {
  form.querySelectorAll('.field-error').forEach(el => el.remove());
  form.querySelectorAll('.invalid').forEach(el => { el.classList.remove('invalid'); el.removeAttribute('aria-invalid'); });
}

/** A small status dot that tells whether a live stream is connected. */
export function liveIndicator(testid) {
  const el = h('span', { class: 'live', testid }, 'Connecting…');
  return {
    el,
    set(state) {
      el.className = `live ${state}`;
      el.dataset.state = state;
      el.textContent = state === 'on' ? 'Live' : 'Reconnecting…';
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
    h('span', { testid: `${testid}-info` }, total === 0 ? 'No results' : `Page ${page + 1} of ${pages} · ${total} in all`),
    h('button', { class: 'btn btn-small', type: 'button', testid: `${testid}-prev`, disabled: page <= 0, onclick: () => go(page - 1) }, '← Previous'),
    h('button', { class: 'btn btn-small', type: 'button', testid: `${testid}-next`, disabled: page + 1 >= pages, onclick: () => go(page + 1) }, 'Next →'));
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
