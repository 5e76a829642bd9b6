// Products: the catalogue with the list controls (searched by SKU or name, sorted by a column, paged, exported as CSV),
// each product's price, VAT category, status and what is available, and a form to add a product for those who may.
import { api, query, session, uuid } from '../api.js';
import { number } from '../i18n.js';
import { currencySelect } from '../pickers.js';
import { listControls } from '../list-controls.js';
import { availableOf } from '../sku-combobox.js';
import { badge, fill, formValues, formatMoney, formatTime, h, markInvalid, problemBox, t, until } from '../ui.js';

const PAGE_SIZE = 20;

/** The VAT rate categories a product may have, as the API names them. */
export const VAT_CATEGORIES = ['STANDARD', 'REDUCED', 'SECOND_REDUCED', 'SUPER_REDUCED', 'ZERO'];

/** Who may add products, change their price and discontinue them. */
export const CATALOGUE_EDITORS = ['ADMIN', 'OPERATOR'];

export const vatCategoryName = (category) => t(`vatCategory.${category}`);

function createForm(created) {
  const slot = h('div');
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'product-submit' }, t('products.create'));
  const input = (name, testid, attrs = {}) => h('input', { name, testid: `product-${testid}`, ...attrs });
  let idempotencyKey = null;
  const form = h('form', { testid: 'product-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const v = formValues(form);
    const body = {
      sku: v.sku, name: v.name, unitPrice: v.unitPrice === '' ? null : Number(v.unitPrice), currency: v.currency,
      vatCategory: v.vatCategory,
    };
    if (v.description) body.description = v.description;
    if (v.unit) body.unit = v.unit;
    if (v.reorderPoint !== '') body.reorderPoint = Number(v.reorderPoint);
    idempotencyKey = idempotencyKey || uuid();
    submit.disabled = true;
    slot.replaceChildren();
    try {
      await api.post('/api/v1/products', body, { 'Idempotency-Key': idempotencyKey });
      idempotencyKey = null;
      markInvalid(form, null);
      form.reset();
      slot.replaceChildren(h('div', { class: 'notice', testid: 'product-created' }, t('products.created', { sku: body.sku }), ' ',
        h('a', { href: `#/products/${encodeURIComponent(body.sku)}`, testid: 'product-created-link' }, t('products.open'))));
      await until(() => api.get(`/api/v1/products/${encodeURIComponent(body.sku)}`).then(Boolean));
      await created();
    } catch (err) {
      if (err.problem) idempotencyKey = null;
      slot.replaceChildren(problemBox(err, 'product-problem'));
      markInvalid(form, err);
    } finally {
      submit.disabled = false;
    }
  } },
  h('div', { class: 'form-grid' },
    h('label', {}, t('field.sku'), input('sku', 'sku', { required: true, maxlength: 100, placeholder: t('stock.skuExample') })),
    h('label', { class: 'span-2' }, t('field.name'), input('name', 'name', { required: true, maxlength: 200 })),
    h('label', {}, t('field.unitPrice'), input('unitPrice', 'unit-price', { type: 'number', min: 0, step: '0.01', required: true })),
    h('label', {}, t('field.currency'), currencySelect({ name: 'currency', testid: 'product-currency', required: true })),
    h('label', {}, t('field.vatCategory'), h('select', { name: 'vatCategory', testid: 'product-vat-category', required: true },
      VAT_CATEGORIES.map(c => h('option', { value: c }, vatCategoryName(c))))),
    h('label', {}, t('field.unit'), input('unit', 'unit', { maxlength: 20, placeholder: t('products.unitExample') })),
    h('label', {}, t('field.reorderPoint'), input('reorderPoint', 'reorder-point', { type: 'number', min: 0, step: 1 })),
    h('label', { class: 'span-2' }, t('field.description'), input('description', 'description', { maxlength: 2000 }))),
  h('div', { class: 'form-actions' }, submit));
  return h('div', { class: 'card' }, h('h2', {}, t('products.new')), slot, form);
}

export async function renderProducts(root, { params, navigate }) {
  const controls = listControls({ path: '#/products', endpoint: '/api/v1/products', params, navigate, dated: false,
    searchLabel: t('products.search'), testid: 'products' });
  const { page } = controls.state;
  const body = h('tbody', { testid: 'products-body' });
  const footer = h('div');
  const listSlot = h('div');

  root.append(h('section', { testid: 'screen-products' },
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, t('products.title')), h('div', { class: 'sub' }, t('products.sub')))),
    session.hasAnyRole(...CATALOGUE_EDITORS) ? createForm(load) : null,
    controls.toolbar,
    listSlot,
    h('div', { class: 'card flush' },
      h('div', { class: 'table-scroll' }, h('table', { testid: 'products-table', class: 'stack' },
        h('caption', { class: 'visually-hidden' }, t('products.title')),
        h('thead', {}, h('tr', {},
          controls.header('sku', t('field.sku')), controls.header('name', t('field.name')),
          h('th', { scope: 'col', class: 'num' }, t('field.unitPrice')), controls.header('vatCategory', t('field.vatCategory')),
          controls.header('status', t('field.status')), h('th', { scope: 'col', class: 'num' }, t('col.available')))),
        body)),
      footer)));

  async function load() {
    try {
      const result = await api.get(`/api/v1/products${query({ ...controls.apiParams, page, size: PAGE_SIZE })}`);
      const products = result.content || [];
      const available = await availableOf(products.map(p => p.sku));
      listSlot.replaceChildren();
      const rows = products.map(p => h('tr', { testid: 'product-row', 'data-sku': p.sku, 'data-status': p.status },
        h('td', { class: 'mono', 'data-label': t('field.sku') }, h('a', { href: `#/products/${encodeURIComponent(p.sku)}`, testid: 'product-link' }, p.sku)),
        h('td', { 'data-label': t('field.name'), testid: 'product-name' }, p.name),
        h('td', { class: 'num', 'data-label': t('field.unitPrice'), testid: 'product-price' }, formatMoney(p.unitPrice, p.currency),
          p.previousUnitPrice == null ? null : h('div', { class: 'muted small', testid: 'product-previous-price',
            title: t('products.priceChangedOn', { date: formatTime(p.priceChangedAt) }) },
          t('products.was', { price: formatMoney(p.previousUnitPrice, p.currency) }))),
        h('td', { 'data-label': t('field.vatCategory') }, vatCategoryName(p.vatCategory)),
        h('td', { 'data-label': t('field.status') }, badge(p.status, { testid: 'product-status' })),
        h('td', { class: 'num', 'data-label': t('col.available'), testid: 'product-available' },
          available.get(p.sku) == null ? '—' : number(available.get(p.sku)))));
      fill(body, rows.length ? rows : h('tr', { testid: 'products-empty' }, h('td', { colspan: 6, class: 'empty' },
        controls.filtered ? t('products.noMatch') : t('products.none'))));
      fill(footer, controls.pages(PAGE_SIZE, result.totalElements ?? rows.length));
    } catch (err) {
      listSlot.replaceChildren(problemBox(err, 'products-problem'));
    }
  }
  await load();
}
