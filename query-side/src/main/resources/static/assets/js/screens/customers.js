// Customers: the list with credit figures and VAT numbers, and a form to register a new customer. The record's fields
// (customerFields, customerBody) serve the edit form of the customer page too.
import { api, query, session, uuid } from '../api.js';
import { countrySelect, countryName, currencySelect } from '../pickers.js';
import { fill, formValues, formatMoney, h, markInvalid, problemBox, t, until } from '../ui.js';
import { listControls } from '../list-controls.js';

const PAGE_SIZE = 20;

/** The languages invoices and their e-mails can be written in (ISO 639-1). */
export const LANGUAGES = ['fr', 'en', 'de', 'es', 'it', 'nl'];

/** A language's name in the current language: 'French' or 'français'. */
export function languageName(code) {
  return t(`language.${code}`);
}

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

/**
 * The inputs of a customer's record, filled from {@code c} when given: name, e-mail, phone, country, billing address,
 * VAT number, language and credit limit; the currency only when registering ({@code withCurrency}).
 */
export function customerFields(c = {}, { withCurrency = false, prefix = 'customer' } = {}) {
  const a = c.billingAddress || {};
  const input = (name, testid, attrs = {}) => h('input', { name, testid: `${prefix}-${testid}`, ...attrs });
  const language = h('select', { name: 'language', testid: `${prefix}-language` },
    h('option', { value: '' }, t('customers.languageAsCountry')),
    LANGUAGES.map(code => h('option', { value: code }, `${languageName(code)} (${code})`)));
  language.value = c.language || '';
  return [
    h('div', { class: 'form-grid' },
      h('label', {}, t('field.name'), input('name', 'name', { required: true, value: c.name })),
      h('label', {}, t('field.email'), input('email', 'email', { type: 'email', required: true, value: c.email })),
      h('label', {}, t('field.phone'), input('phone', 'phone', { type: 'tel', autocomplete: 'tel', placeholder: '+33 1 23 45 67 89', maxlength: 40, value: c.phone })),
      h('label', {}, t('field.country'), countrySelect({ name: 'country', testid: `${prefix}-country`, required: true }, c.country)),
      withCurrency ? h('label', {}, t('field.currency'), currencySelect({ name: 'currency', testid: `${prefix}-currency`, required: true }, c.currency)) : null,
      h('label', {}, t('field.creditLimit'), input('creditLimit', 'credit-limit', { type: 'number', min: 0, step: '0.01', required: true, value: c.creditLimit ?? '' })),
      h('label', {}, t('customers.vatNumberField'), input('vatNumber', 'vat-number', { placeholder: 'FR40123456824', maxlength: 20, value: c.vatNumber })),
      h('label', {}, t('field.language'), language)),
    h('fieldset', { class: 'address', testid: `${prefix}-billing-address` },
      h('legend', {}, t('field.billingAddress'), ' ', h('span', { class: 'muted small' }, t('customers.billingAddressHint'))),
      h('div', { class: 'form-grid' },
        h('label', {}, t('field.street'), input('billingAddress.street', 'billing-street', { autocomplete: 'street-address', maxlength: 300, value: a.street })),
        h('label', {}, t('field.postalCode'), input('billingAddress.postalCode', 'billing-postal-code', { autocomplete: 'postal-code', maxlength: 20, value: a.postalCode })),
        h('label', {}, t('field.city'), input('billingAddress.city', 'billing-city', { maxlength: 100, value: a.city })),
        h('label', {}, t('field.region'), input('billingAddress.region', 'billing-region', { maxlength: 100, value: a.region })),
        h('label', {}, t('field.country'), countrySelect({ name: 'billingAddress.country', testid: `${prefix}-billing-country` }, a.country)))),
  ];
}

/** The request body of a customer form: optional details left empty are left out (which removes them on an edit). */
export function customerBody(form, { withCurrency = false } = {}) {
  const v = formValues(form);
  const body = { name: v.name, email: v.email, country: v.country, creditLimit: v.creditLimit === '' ? null : Number(v.creditLimit) };
  if (withCurrency) body.currency = v.currency;
  if (v.phone) body.phone = v.phone;
  if (v.vatNumber) body.vatNumber = v.vatNumber.toUpperCase().replace(/\s+/g, '');
  if (v.language) body.language = v.language;
  const address = { street: v['billingAddress.street'], postalCode: v['billingAddress.postalCode'], city: v['billingAddress.city'],
    region: v['billingAddress.region'], country: v['billingAddress.country'] };
  if (Object.values(address).some(Boolean)) {
    if (!address.region) delete address.region;
    body.billingAddress = address;
  }
  return body;
}

export async function renderCustomers(root, { params, navigate }) {
  const controls = listControls({ path: '#/customers', endpoint: '/api/v1/customers', params, navigate,
    searchLabel: t('customers.search'), testid: 'customers' });
  const { page } = controls.state;
  const body = h('tbody', { testid: 'customers-body' });
  const footer = h('div');
  const listSlot = h('div');
  const formSlot = h('div');

  const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'customer-submit' }, t('customers.create'));
  let idempotencyKey = null;
  const form = h('form', { testid: 'customer-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const body = customerBody(form, { withCurrency: true });
    idempotencyKey = idempotencyKey || uuid();
    submit.disabled = true;
    formSlot.replaceChildren();
    try {
      const created = await api.post('/api/v1/customers', body, { 'Idempotency-Key': idempotencyKey });
      idempotencyKey = null;
      markInvalid(form, null);
      form.reset();
      const id = created && (created.id || created.customerId);
      formSlot.replaceChildren(h('div', { class: 'notice', testid: 'customer-created' },
        t('customers.created', { name: body.name, id: '' }), ' ',
        id ? h('a', { href: `#/customers/${encodeURIComponent(id)}`, testid: 'customer-created-link' }, t('customers.open')) : null));
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
  customerFields({}, { withCurrency: true }),
  h('div', { class: 'form-actions' }, submit));

  root.append(h('section', { testid: 'screen-customers' },
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, t('customers.title')), h('div', { class: 'sub' }, t('customers.sub')))),
    session.hasAnyRole('ADMIN', 'OPERATOR') ? h('div', { class: 'card' }, h('h2', {}, t('customers.new')), formSlot, form) : null,
    controls.toolbar,
    listSlot,
    h('div', { class: 'card flush' },
      h('div', { class: 'table-scroll' }, h('table', { testid: 'customers-table', class: 'stack' },
        h('caption', { class: 'visually-hidden' }, t('customers.title')),
        h('thead', {}, h('tr', {},
          controls.header('name', t('field.name')), controls.header('email', t('field.email')), controls.header('country', t('field.country')),
          h('th', { scope: 'col' }, t('field.vatNumber')), h('th', { scope: 'col' }, t('field.currency')),
          h('th', { scope: 'col', class: 'num' }, t('field.creditLimit')), h('th', { scope: 'col', class: 'num' }, t('col.reserved')),
          h('th', { scope: 'col', class: 'num' }, t('col.available')), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('col.links'))))),
        body)),
      footer)));

  async function load() {
    try {
      const result = await api.get(`/api/v1/customers${query({ ...controls.apiParams, page, size: PAGE_SIZE })}`);
      listSlot.replaceChildren();
      const rows = (result.content || []).map(c => h('tr', { id: `customer-row-${c.customerId}`, testid: 'customer-row', 'data-customer-id': c.customerId },
        h('td', { 'data-label': t('field.name'), title: c.customerId }, h('a', { href: `#/customers/${encodeURIComponent(c.customerId)}`, testid: 'customer-link' }, c.erased ? t('customer.erasedTitle') : c.name)),
        h('td', { 'data-label': t('field.email') }, c.email),
        h('td', { 'data-label': t('field.country'), title: countryName(c.country) }, c.country, c.language ? h('span', { class: 'muted', testid: 'customer-language-shown' }, ` · ${c.language}`) : null),
        h('td', { 'data-label': t('field.vatNumber'), class: 'mono', testid: 'customer-vat' }, c.vatNumber || '—'),
        h('td', { 'data-label': t('field.currency') }, c.currency),
        h('td', { 'data-label': t('field.creditLimit'), class: 'num' }, formatMoney(c.creditLimit, c.currency)),
        h('td', { 'data-label': t('col.reserved'), class: 'num' }, formatMoney(c.creditReserved, c.currency)),
        h('td', { 'data-label': t('col.available'), class: 'num', testid: 'customer-credit-available' }, formatMoney(c.creditAvailable, c.currency)),
        h('td', {}, h('a', { href: `#/orders?customerId=${encodeURIComponent(c.customerId)}`, testid: 'customer-orders' }, t('nav.orders')),
          ' · ', h('a', { href: `#/invoices?customerId=${encodeURIComponent(c.customerId)}`, testid: 'customer-invoices' }, t('nav.invoices')))));
      fill(body, rows.length ? rows : h('tr', {}, h('td', { colspan: 9, class: 'empty', testid: 'customers-empty' },
        controls.filtered ? t('customers.noMatch') : t('customers.none'))));
      fill(footer, controls.pages(result.size || PAGE_SIZE, result.totalElements ?? rows.length));
    } catch (err) {
      listSlot.replaceChildren(problemBox(err, 'customers-problem'));
    }
  }
  await load();
}
