// Order list: filters by status and customer, search by number, date range, sortable columns, paging, CSV export, and
// rows that update live from the order stream.
import { api, query, session, subscribe } from '../api.js';
import { STATUSES, badge, fill, formatMoney, h, liveIndicator, problemBox, shortId, statusLabel, t, timeEl, toDate } from '../ui.js';
import { customerNames } from './customers.js';
import { barChart } from '../chart.js';
import { listControls } from '../list-controls.js';

const PAGE_SIZE = 20;

/** How an order is named on screen: its number (SO-2026-000001), or its short id when it was placed before numbering. */
export const orderLabel = (o) => o.number || shortId(o.orderId);

export async function renderOrders(root, { params, navigate }) {
  const status = params.get('status') || '';
  const customerId = params.get('customerId') || '';
  const controls = listControls({ path: '#/orders', endpoint: '/api/v1/orders', params, navigate, filters: { status, customerId },
    searchLabel: t('orders.search'), testid: 'orders' });
  const { page } = controls.state;
  const go = controls.go;

  const live = liveIndicator('orders-live');
  const statusSelect = h('select', { name: 'status', testid: 'filter-status', onchange: (e) => go({ status: e.target.value, page: 0 }) },
    h('option', { value: '' }, t('filter.allStatuses')),
    STATUSES.map(s => h('option', { value: s, selected: s === status }, statusLabel(s))));
  const customerSelect = h('select', { name: 'customerId', testid: 'filter-customer', onchange: (e) => go({ customerId: e.target.value, page: 0 }) },
    h('option', { value: '' }, t('filter.allCustomers')));
  const slot = h('div');
  const body = h('tbody', { testid: 'orders-body' });
  const footer = h('div');
  const chartSlot = h('div', { testid: 'orders-by-status' });

  root.append(h('section', { testid: 'screen-orders' },
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, t('orders.title')), h('div', { class: 'sub' }, t('orders.sub'))),
      h('div', { class: 'row' }, live.el,
        session.hasAnyRole('ADMIN', 'OPERATOR', 'PARTNER') ? h('a', { class: 'btn btn-primary', href: '#/orders/new', testid: 'new-order' }, t('nav.placeOrder')) : null)),
    h('div', { class: 'card chart-card' },
      h('form', { class: 'row', testid: 'order-filters', onsubmit: (e) => e.preventDefault() },
        h('label', {}, t('field.status'), statusSelect),
        h('label', {}, t('field.customer'), customerSelect),
        status || customerId ? h('button', { class: 'btn btn-quiet', type: 'button', testid: 'filter-clear', onclick: () => go({ status: '', customerId: '', page: 0 }) }, t('filter.clear')) : null),
      chartSlot),
    controls.toolbar,
    slot,
    h('div', { class: 'card flush' },
      h('div', { class: 'table-scroll' }, h('table', { testid: 'orders-table', class: 'stack' },
        h('caption', { class: 'visually-hidden' }, t('orders.title')),
        h('thead', {}, h('tr', {},
          controls.header('number', t('col.order')), controls.header('customerId', t('col.customer')), controls.header('status', t('col.status')),
          h('th', { scope: 'col', class: 'num' }, t('col.total')), controls.header('placedAt', t('col.placed')), controls.header('updatedAt', t('col.updated')))),
        body)),
      footer)));

  const names = await customerNames().catch(() => new Map());
  for (const [id, name] of names) customerSelect.append(h('option', { value: id, selected: id === customerId }, name));
  if (customerId && !names.has(customerId)) customerSelect.append(h('option', { value: customerId, selected: true }, shortId(customerId)));

  const row = (o) => h('tr', {
    class: 'link', id: `order-row-${o.orderId}`, testid: 'order-row', 'data-order-id': o.orderId, 'data-status': o.status,
    'data-updated-at': String(o.updatedAt), 'data-placed-at': String(o.placedAt),
    onclick: () => navigate(`#/orders/${encodeURIComponent(o.orderId)}`),
  },
  h('td', { 'data-label': t('col.order') }, h('a', { href: `#/orders/${encodeURIComponent(o.orderId)}`, class: 'mono', title: o.orderId, testid: 'order-link' }, orderLabel(o))),
  h('td', { 'data-label': t('col.customer'), title: o.customerId }, names.get(o.customerId) || shortId(o.customerId)),
  h('td', { 'data-label': t('col.status') }, badge(o.status, { testid: 'order-row-status' }), o.reason ? h('div', { class: 'muted small' }, o.reason) : null),
  h('td', { 'data-label': t('col.total'), class: 'num' }, formatMoney(o.total, o.currency)),
  h('td', { 'data-label': t('col.placed') }, timeEl(o.placedAt)),
  h('td', { 'data-label': t('col.updated') }, timeEl(o.updatedAt)));

  let total = 0;
  /** Whether an order not on the page is newer than everything shown, so it belongs on top of page one. */
  const isNewest = (o) => {
    const first = body.querySelector('tr[data-order-id]');
    return !first || (toDate(o.placedAt)?.getTime() ?? 0) >= (toDate(first.dataset.placedAt)?.getTime() ?? 0);
  };
  const emptyRow = () => h('tr', { testid: 'orders-empty' }, h('td', { colspan: 6, class: 'empty' },
    status || customerId || controls.filtered ? t('orders.noMatch') : t('orders.none')));

  try {
    const result = await api.get(`/api/v1/orders${query({ ...controls.apiParams, page, size: PAGE_SIZE })}`);
    total = result.totalElements ?? result.content.length;
    fill(body, result.content.length ? result.content.map(row) : emptyRow());
    fill(footer, controls.pages(result.size || PAGE_SIZE, total));
  } catch (err) {
    slot.replaceChildren(problemBox(err, 'orders-problem'));
    fill(body, emptyRow());
  }

  /** One count per status (for the chosen customer, search and dates), from the totals of one-row pages. */
  async function loadCounts() {
    const { q, from, to } = controls.state;
    const totals = await Promise.all(STATUSES.map(st =>
      api.get(`/api/v1/orders${query({ status: st, customerId, q, from, to, page: 0, size: 1 })}`).then(r => r.totalElements ?? 0, () => 0)));
    fill(chartSlot, barChart(STATUSES.map((st, i) => ({ key: st, label: statusLabel(st), value: totals[i] })),
      { testid: 'orders-chart', label: t('orders.chart'), onSelect: (st) => go({ status: st === status ? '' : st, page: 0 }) }));
  }
  let countsTimer = null;
  loadCounts();

  // The stream first replays the newest orders, then sends every change: only rows that really changed flash.
  const close = subscribe(`/api/v1/orders/updates${query({ customerId })}`, 'order', (o) => {
    const matches = (!status || o.status === status) && (!customerId || o.customerId === customerId);
    const existing = body.querySelector(`tr[data-order-id="${CSS.escape(o.orderId)}"]`);
    if (existing) {
      if (existing.dataset.updatedAt === String(o.updatedAt)) return;
      const fresh = row(o);
      fresh.classList.add('flash');
      existing.replaceWith(fresh);
    } else if (matches && page === 0 && !controls.filtered && !controls.state.sort && isNewest(o)) {
      body.querySelector('[data-testid="orders-empty"]')?.remove();
      const fresh = row(o);
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
