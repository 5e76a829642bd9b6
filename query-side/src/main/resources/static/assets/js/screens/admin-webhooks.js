// Webhooks (admins only): the partner endpoints Axle posts business events to. The list shows each one's URL, events,
// customer and how its deliveries went; the form registers one with a secret typed or generated here, shown once in a
// dialog. A webhook's page shows its settings and its delivery log, read again every few seconds so that retries show
// as they happen, with a Retry button on dead deliveries.
import { request } from '../api.js';
import { badge, clearFieldProblems, fill, formatNumber, h, problemBox, shortId, showFieldProblems, t, timeEl, until } from '../ui.js';
import { customerNames } from './customers.js';
import { adminPage, adminTable, askFirst, isAdmin, notAllowed, secretDialog } from './admin.js';

/** The events a webhook may ask for, as the API names them (docs/api.md, Webhooks). */
const WEBHOOK_EVENTS = ['order.confirmed', 'order.rejected', 'order.shipped', 'invoice.issued', 'invoice.paid', 'run.completed'];

/** How often a webhook's page reads its delivery log again. */
const POLL_MS = 2000;

const path = (webhookId) => `/api/v1/webhooks/${encodeURIComponent(webhookId)}`;

/** A secret of 32 random bytes, base64url: what a partner's receiver keys its HMAC check with. */
function generateSecret() {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/** The event names, as the API and the receivers know them. */
function eventList(events) {
  return h('span', { class: 'mono small' }, (events || []).join(', '));
}

function customerOf(webhook, names) {
  if (!webhook.customerId) return t('webhooks.everyCustomer');
  return names.get(webhook.customerId) || webhook.customerId;
}

function failedAttempt(attempt) {
  return attempt.status == null || attempt.status < 200 || attempt.status >= 300;
}

/** The receiver's answer to an attempt: its HTTP status, else what went wrong. */
function answer(attempt) {
  if (!attempt) return '—';
  return attempt.status != null ? t('webhooks.httpStatus', { status: attempt.status }) : (attempt.error || t('webhooks.noAnswer'));
}

/** How the latest delivery went, and the failures in the log, for one row of the list. */
function deliverySummary(log) {
  if (log == null) return { last: '—', failures: '—' };
  if (!log.length) return { last: h('span', { class: 'muted' }, t('webhooks.noDeliveries')), failures: formatNumber(0, 0) };
  const latest = log[0];
  const lastAttempt = latest.attempts?.[latest.attempts.length - 1];
  const failed = log.reduce((n, d) => n + (d.attempts || []).filter(failedAttempt).length, 0);
  const dead = log.filter(d => d.status === 'DEAD').length;
  return {
    last: h('span', {}, badge(latest.status, { testid: 'webhook-last-status' }), ' ',
      timeEl(lastAttempt ? lastAttempt.at : latest.occurredAt)),
    failures: h('span', { 'data-failed': String(failed), 'data-dead': String(dead) },
      t('webhooks.failedAttempts', { count: failed }), dead ? [' · ', t('webhooks.deadCount', { count: dead })] : null),
  };
}

export async function renderAdminWebhooks(root) {
  if (!isAdmin()) { notAllowed(root); return; }
  const body = h('tbody', { testid: 'webhooks-body' });
  const listSlot = h('div', { 'aria-live': 'polite' });
  const formSlot = h('div');
  const dialogSlot = h('div');
  let names = new Map();

  const url = h('input', { name: 'url', type: 'url', testid: 'webhook-url', autocomplete: 'off', required: true, maxlength: 2000,
    placeholder: 'https://erp.example.com/axle' });
  const customer = h('select', { name: 'customerId', testid: 'webhook-customer' }, h('option', { value: '' }, t('webhooks.everyCustomer')));
  const events = h('fieldset', { class: 'checks', testid: 'webhook-events' },
    h('legend', {}, t('webhooks.events')),
    WEBHOOK_EVENTS.map(name => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'event', value: name, testid: `webhook-event-${name.replace('.', '-')}` }),
      ' ', h('span', { class: 'mono' }, name))));
  const secret = h('input', { name: 'secret', type: 'password', testid: 'webhook-secret', autocomplete: 'new-password',
    required: true, minlength: 16, maxlength: 200 });
  const generate = h('button', { class: 'btn btn-small', type: 'button', testid: 'webhook-secret-generate', onclick: () => {
    secret.value = generateSecret();
    secret.dispatchEvent(new Event('input', { bubbles: true }));
  } }, t('webhooks.generate'));
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'webhook-submit' }, t('webhooks.create'));
  const locate = (field) => (field === 'events' || String(field).startsWith('events[') ? events : null);

  const form = h('form', { testid: 'webhook-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    submit.disabled = true;
    formSlot.replaceChildren();
    clearFieldProblems(form);
    const wanted = { url: url.value.trim(), secret: secret.value,
      events: [...events.querySelectorAll('input[name=event]:checked')].map(input => input.value) };
    if (customer.value) wanted.customerId = customer.value;
    try {
      const created = await request('POST', '/api/v1/webhooks', { body: wanted });
      form.reset();
      secretDialog(dialogSlot, { prefix: 'webhook-created', title: t('webhooks.secretTitle', { url: wanted.url }), secret: wanted.secret,
        warning: t('webhooks.secretOnce') });
      // the list is a read model: wait until it holds the new webhook before reading it again
      await until(() => request('GET', path(created.webhookId)).then(Boolean), { timeoutMs: 15000 });
      await load();
    } catch (err) {
      if (!showFieldProblems(form, err, locate)) formSlot.replaceChildren(problemBox(err, 'webhook-problem'));
    } finally {
      submit.disabled = false;
    }
  } },
  h('div', { class: 'form-grid' },
    h('label', {}, t('webhooks.url'), url),
    h('label', {}, t('webhooks.customer'), customer)),
  events,
  // the hint is not tied to the input by aria-describedby: editing a refused field removes what that points at
  h('div', { class: 'form-grid' }, h('label', {}, t('webhooks.secret'), secret)),
  h('p', { class: 'muted small' }, t('webhooks.secretHint')),
  h('div', { class: 'form-actions' }, generate, submit));

  const columns = [t('webhooks.url'), t('webhooks.events'), t('webhooks.customer'), t('webhooks.lastDelivery'), t('webhooks.failures')];
  root.append(adminPage('screen-admin-webhooks', {
    title: t('webhooks.title'), sub: t('webhooks.sub'), newTitle: t('webhooks.new'), formSlot, form,
    slots: [dialogSlot, listSlot], tableTestid: 'webhooks-table', body, columns,
  }));

  function row(webhook, log) {
    const actions = h('td', { class: 'actions' });
    askFirst(actions, { label: t('webhooks.remove'), testid: 'webhook-remove',
      question: t('webhooks.removeQuestion', { url: webhook.url }), act: () => remove(webhook, actions) });
    const summary = deliverySummary(log);
    return h('tr', { testid: 'webhook-row', 'data-webhook-id': webhook.webhookId, 'data-url': webhook.url },
      h('td', { 'data-label': columns[0] },
        h('a', { href: `#/admin/webhooks/${encodeURIComponent(webhook.webhookId)}`, class: 'mono', testid: 'webhook-link' }, webhook.url)),
      h('td', { 'data-label': columns[1], testid: 'webhook-events-shown' }, eventList(webhook.events)),
      h('td', { 'data-label': columns[2], testid: 'webhook-customer-shown' }, customerOf(webhook, names)),
      h('td', { 'data-label': columns[3], testid: 'webhook-last-delivery' }, summary.last),
      h('td', { 'data-label': columns[4], testid: 'webhook-failures' }, summary.failures),
      actions);
  }

  async function remove(webhook, cell) {
    try {
      await request('DELETE', path(webhook.webhookId));
      fill(listSlot, h('div', { class: 'notice', testid: 'webhook-removed' }, t('webhooks.removed', { url: webhook.url })));
      // the list is a read model: wait until it no longer holds the webhook before reading it again
      await until(() => request('GET', path(webhook.webhookId)).then(() => false, err => err.status === 404), { timeoutMs: 15000 });
      await load();
    } catch (err) {
      fill(cell, problemBox(err, 'webhook-remove-problem'));
    }
  }

  async function load() {
    try {
      const webhooks = (await request('GET', '/api/v1/webhooks')) || [];
      const logs = await Promise.all(webhooks.map(w => request('GET', `${path(w.webhookId)}/deliveries`).catch(() => null)));
      fill(body, webhooks.length ? webhooks.map((w, i) => row(w, logs[i]))
        : h('tr', {}, h('td', { colspan: columns.length + 1, class: 'empty' }, t('webhooks.none'))));
      body.dataset.loaded = 'true';
    } catch (err) {
      if (err.status === 403) { notAllowed(root); return; }
      fill(listSlot, problemBox(err, 'webhooks-problem'));
    }
  }

  try {
    names = await customerNames();
    for (const [id, customerName] of names) customer.append(h('option', { value: id }, customerName));
  } catch (err) {
    formSlot.replaceChildren(problemBox(err, 'webhook-customers-problem'));
  }
  await load();
}

export async function renderAdminWebhook(root, { args }) {
  if (!isAdmin()) { notAllowed(root); return; }
  const webhookId = args[0];
  const settings = h('div', { testid: 'webhook-settings' }, h('p', { class: 'muted' }, t('webhooks.loading')));
  const notices = h('div', { 'aria-live': 'polite' });
  const body = h('tbody', { testid: 'deliveries-body' });
  const columns = [t('webhooks.event'), t('webhooks.delivery'), t('webhooks.time'), t('webhooks.attempts'),
    t('webhooks.lastAnswer'), t('webhooks.nextRetry'), t('field.status')];
  const title = t('webhooks.logTitle');
  root.append(h('section', { testid: 'screen-admin-webhook', 'data-webhook-id': webhookId },
    h('div', { class: 'page-head' }, h('div', {},
      h('div', { class: 'sub' }, h('a', { href: '#/admin/webhooks', testid: 'back-to-webhooks' }, t('webhooks.back'))),
      h('h1', {}, t('webhooks.heading')))),
    h('div', { class: 'card' }, settings),
    notices,
    adminTable('deliveries-table', title, columns, body,
      h('div', { class: 'card-pad-top' }, h('h2', {}, title), h('p', { class: 'muted small' }, t('webhooks.logSub'))))));

  const rows = new Map();
  let timer = null;
  let stopped = false;

  function showSettings(webhook, names) {
    fill(settings, h('dl', { class: 'kv' },
      h('dt', {}, t('webhooks.url')), h('dd', { class: 'mono', testid: 'webhook-url-shown' }, webhook.url),
      h('dt', {}, t('webhooks.events')), h('dd', { testid: 'webhook-events-shown' }, eventList(webhook.events)),
      h('dt', {}, t('webhooks.customer')), h('dd', { testid: 'webhook-customer-shown' }, customerOf(webhook, names)),
      h('dt', {}, t('webhooks.registeredBy')), h('dd', {}, webhook.registeredBy || '—'),
      h('dt', {}, t('webhooks.registeredAt')), h('dd', {}, timeEl(webhook.registeredAt)),
      h('dt', {}, t('webhooks.id')), h('dd', {}, h('code', { testid: 'webhook-id' }, webhook.webhookId))));
  }

  function row(d) {
    const attempts = d.attempts || [];
    const last = attempts[attempts.length - 1];
    const actions = h('td', { class: 'actions' }, d.status === 'DEAD'
      ? h('button', { class: 'btn btn-small', type: 'button', testid: 'delivery-retry', onclick: (e) => retry(d, e.currentTarget) },
        t('webhooks.retry'))
      : null);
    return h('tr', { testid: 'delivery-row', 'data-delivery-id': d.deliveryId, 'data-status': d.status, 'data-attempts': String(attempts.length) },
      h('td', { 'data-label': columns[0], class: 'mono' }, d.event),
      h('td', { 'data-label': columns[1] }, h('code', { title: d.deliveryId, testid: 'delivery-id', 'data-id': d.deliveryId }, shortId(d.deliveryId))),
      h('td', { 'data-label': columns[2] }, timeEl(d.occurredAt)),
      h('td', { 'data-label': columns[3] },
        attempts.length
          ? h('details', { testid: 'delivery-attempts' },
            h('summary', {}, t('webhooks.attemptCount', { count: attempts.length })),
            h('ol', { class: 'small' }, attempts.map(a => h('li', { testid: 'delivery-attempt', 'data-status': a.status == null ? '' : String(a.status) },
              timeEl(a.at), ' · ', answer(a)))))
          : formatNumber(0, 0)),
      h('td', { 'data-label': columns[4], testid: 'delivery-last-answer' }, answer(last)),
      h('td', { 'data-label': columns[5], testid: 'delivery-next' }, d.nextAttemptAt ? timeEl(d.nextAttemptAt) : '—'),
      h('td', { 'data-label': columns[6] }, badge(d.status, { testid: 'delivery-status' })),
      actions);
  }

  /** Puts each delivery's row in place, drawing again only the rows whose delivery changed, newest first. */
  function show(log) {
    const seen = new Set();
    const ordered = log.map(d => {
      const key = JSON.stringify([d.status, d.nextAttemptAt, d.tries, (d.attempts || []).length]);
      const kept = rows.get(d.deliveryId);
      seen.add(d.deliveryId);
      if (kept && kept.key === key) return kept.tr;
      const tr = row(d);
      if (kept) kept.tr.replaceWith(tr);
      rows.set(d.deliveryId, { key, tr });
      return tr;
    });
    for (const id of [...rows.keys()]) if (!seen.has(id)) { rows.get(id).tr.remove(); rows.delete(id); }
    const inPlace = ordered.length === body.children.length && ordered.every((tr, i) => body.children[i] === tr);
    if (!inPlace) {
      fill(body, ordered.length ? ordered
        : h('tr', {}, h('td', { colspan: columns.length + 1, class: 'empty' }, t('webhooks.noDeliveries'))));
    }
    body.dataset.loaded = 'true';
  }

  async function retry(d, button) {
    button.disabled = true;
    try {
      await request('POST', `${path(webhookId)}/deliveries/${encodeURIComponent(d.deliveryId)}/retry`);
      fill(notices, h('div', { class: 'notice', testid: 'delivery-retried' }, t('webhooks.retried', { id: shortId(d.deliveryId) })));
      await loadLog();
    } catch (err) {
      fill(notices, problemBox(err, 'delivery-retry-problem'));
      button.disabled = false;
    }
  }

  async function loadLog() {
    try {
      show((await request('GET', `${path(webhookId)}/deliveries`)) || []);
    } catch (err) {
      if (err.status === 403) { stopped = true; notAllowed(root); return; }
      if (err.status === 404) stopped = true;
      fill(notices, problemBox(err, 'deliveries-problem'));
    }
  }

  async function poll() {
    await loadLog();
    if (!stopped) timer = setTimeout(poll, POLL_MS);
  }

  try {
    const [webhook, names] = await Promise.all([request('GET', path(webhookId)), customerNames().catch(() => new Map())]);
    showSettings(webhook, names);
  } catch (err) {
    if (err.status === 403) { notAllowed(root); return; }
    fill(settings, problemBox(err, 'webhook-load-problem'));
    return;
  }
  await poll();
  return () => { stopped = true; clearTimeout(timer); };
}
