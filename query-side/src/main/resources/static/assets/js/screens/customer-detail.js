// A customer's page: their record (with an edit form for those who may change it), credit used against the limit,
// what they still owe on their invoices, their latest orders and invoices, and the history of their record.
import { api, query, session } from '../api.js';
import { auditTrail } from '../audit.js';
import { countryName } from '../pickers.js';
import {
  badge, dateEl, dayEl, fill, formatMoney, h, loadWhenProjected, markInvalid, problemBox, shortId, t, until,
} from '../ui.js';
import { customerBody, customerFields, languageName } from './customers.js';

const RECENT = 10;

export async function renderCustomerDetail(root, { args }) {
  const customerId = args[0];
  const editable = session.hasAnyRole('ADMIN', 'OPERATOR');
  const title = h('h1', { testid: 'customer-title' }, t('customer.loading'));
  const record = h('div', { class: 'card-pad', testid: 'customer-record' });
  const credit = h('div', { class: 'card-pad', testid: 'customer-credit' });
  const owed = h('div', { class: 'card-pad', testid: 'customer-outstanding' });
  const orders = h('div', { testid: 'customer-orders-recent' });
  const invoices = h('div', { testid: 'customer-invoices-recent' });
  const editSlot = h('div');
  const notice = h('div');
  const history = auditTrail('Customer', customerId, 'customerId', 'customer-history');
  let closed = false;
  let customer = null;

  root.append(h('section', { testid: 'screen-customer' },
    h('div', { class: 'page-head' },
      h('div', {}, h('p', { class: 'sub' }, h('a', { href: '#/customers' }, t('customer.back'))), title)),
    h('div', { class: 'grid-2' },
      h('div', { class: 'card' }, h('div', { class: 'card-head' }, h('h2', {}, t('customer.record'))), notice, record, editSlot),
      h('div', {},
        h('div', { class: 'card' }, h('div', { class: 'card-head' }, h('h2', {}, t('customer.credit'))), credit),
        h('div', { class: 'card' }, h('div', { class: 'card-head' }, h('h2', {}, t('customer.outstanding'))), owed))),
    h('div', { class: 'card flush' },
      h('div', { class: 'card-head card-pad' }, h('h2', {}, t('customer.latestOrders')),
        h('a', { href: `#/orders?customerId=${encodeURIComponent(customerId)}`, testid: 'customer-all-orders' }, t('customer.allOrders'))),
      orders),
    h('div', { class: 'card flush' },
      h('div', { class: 'card-head card-pad' }, h('h2', {}, t('customer.latestInvoices')),
        h('a', { href: `#/invoices?customerId=${encodeURIComponent(customerId)}`, testid: 'customer-all-invoices' }, t('customer.allInvoices'))),
      invoices),
    h('div', { class: 'card' },
      h('div', { class: 'card-head' }, h('h2', {}, t('customer.history')), h('p', { class: 'muted small' }, t('customer.historySub'))),
      h('div', { class: 'card-pad' }, history.element))));

  function show(c) {
    customer = c;
    fill(title, c.erased ? t('customer.erasedTitle') : c.name,
      c.erased ? [' ', h('span', { class: 'badge s-REJECTED', testid: 'customer-erased-badge' }, t('customer.erased'))] : null);
    const erased = h('span', { class: 'muted' }, t('customer.erasedValue'));
    root.dataset.updatedAt = String(c.updatedAt || '');
    const a = c.billingAddress;
    fill(record, h('dl', { class: 'kv' },
      h('dt', {}, t('field.email')), h('dd', { testid: 'customer-email-shown' }, c.email ? h('a', { href: `mailto:${c.email}` }, c.email) : erased.cloneNode(true)),
      h('dt', {}, t('field.phone')), h('dd', { testid: 'customer-phone-shown' }, c.phone ? h('a', { href: `tel:${c.phone.replace(/[^+0-9]/g, '')}` }, c.phone) : c.erased ? erased.cloneNode(true) : '—'),
      h('dt', {}, t('field.country')), h('dd', { testid: 'customer-country-shown' }, `${countryName(c.country)} (${c.country})`),
      h('dt', {}, t('field.currency')), h('dd', {}, c.currency),
      h('dt', {}, t('field.vatNumber')), h('dd', { class: 'mono', testid: 'customer-vat-shown' }, c.vatNumber || '—'),
      h('dt', {}, t('field.language')), h('dd', {}, c.language ? languageName(c.language) : t('customers.languageAsCountry')),
      h('dt', {}, t('field.billingAddress')), h('dd', { testid: 'customer-address-shown' }, a
        ? [a.street, h('br'), `${a.postalCode} ${a.city}`, a.region ? [h('br'), a.region] : null, h('br'), countryName(a.country)]
        : c.erased ? erased.cloneNode(true) : h('span', { class: 'muted' }, t('customer.noBillingAddress'))),
      h('dt', {}, t('customer.id')), h('dd', { class: 'mono small', title: c.customerId }, shortId(c.customerId))));
    const used = Number(c.creditReserved || 0);
    const limit = Number(c.creditLimit || 0);
    fill(credit, h('dl', { class: 'kv' },
      h('dt', {}, t('customer.creditUsed')), h('dd', { class: 'num-text', testid: 'customer-credit-used' }, formatMoney(c.creditReserved, c.currency)),
      h('dt', {}, t('field.creditLimit')), h('dd', { class: 'num-text', testid: 'customer-credit-limit-shown' }, formatMoney(c.creditLimit, c.currency)),
      h('dt', {}, t('col.available')), h('dd', { class: 'num-text', testid: 'customer-credit-available-shown' }, formatMoney(c.creditAvailable, c.currency))),
    h('meter', { class: 'credit-meter', min: 0, max: limit > 0 ? limit : 1, value: Math.min(used, limit > 0 ? limit : 1),
      high: limit * 0.8, optimum: 0, 'aria-label': t('customer.creditMeter'), testid: 'customer-credit-meter' }));
  }

  function showEdit() {
    const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'customer-edit-submit' }, t('customer.save'));
    const problems = h('div');
    const form = h('form', { testid: 'customer-edit-form', novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      submit.disabled = true;
      problems.replaceChildren();
      const sent = customerBody(form);
      try {
        await api.put(`/api/v1/customers/${encodeURIComponent(customerId)}`, sent);
        markInvalid(form, null);
        editButton();
        notice.replaceChildren(h('div', { class: 'card-pad' }, h('div', { class: 'notice', testid: 'customer-saved' }, t('customer.saved'))));
        // the edit is stored; the page follows once the read model shows what was sent
        await until(async () => {
          const c = await api.get(`/api/v1/customers/${encodeURIComponent(customerId)}`);
          if (!shows(c, sent)) return false;
          show(c);
          return true;
        }, { timeoutMs: 15000 });
        history.load();
      } catch (err) {
        problems.replaceChildren(problemBox(err, 'customer-edit-problem'));
        markInvalid(form, err);
      } finally {
        submit.disabled = false;
      }
    } },
    customerFields(customer, { prefix: 'edit' }),
    h('div', { class: 'form-actions' }, submit,
      h('button', { class: 'btn btn-quiet', type: 'button', testid: 'customer-edit-cancel', onclick: editButton }, t('customer.cancel'))));
    editSlot.replaceChildren(h('div', { class: 'card-pad' }, problems, form));
  }

  /** Whether the customer read back holds what an edit sent (the read model may still be catching up). */
  function shows(c, sent) {
    return c.name === sent.name && c.email === sent.email && (c.phone || undefined) === sent.phone
      && Number(c.creditLimit) === Number(sent.creditLimit)
      && sameAddress(c.billingAddress, sent.billingAddress);
  }

  function sameAddress(shown, sent) {
    if (!shown || !sent) return !shown && !sent;
    return ['street', 'postalCode', 'city', 'region', 'country'].every(k => (shown[k] || '') === (sent[k] || ''));
  }

  function editButton() {
    if (!editable || customer?.erased) return;
    editSlot.replaceChildren(h('div', { class: 'card-pad' },
      h('button', { class: 'btn', type: 'button', testid: 'customer-edit', onclick: () => { notice.replaceChildren(); if (customer) showEdit(); } }, t('customer.edit'))));
  }

  async function loadOrders() {
    try {
      const page = await api.get(`/api/v1/orders${query({ customerId, page: 0, size: RECENT })}`);
      const list = page.content || [];
      fill(orders, list.length ? h('div', { class: 'table-scroll' }, h('table', { class: 'stack', testid: 'customer-orders-table' },
        h('caption', { class: 'visually-hidden' }, t('customer.latestOrders')),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('col.order')), h('th', { scope: 'col' }, t('col.status')),
          h('th', { scope: 'col' }, t('col.placed')), h('th', { scope: 'col', class: 'num' }, t('col.total')))),
        h('tbody', {}, list.map(o => h('tr', { testid: 'customer-order-row', 'data-order-id': o.orderId },
          h('td', { 'data-label': t('col.order') }, h('a', { href: `#/orders/${encodeURIComponent(o.orderId)}`, class: 'mono', title: o.orderId }, o.number || shortId(o.orderId))),
          h('td', { 'data-label': t('col.status') }, badge(o.status)),
          h('td', { 'data-label': t('col.placed') }, dateEl(o.placedAt)),
          h('td', { 'data-label': t('col.total'), class: 'num' }, formatMoney(o.total, o.currency)))))))
        : h('p', { class: 'card-pad muted', testid: 'customer-no-orders' }, t('customer.noOrders')));
    } catch (err) {
      fill(orders, h('div', { class: 'card-pad' }, problemBox(err, 'customer-orders-problem')));
    }
  }

  async function loadInvoices() {
    try {
      const [page, owing, late] = await Promise.all([
        api.get(`/api/v1/invoices${query({ customerId, page: 0, size: RECENT })}`),
        api.get(`/api/v1/invoices/totals${query({ customerId })}`),
        api.get(`/api/v1/invoices/totals${query({ customerId, overdue: true })}`)]);
      const list = page.content || [];
      const totals = (owing.totals || []).filter(total => Number(total.outstanding) > 0);
      const overdue = (late.totals || []).reduce((sum, total) => sum + Number(total.count || 0), 0);
      fill(owed, totals.length
        ? h('dl', { class: 'kv' }, totals.map(({ currency, outstanding }) => [
          h('dt', {}, t('customer.owedIn', { currency })),
          h('dd', { class: 'num-text', testid: 'customer-owed', 'data-currency': currency }, formatMoney(outstanding, currency))]),
        overdue ? [h('dt', {}, t('customer.overdueInvoices')), h('dd', { class: 'num-text danger-text', testid: 'customer-overdue-count' }, String(overdue))] : null)
        : h('p', { class: 'muted', testid: 'customer-owes-nothing' }, t('customer.owesNothing')));
      const recent = list.slice(0, RECENT);
      fill(invoices, recent.length ? h('div', { class: 'table-scroll' }, h('table', { class: 'stack', testid: 'customer-invoices-table' },
        h('caption', { class: 'visually-hidden' }, t('customer.latestInvoices')),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('col.number')), h('th', { scope: 'col' }, t('col.status')),
          h('th', { scope: 'col' }, t('col.due')), h('th', { scope: 'col', class: 'num' }, t('col.totalInclTax')),
          h('th', { scope: 'col', class: 'num' }, t('col.balance')))),
        h('tbody', {}, recent.map(i => h('tr', { testid: 'customer-invoice-row', 'data-invoice-id': i.invoiceId },
          h('td', { 'data-label': t('col.number') }, h('a', { href: `#/invoices/${encodeURIComponent(i.invoiceId)}`, class: 'mono', title: i.invoiceId }, i.number || shortId(i.invoiceId))),
          h('td', { 'data-label': t('col.status') }, badge(i.status)),
          h('td', { 'data-label': t('col.due') }, i.dueDate ? dayEl(i.dueDate) : '—'),
          h('td', { 'data-label': t('col.totalInclTax'), class: 'num' }, formatMoney(i.totalInclTax, i.currency)),
          h('td', { 'data-label': t('col.balance'), class: 'num' }, formatMoney(i.balance, i.currency)))))))
        : h('p', { class: 'card-pad muted', testid: 'customer-no-invoices' }, t('customer.noInvoices')));
    } catch (err) {
      fill(invoices, h('div', { class: 'card-pad' }, problemBox(err, 'customer-invoices-problem')));
      owed.replaceChildren();
    }
  }

  await loadWhenProjected(() => api.get(`/api/v1/customers/${encodeURIComponent(customerId)}`), {
    active: () => !closed && !customer,
    found: (c) => { show(c); editButton(); },
    problem: (err) => fill(record, problemBox(err, 'customer-load-problem')),
    missing: () => { title.textContent = t('customer.missingTitle'); fill(record, h('p', { class: 'muted', testid: 'customer-missing' }, t('customer.missing'))); },
  });
  if (customer) await Promise.all([loadOrders(), loadInvoices(), history.load()]);
  return () => { closed = true; };
}
