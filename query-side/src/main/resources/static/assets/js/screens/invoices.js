// Invoice list: filters by status, customer, order and overdue, search, issue-date range, sortable columns, what the
// filtered invoices still owe per currency, paging, CSV export, and rows that update live from the invoice stream.
import { api, query, session, subscribe } from '../api.js';
import { INVOICE_STATUSES, badge, dateEl, dayEl, fill, formatMoney, h, liveIndicator, problemBox, shortId, statusLabel, t, toDate } from '../ui.js';
import { customerNames } from './customers.js';
import { barChart } from '../chart.js';
import { listControls } from '../list-controls.js';

const PAGE_SIZE = 20;

/** The roles that may read invoices (as for orders). */
export const INVOICE_READERS = ['ADMIN', 'OPERATOR', 'ANALYST', 'PARTNER'];

/** Whether the signed-in user may request invoices, record payments and ask for credit notes. */
export function canBill() {
  return session.hasAnyRole('ADMIN', 'OPERATOR');
}

/** The invoice's number, or what stands in for it before issue. */
export function numberText(invoice) {
  if (invoice.number) return invoice.number;
  return invoice.status === 'REJECTED' ? t('invoices.rejectedRequest') : t('invoices.notIssuedYet');
}

/** Statuses in which money is still owed. */
const OPEN = ['ISSUED', 'PARTIALLY_PAID', 'OVERDUE'];

/** Whether an invoice is overdue today: OVERDUE, or open and due before today in UTC (as the server decides). */
export function isOverdue(invoice) {
  const today = new Date().toISOString().slice(0, 10);
  return invoice.status === 'OVERDUE' || (OPEN.includes(invoice.status) && !!invoice.dueDate && invoice.dueDate < today);
}

export async function renderInvoices(root, { params, navigate }) {
  const status = params.get('status') || '';
  const customerId = params.get('customerId') || '';
  const orderId = params.get('orderId') || '';
  const overdue = params.get('overdue') === 'true' ? 'true' : '';
  const controls = listControls({ path: '#/invoices', endpoint: '/api/v1/invoices', params, navigate,
    filters: { status, customerId, orderId, overdue }, searchLabel: t('invoices.search'), testid: 'invoices' });
  const { page } = controls.state;
  const go = controls.go;

  const live = liveIndicator('invoices-live');
  const statusSelect = h('select', { name: 'status', testid: 'filter-invoice-status', onchange: (e) => go({ status: e.target.value, page: 0 }) },
    h('option', { value: '' }, t('filter.allStatuses')),
    INVOICE_STATUSES.map(s => h('option', { value: s, selected: s === status }, statusLabel(s))));
  const customerSelect = h('select', { name: 'customerId', testid: 'filter-invoice-customer', onchange: (e) => go({ customerId: e.target.value, page: 0 }) },
    h('option', { value: '' }, t('filter.allCustomers')));
  const orderInput = h('input', { name: 'orderId', testid: 'filter-invoice-order', value: orderId, placeholder: t('invoices.orderId'), class: 'mono',
    onchange: (e) => go({ orderId: e.target.value.trim(), page: 0 }) });
  const slot = h('div');
  const body = h('tbody', { testid: 'invoices-body' });
  const footer = h('div');
  const overdueToggle = h('input', { type: 'checkbox', name: 'overdue', testid: 'filter-invoice-overdue', checked: overdue === 'true',
    onchange: (e) => go({ overdue: e.target.checked ? 'true' : '', page: 0 }) });
  const chartSlot = h('div', { testid: 'invoices-by-status' });
  const totalsSlot = h('div', { testid: 'invoices-totals', 'aria-live': 'polite' });
  const filtered = status || customerId || orderId || overdue;

  root.append(h('section', { testid: 'screen-invoices' },
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, t('invoices.title')), h('div', { class: 'sub' }, t('invoices.sub'))),
      h('div', { class: 'row' }, live.el)),
    h('div', { class: 'card chart-card' },
      h('form', { class: 'row', testid: 'invoice-filters', onsubmit: (e) => { e.preventDefault(); go({ orderId: orderInput.value.trim(), page: 0 }); } },
        h('label', {}, t('field.status'), statusSelect),
        h('label', {}, t('field.customer'), customerSelect),
        h('label', {}, t('col.order'), orderInput),
        h('label', { class: 'check' }, overdueToggle, t('invoices.overdueOnly')),
        filtered ? h('button', { class: 'btn btn-quiet', type: 'button', testid: 'invoice-filter-clear', onclick: () => go({ status: '', customerId: '', orderId: '', overdue: '', page: 0 }) }, t('filter.clear')) : null),
      totalsSlot,
      chartSlot),
    controls.toolbar,
    slot,
    h('div', { class: 'card flush' },
      h('div', { class: 'table-scroll' }, h('table', { testid: 'invoices-table', class: 'stack' },
        h('caption', { class: 'visually-hidden' }, t('invoices.title')),
        h('thead', {}, h('tr', {},
          controls.header('number', t('col.number')), controls.header('customerName', t('col.customer')), controls.header('status', t('col.status')),
          controls.header('issuedAt', t('col.issued')), controls.header('dueDate', t('col.due')),
          h('th', { scope: 'col', class: 'num' }, t('col.totalInclTax')), h('th', { scope: 'col', class: 'num' }, t('col.balance')))),
        body)),
      footer)));

  const names = await customerNames().catch(() => new Map());
  for (const [id, name] of names) customerSelect.append(h('option', { value: id, selected: id === customerId }, name));
  if (customerId && !names.has(customerId)) customerSelect.append(h('option', { value: customerId, selected: true }, shortId(customerId)));

  const href = (i) => `#/invoices/${encodeURIComponent(i.invoiceId)}`;
  const row = (i) => h('tr', {
    class: 'link', id: `invoice-row-${i.invoiceId}`, testid: 'invoice-row', 'data-invoice-id': i.invoiceId, 'data-status': i.status,
    'data-order-id': i.orderId, 'data-number': i.number || '', 'data-updated-at': String(i.updatedAt), 'data-requested-at': String(i.requestedAt),
    onclick: () => navigate(href(i)),
  },
  h('td', { 'data-label': t('col.number') }, h('a', { href: href(i), class: i.number ? 'mono' : 'muted', title: i.invoiceId, testid: 'invoice-number' }, numberText(i))),
  h('td', { 'data-label': t('col.customer'), title: i.customerId, testid: 'invoice-customer' }, i.customerName || names.get(i.customerId) || shortId(i.customerId)),
  h('td', { 'data-label': t('col.status') }, badge(i.status, { testid: 'invoice-row-status' })),
  h('td', { 'data-label': t('col.issued'), testid: 'invoice-issued' }, i.issuedAt ? dateEl(i.issuedAt) : '—'),
  h('td', { 'data-label': t('col.due'), testid: 'invoice-due' }, i.dueDate ? dayEl(i.dueDate) : '—'),
  h('td', { 'data-label': t('col.totalInclTax'), class: 'num', testid: 'invoice-total' }, formatMoney(i.totalInclTax, i.currency)),
  h('td', { 'data-label': t('col.balance'), class: 'num', testid: 'invoice-balance' }, formatMoney(i.balance, i.currency)));

  let total = 0;
  /** Whether an invoice not on the page is newer than everything shown, so it belongs on top of page one. */
  const isNewest = (i) => {
    const first = body.querySelector('tr[data-invoice-id]');
    return !first || (toDate(i.requestedAt)?.getTime() ?? 0) >= (toDate(first.dataset.requestedAt)?.getTime() ?? 0);
  };
  const emptyRow = () => h('tr', { testid: 'invoices-empty' }, h('td', { colspan: 7, class: 'empty' },
    filtered || controls.filtered ? t('invoices.noMatch') : t('invoices.none')));

  try {
    const result = await api.get(`/api/v1/invoices${query({ ...controls.apiParams, page, size: PAGE_SIZE })}`);
    total = result.totalElements ?? result.content.length;
    fill(body, result.content.length ? result.content.map(row) : emptyRow());
    fill(footer, controls.pages(result.size || PAGE_SIZE, total));
  } catch (err) {
    slot.replaceChildren(problemBox(err, 'invoices-problem'));
    fill(body, emptyRow());
  }

  /** What the filtered invoices still owe, one figure per currency. */
  async function loadTotals() {
    try {
      const { totals } = await api.get(`/api/v1/invoices/totals${query({ status, customerId, orderId, overdue })}`);
      fill(totalsSlot, totals.length
        ? h('dl', { class: 'kv', testid: 'invoices-outstanding' }, totals.flatMap(o => [
          h('dt', {}, t('invoices.outstandingIn', { currency: o.currency })),
          h('dd', { class: 'num-text', testid: 'invoices-outstanding-amount', 'data-currency': o.currency },
            formatMoney(o.outstanding, o.currency), ' ', h('span', { class: 'muted' }, t('invoices.ofInvoices', { n: o.count })))]))
        : h('p', { class: 'muted', testid: 'invoices-outstanding-none' }, t('invoices.nothingOutstanding')));
    } catch (err) {
      fill(totalsSlot, problemBox(err, 'invoices-totals-problem'));
    }
  }

  /** One count per status (for the chosen customer, order, overdue filter, search and dates), from the totals of one-row pages. */
  async function loadCounts() {
    loadTotals();
    const { q, from, to } = controls.state;
    const totals = await Promise.all(INVOICE_STATUSES.map(st =>
      api.get(`/api/v1/invoices${query({ status: st, customerId, orderId, overdue, q, from, to, page: 0, size: 1 })}`).then(r => r.totalElements ?? 0, () => 0)));
    fill(chartSlot, barChart(INVOICE_STATUSES.map((st, i) => ({ key: st, label: statusLabel(st), value: totals[i] })),
      { testid: 'invoices-chart', label: t('invoices.chart'), onSelect: (st) => go({ status: st === status ? '' : st, page: 0 }) }));
  }
  let countsTimer = null;
  loadCounts();

  // The stream first replays the newest invoices, then sends every change: only rows that really changed flash.
  const close = subscribe('/api/v1/invoices/updates', 'invoice', (i) => {
    const matches = (!status || i.status === status) && (!customerId || i.customerId === customerId) && (!orderId || i.orderId === orderId)
      && (!overdue || isOverdue(i));
    const existing = body.querySelector(`tr[data-invoice-id="${CSS.escape(i.invoiceId)}"]`);
    if (existing) {
      if (existing.dataset.updatedAt === String(i.updatedAt)) return;
      const fresh = row(i);
      fresh.classList.add('flash');
      existing.replaceWith(fresh);
    } else if (matches && page === 0 && !controls.filtered && !controls.state.sort && isNewest(i)) {
      body.querySelector('[data-testid="invoices-empty"]')?.remove();
      const fresh = row(i);
      fresh.classList.add('flash');
      body.prepend(fresh);
      while (body.children.length > PAGE_SIZE) body.lastElementChild.remove();
      total += 1;
      fill(footer, controls.pages(PAGE_SIZE, total));
    } else {
      return;
    }
    clearTimeout(countsTimer);
    countsTimer = setTimeout(loadCounts, 1500);
  }, live.set);
  return () => { clearTimeout(countsTimer); close(); };
}
