// Order detail: lines, total, status timeline, actions allowed by the status, its invoice, and the audit trail, all live;
// why it happened (the causation of its requests) and how it stood at any earlier instant.
import { api, query, session, subscribe, uuid } from '../api.js';
import { AUDIT_READERS, auditTrail } from '../audit.js';
import { badge, fill, formatMoney, h, liveIndicator, loadWhenProjected, problemBox, shortId, statusLabel, t, timeEl, until } from '../ui.js';
import { customerNames } from './customers.js';
import { INVOICE_READERS, canBill, numberText } from './invoices.js';
import { orderLabel } from './orders.js';
import { timeTravel, whyView } from '../why.js';

const CANCELLABLE = ['PLACED', 'STOCK_RESERVED', 'CONFIRMED'];
/** Orders that were confirmed, so they can be invoiced. */
const INVOICEABLE = ['CONFIRMED', 'SHIPPED', 'DELIVERED'];

export async function renderOrderDetail(root, { args }) {
  const [orderId] = args;
  const live = liveIndicator('order-live');
  const statusSlot = h('span', { testid: 'order-status-slot' });
  const orderName = h('span', { class: 'mono', testid: 'order-id', title: orderId }, shortId(orderId));
  const actions = h('div', { class: 'row', testid: 'order-actions' });
  const actionSlot = h('div');
  const summary = h('div', { class: 'card', testid: 'order-summary' }, h('p', { class: 'muted', testid: 'order-waiting' }, t('order.waiting')));
  const timeline = h('ol', { class: 'timeline', testid: 'status-timeline' });
  const history = session.hasAnyRole(...AUDIT_READERS) ? auditTrail('Order', orderId, 'orderId') : null;
  const why = history ? whyView('Order', orderId) : null;
  const travel = history ? timeTravel('Order', orderId, showAsOf) : null;
  /** The instant the screen shows the order as of, or null for now; the live order waits in {@code latest}. */
  let pastAt = null;
  let latest = null;
  const invoiceBox = h('div', { testid: 'order-invoice' }, h('p', { class: 'muted' }, t('order.lookingForInvoice')));
  const invoiceSlot = h('div');
  const readsInvoices = session.hasAnyRole(...INVOICE_READERS);
  let invoice = null;
  let invoiceLookedUp = false;
  let invoiceRequested = null;
  let order = null;
  let names = new Map();
  let closed = false;

  root.append(h('section', { testid: 'screen-order-detail', 'data-order-id': orderId },
    h('div', { class: 'page-head' },
      h('div', {},
        h('div', { class: 'sub' }, h('a', { href: '#/orders' }, t('order.back'))),
        h('h1', {}, t('order.heading'), ' ', orderName, ' ', statusSlot)),
      h('div', { class: 'row' }, live.el, actions)),
    actionSlot,
    h('div', { class: 'grid-2' },
      h('div', {},
        summary,
        history ? h('div', { class: 'card flush' },
          h('div', { class: 'card-head' }, h('h2', {}, t('order.audit')), h('p', { class: 'muted small' }, t('order.auditSub'))),
          h('div', { class: 'card-pad' }, history.element)) : null,
        why ? h('div', { class: 'card' }, h('h2', {}, t('why.heading')), why.element) : null),
      h('div', {},
        travel ? h('div', { class: 'card' }, h('h2', {}, t('why.travelHeading')), travel.element) : null,
        h('div', { class: 'card' }, h('h2', {}, t('col.status')), timeline),
        readsInvoices ? h('div', { class: 'card' }, h('h2', {}, t('order.invoice')), invoiceBox) : null))));

  /** Shows the order as it stood at {@code at}, or the live order again when {@code state} is null. */
  function showAsOf(state, at) {
    pastAt = state ? at : null;
    if (state || latest) render(state || latest);
  }

  /** A new live version: shown unless the screen is showing the past. */
  function arrived(o) {
    latest = o;
    if (!pastAt) render(o);
  }

  function render(o) {
    order = o;
    if (history && !pastAt && String(o.updatedAt) !== auditedVersion) refreshSoon();
    fill(orderName, orderLabel(o));
    fill(statusSlot, badge(o.status, { class: 'big', testid: 'order-status' }));
    const lines = o.lines || [];
    fill(summary,
      o.reason ? h('div', { class: 'problem', testid: 'order-reason' }, h('span', { class: 'title' }, t('punct.labelled', { label: statusLabel(o.status) })), o.reason) : null,
      // focusable, so that lines wider than a phone can be scrolled from the keyboard
      h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t('field.lines') }, h('table', { testid: 'order-lines' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('field.sku')), h('th', { scope: 'col', class: 'num' }, t('field.quantity')),
          h('th', { scope: 'col', class: 'num' }, t('field.unitPrice')), h('th', { scope: 'col', class: 'num' }, t('col.amount')))),
        h('tbody', {}, lines.map(l => h('tr', { testid: 'order-line-row', 'data-sku': l.sku },
          h('td', { class: 'mono' }, l.sku),
          h('td', { class: 'num' }, l.quantity),
          h('td', { class: 'num' }, formatMoney(l.unitPrice, o.currency)),
          h('td', { class: 'num' }, formatMoney(Number(l.unitPrice) * l.quantity, o.currency))))),
        h('tfoot', {}, h('tr', {}, h('td', { colspan: 3, class: 'num muted' }, t('col.total')),
          h('td', { class: 'num total', testid: 'order-total' }, formatMoney(o.total, o.currency)))))),
      h('dl', { class: 'kv spaced' },
        h('dt', {}, t('field.customer')), h('dd', { testid: 'order-customer-name', title: o.customerId },
          h('a', { href: `#/orders?customerId=${encodeURIComponent(o.customerId)}` }, names.get(o.customerId) || o.customerId)),
        h('dt', {}, t('order.shipTo')), h('dd', { testid: 'order-address' }, o.shippingAddressErased
          ? h('span', { class: 'muted', testid: 'order-address-erased' }, t('customer.erasedValue')) : address(o.shippingAddress)),
        h('dt', {}, t('col.placed')), h('dd', {}, timeEl(o.placedAt)),
        h('dt', {}, t('order.lastChange')), h('dd', {}, timeEl(o.updatedAt))));
    fill(timeline, (o.history || []).map(c => h('li', { testid: 'timeline-entry', 'data-status': c.status },
      badge(c.status), timeEl(c.at))));
    if (pastAt) actions.replaceChildren();
    else renderActions(o.status);
    renderInvoice();
  }

  // --- the order's invoice: found by order id, kept live from the invoice stream -------------------

  function renderInvoice() {
    if (!readsInvoices || !invoiceLookedUp) return;
    if (invoice) {
      fill(invoiceBox, h('div', { class: 'row center' },
        h('a', { href: `#/invoices/${encodeURIComponent(invoice.invoiceId)}`, class: invoice.number ? 'mono' : '', testid: 'order-invoice-link',
          'data-invoice-id': invoice.invoiceId }, invoice.number || numberText(invoice)),
        badge(invoice.status, { testid: 'order-invoice-status' })),
      invoice.totalInclTax !== null && invoice.totalInclTax !== undefined
        ? h('div', { class: 'muted spaced-small', testid: 'order-invoice-total' }, t('order.inclTax', { amount: formatMoney(invoice.totalInclTax, invoice.currency) })) : null);
      return;
    }
    const canGenerate = canBill() && order && INVOICEABLE.includes(order.status);
    fill(invoiceBox,
      invoiceRequested ? h('div', { class: 'notice', testid: 'invoice-requested' }, t('order.invoiceRequested'))
        : h('p', { class: 'muted', testid: 'order-not-invoiced' }, notInvoicedText(order && order.status)),
      canGenerate && !invoiceRequested ? h('button', { class: 'btn btn-primary', type: 'button', testid: 'generate-invoice', onclick: generateInvoice }, t('order.generateInvoice')) : null,
      invoiceSlot);
  }

  async function findInvoice() {
    try {
      const page = await api.get(`/api/v1/invoices${query({ orderId, size: 1 })}`);
      const found = (page.content || [])[0] || null;
      invoiceLookedUp = true;
      if (found && (!invoice || String(found.updatedAt) !== String(invoice.updatedAt))) invoice = found;
      renderInvoice();
      return !!invoice;
    } catch (err) {
      invoiceLookedUp = true;
      fill(invoiceBox, problemBox(err, 'order-invoice-problem'));
      return false;
    }
  }

  async function generateInvoice(e) {
    const button = e.currentTarget;
    button.disabled = true;
    invoiceSlot.replaceChildren();
    invoiceRequested = invoiceRequested || { key: uuid() };
    try {
      await api.post('/api/v1/billing/generate-invoice', { orderId }, { 'Idempotency-Key': invoiceRequested.key });
      renderInvoice();
      await until(findInvoice, { timeoutMs: 15000, intervalMs: 1000 });
    } catch (err) {
      invoiceRequested = null;
      renderInvoice();
      invoiceSlot.replaceChildren(problemBox(err, 'generate-invoice-problem'));
    }
  }

  function renderActions(status) {
    const operator = session.hasAnyRole('ADMIN', 'OPERATOR');
    const canCancel = session.hasAnyRole('ADMIN', 'OPERATOR', 'PARTNER');
    fill(actions,
      operator && status === 'CONFIRMED' ? h('button', { class: 'btn btn-primary', type: 'button', testid: 'ship-order', onclick: () => act('ship') }, t('order.ship')) : null,
      operator && status === 'SHIPPED' ? h('button', { class: 'btn btn-primary', type: 'button', testid: 'deliver-order', onclick: () => act('deliver') }, t('order.deliver')) : null,
      canCancel && CANCELLABLE.includes(status) ? h('button', { class: 'btn btn-danger', type: 'button', testid: 'cancel-order', onclick: askCancel }, t('order.cancel')) : null);
  }

  function askCancel() {
    const reason = h('input', { name: 'reason', testid: 'cancel-reason', placeholder: t('order.cancelWhy'), class: 'wide' });
    fill(actionSlot, h('form', { class: 'card row', testid: 'cancel-form', onsubmit: (e) => { e.preventDefault(); act('cancel', reason.value.trim() ? { reason: reason.value.trim() } : undefined); } },
      h('label', {}, t('order.cancelThis'), reason),
      h('button', { class: 'btn btn-danger', type: 'submit', testid: 'cancel-confirm' }, t('order.cancel')),
      h('button', { class: 'btn btn-quiet', type: 'button', onclick: () => actionSlot.replaceChildren() }, t('order.keep'))));
    reason.focus();
  }

  async function act(action, body) {
    actions.querySelectorAll('button').forEach(b => { b.disabled = true; });
    try {
      await api.post(`/api/v1/orders/${encodeURIComponent(orderId)}/${action}`, body, { 'Idempotency-Key': uuid() });
      fill(actionSlot, h('div', { class: 'notice', testid: 'action-done' },
        t(`order.done.${action}`)));
    } catch (err) {
      fill(actionSlot, problemBox(err, 'action-problem'));
      if (order) renderActions(order.status);
    }
  }

  /** The order version the audit trail was last read for; a newer order means newer events to show. */
  let auditedVersion = null;
  let auditTimer = null;
  function refreshSoon() {
    clearTimeout(auditTimer);
    auditTimer = setTimeout(() => { auditedVersion = order ? String(order.updatedAt) : null; history.load(); travel.load(); }, 400);
  }

  function loadOrder() {
    return loadWhenProjected(() => api.get(`/api/v1/orders/${encodeURIComponent(orderId)}`), {
      active: () => !closed && !order,
      found: (o) => { if (!order) arrived(o); },
      problem: (err) => fill(summary, problemBox(err, 'order-load-problem')),
      missing: () => fill(summary, h('p', { class: 'muted', testid: 'order-missing' }, t('order.missing'))),
    });
  }

  const close = subscribe(`/api/v1/orders/${encodeURIComponent(orderId)}/updates`, 'order', (o) => {
    if (o && o.orderId === orderId) arrived(o);
  }, live.set);
  const closeInvoices = readsInvoices ? subscribe('/api/v1/invoices/updates', 'invoice', (i) => {
    if (!i || i.orderId !== orderId) return;
    invoice = i;
    invoiceLookedUp = true;
    renderInvoice();
  }) : () => {};
  if (readsInvoices) findInvoice();

  customerNames().then(m => { names = m; if (order) render(order); }).catch(() => {});
  loadOrder();
  if (history) { history.load(); travel.load(); }

  return () => { closed = true; clearTimeout(auditTimer); close(); closeInvoices(); };
}

function notInvoicedText(status) {
  if (INVOICEABLE.includes(status)) return t('order.notInvoicedYet');
  return ['PLACED', 'STOCK_RESERVED'].includes(status) ? t('order.invoicedOnceConfirmed') : t('order.notInvoiced');
}

function address(a) {
  if (!a) return '—';
  return h('span', {}, a.recipient, h('br'), a.street, h('br'), [a.postalCode, a.city].filter(Boolean).join(' '), a.country ? `, ${a.country}` : '');
}
