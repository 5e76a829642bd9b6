// Customers: the list with credit figures and VAT numbers, and a form to register a new customer.
import { api, query, session, uuid } from '../api.js';
import { fill, formValues, formatMoney, h, markInvalid, pager, problemBox, shortId, until } from '../ui.js';

const PAGE_SIZE = 20;

/** The languages invoices and their e-mails can be written in (ISO 639-1). */
export const LANGUAGES = [['fr', 'French'], ['en', 'English'], ['de', 'German'], ['es', 'Spanish'], ['it', 'Italian'], ['nl', 'Dutch']];

/** The first customers (up to 200) for pickers, newest pages first as the API orders them. */
export async function loadCustomers() {
  const result = await api.get('/api/v1/customers?page=0&size=200');
  return result.content || [];
}

/** Customer id to display name, for showing orders. */
export async function customerNames() {
  const customers = await loadCustomers();
  return new Map(customers.map(c => [c.customerId, c.name]));
}

export async function renderCustomers(root, { params, navigate }) {
  const page = Math.max(0, Number(params.get('page') || 0));
  const body = h('tbody', { testid: 'customers-body' });
  const footer = h('div');
  const listSlot = h('div');
  const formSlot = h('div');

  const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'customer-submit' }, 'Create customer');
  let idempotencyKey = null;
  const form = h('form', { testid: 'customer-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const v = formValues(form);
    const body = {
      name: v.name, email: v.email, country: v.country.toUpperCase(), currency: v.currency.toUpperCase(),
      creditLimit: v.creditLimit === '' ? null : Number(v.creditLimit),
    };
    // optional: sent only when given, so a consumer stays without VAT number and the language follows the country
    if (v.vatNumber) body.vatNumber = v.vatNumber.toUpperCase().replace(/\s+/g, '');
    if (v.language) body.language = v.language;
    idempotencyKey = idempotencyKey || uuid();
    submit.disabled = true;
    formSlot.replaceChildren();
    try {
      const created = await api.post('/api/v1/customers', body, { 'Idempotency-Key': idempotencyKey });
      idempotencyKey = null;
      markInvalid(form, null);
      form.reset();
      const id = created && (created.id || created.customerId);
      formSlot.replaceChildren(h('div', { class: 'notice', testid: 'customer-created' }, `Customer ${body.name} created`, id ? ` (${shortId(id)})` : '', '.'));
      if (id) await until(() => api.get(`/api/v1/customers/${encodeURIComponent(id)}`).then(Boolean));
      await load();
    } catch (err) {
      if (err.problem) idempotencyKey = null; // the server answered; a new submission gets a new key
      formSlot.replaceChildren(problemBox(err, 'customer-problem'));
      markInvalid(form, err);
    } finally {
      submit.disabled = false;
    }
  } },
  h('div', { class: 'form-grid' },
    h('label', {}, 'Name', h('input', { name: 'name', testid: 'customer-name', required: true })),
    h('label', {}, 'Email', h('input', { name: 'email', type: 'email', testid: 'customer-email', required: true })),
    h('label', {}, 'Country', h('input', { name: 'country', testid: 'customer-country', placeholder: 'FR', maxlength: 2, required: true })),
    h('label', {}, 'Currency', h('input', { name: 'currency', testid: 'customer-currency', placeholder: 'EUR', maxlength: 3, required: true })),
    h('label', {}, 'Credit limit', h('input', { name: 'creditLimit', type: 'number', min: 0, step: '0.01', testid: 'customer-credit-limit', required: true })),
    h('label', {}, 'VAT number (businesses)', h('input', { name: 'vatNumber', testid: 'customer-vat-number', placeholder: 'FR40123456824', maxlength: 20 })),
    h('label', {}, 'Invoice language', h('select', { name: 'language', testid: 'customer-language' },
      h('option', { value: '' }, 'As the country'),
      LANGUAGES.map(([code, name]) => h('option', { value: code }, `${name} (${code})`))))),
  h('div', { class: 'form-actions' }, submit));

  root.append(h('section', { testid: 'screen-customers' },
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, 'Customers'), h('div', { class: 'sub' }, 'Orders are paid on account against each customer\'s credit limit.'))),
    session.hasAnyRole('ADMIN', 'OPERATOR') ? h('div', { class: 'card' }, h('h2', {}, 'New customer'), formSlot, form) : null,
    listSlot,
    h('div', { class: 'card flush' },
      h('table', { testid: 'customers-table' },
        h('thead', {}, h('tr', {},
          h('th', {}, 'Name'), h('th', {}, 'Email'), h('th', {}, 'Country'), h('th', {}, 'VAT number'), h('th', {}, 'Currency'),
          h('th', { class: 'num' }, 'Credit limit'), h('th', { class: 'num' }, 'Reserved'), h('th', { class: 'num' }, 'Available'), h('th', {}, ''))),
        body),
      footer)));

  async function load() {
    try {
      const result = await api.get(`/api/v1/customers${query({ page, size: PAGE_SIZE })}`);
      listSlot.replaceChildren();
      const rows = (result.content || []).map(c => h('tr', { id: `customer-row-${c.customerId}`, testid: 'customer-row', 'data-customer-id': c.customerId },
        h('td', { title: c.customerId }, c.name),
        h('td', {}, c.email),
        h('td', {}, c.country, c.language ? h('span', { class: 'muted', testid: 'customer-language-shown' }, ` · ${c.language}`) : null),
        h('td', { class: 'mono', testid: 'customer-vat' }, c.vatNumber || '—'),
        h('td', {}, c.currency),
        h('td', { class: 'num' }, formatMoney(c.creditLimit, c.currency)),
        h('td', { class: 'num' }, formatMoney(c.creditReserved, c.currency)),
        h('td', { class: 'num', testid: 'customer-credit-available' }, formatMoney(c.creditAvailable, c.currency)),
        h('td', {}, h('a', { href: `#/orders?customerId=${encodeURIComponent(c.customerId)}`, testid: 'customer-orders' }, 'Orders'),
          ' · ', h('a', { href: `#/invoices?customerId=${encodeURIComponent(c.customerId)}`, testid: 'customer-invoices' }, 'Invoices'))));
      fill(body, rows.length ? rows : h('tr', {}, h('td', { colspan: 9, class: 'empty' }, 'No customers yet.')));
      fill(footer, pager(page, result.size || PAGE_SIZE, result.totalElements ?? rows.length, (p) => navigate(`#/customers?page=${p}`), 'customers-pager'));
    } catch (err) {
      listSlot.replaceChildren(problemBox(err, 'customers-problem'));
    }
  }
  await load();
}
