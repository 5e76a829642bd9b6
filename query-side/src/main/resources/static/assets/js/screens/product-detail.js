// A product's page: its details, every price it has had (a table and a step chart), changing its price and
// discontinuing it (each asked to confirm), and the history of its events.
import { api, session, uuid } from '../api.js';
import { auditTrail } from '../audit.js';
import { stepChart } from '../chart.js';
import { number } from '../i18n.js';
import {
  badge, dateEl, fill, formatMoney, formatTime, h, loadWhenProjected, markInvalid, problemBox, t, until,
} from '../ui.js';
import { CATALOGUE_EDITORS, vatCategoryName } from './products.js';

export async function renderProductDetail(root, { args }) {
  const sku = args[0];
  const editable = session.hasAnyRole(...CATALOGUE_EDITORS);
  const title = h('h1', { testid: 'product-title' }, t('product.loading'));
  const details = h('div', { class: 'card-pad', testid: 'product-details' });
  const prices = h('div', { testid: 'product-prices' });
  const actions = h('div', { class: 'row', testid: 'product-actions' });
  const actionSlot = h('div');
  const history = auditTrail('Product', `product:${sku}`, 'sku', 'product-history');
  let product = null;
  let closed = false;

  root.append(h('section', { testid: 'screen-product', 'data-sku': sku },
    h('div', { class: 'page-head' },
      h('div', {}, h('p', { class: 'sub' }, h('a', { href: '#/products' }, t('product.back'))), title),
      actions),
    actionSlot,
    h('div', { class: 'card' }, h('div', { class: 'card-head' }, h('h2', {}, t('product.details'))), details),
    h('div', { class: 'card' }, h('div', { class: 'card-head' }, h('h2', {}, t('product.priceHistory'))), h('div', { class: 'card-pad' }, prices)),
    h('div', { class: 'card' },
      h('div', { class: 'card-head' }, h('h2', {}, t('product.history'))),
      h('div', { class: 'card-pad' }, history.element))));

  function show(p) {
    product = p;
    title.textContent = p.name;
    root.dataset.status = p.status;
    fill(details, h('dl', { class: 'kv' },
      h('dt', {}, t('field.sku')), h('dd', { class: 'mono', testid: 'product-sku-shown' }, p.sku),
      h('dt', {}, t('field.status')), h('dd', {}, badge(p.status, { testid: 'product-status-shown' })),
      h('dt', {}, t('field.unitPrice')), h('dd', { testid: 'product-price-shown' }, formatMoney(p.unitPrice, p.currency)),
      h('dt', {}, t('field.vatCategory')), h('dd', { testid: 'product-vat-shown' }, vatCategoryName(p.vatCategory)),
      h('dt', {}, t('field.unit')), h('dd', {}, p.unit || '—'),
      h('dt', {}, t('field.reorderPoint')), h('dd', { testid: 'product-reorder-point-shown' }, p.reorderPoint == null ? '—' : number(p.reorderPoint)),
      h('dt', {}, t('field.description')), h('dd', {}, p.description || '—')));
    const changes = p.priceHistory || [];
    fill(prices,
      stepChart(changes.map(c => ({ at: c.effectiveAt, value: c.unitPrice, label: `${formatMoney(c.unitPrice, p.currency)} · ${formatTime(c.effectiveAt)}` })),
        { label: t('product.priceChart', { sku: p.sku }), format: (value) => formatMoney(value, p.currency), testid: 'price-chart' }),
      h('div', { class: 'table-scroll' }, h('table', { class: 'stack', testid: 'price-history' },
        h('caption', { class: 'visually-hidden' }, t('product.priceHistory')),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, t('product.since')), h('th', { scope: 'col', class: 'num' }, t('field.unitPrice')),
          h('th', { scope: 'col' }, t('product.changedBy')))),
        h('tbody', {}, changes.slice().reverse().map(c => h('tr', { testid: 'price-row', 'data-price': c.unitPrice },
          h('td', { 'data-label': t('product.since') }, dateEl(c.effectiveAt)),
          h('td', { class: 'num', 'data-label': t('field.unitPrice'), testid: 'price-value' }, formatMoney(c.unitPrice, p.currency)),
          h('td', { 'data-label': t('product.changedBy') }, c.changedBy || '—')))))));
    renderActions();
  }

  function renderActions() {
    const active = product && product.status === 'ACTIVE';
    fill(actions, editable && active ? [
      h('button', { class: 'btn', type: 'button', testid: 'change-price', onclick: askPrice }, t('product.changePrice')),
      h('button', { class: 'btn btn-danger', type: 'button', testid: 'discontinue', onclick: askDiscontinue }, t('product.discontinue')),
    ] : null);
  }

  function askPrice() {
    const price = h('input', { name: 'unitPrice', type: 'number', min: 0, step: '0.01', required: true, testid: 'new-price', value: product.unitPrice });
    const form = h('form', { class: 'card row', testid: 'price-form', novalidate: true, onsubmit: (e) => {
      e.preventDefault();
      const value = price.value.trim();
      act(form, 'price', { unitPrice: value === '' ? null : Number(value) },
        (p) => p.priceHistory.length > product.priceHistory.length, 'product.priceChanged');
    } },
    h('label', {}, t('product.newPrice', { currency: product.currency }), price),
    h('button', { class: 'btn btn-primary', type: 'submit', testid: 'price-confirm' }, t('product.confirmPrice')),
    h('button', { class: 'btn btn-quiet', type: 'button', onclick: () => actionSlot.replaceChildren() }, t('action.cancel')));
    fill(actionSlot, form);
    price.focus();
  }

  function askDiscontinue() {
    const reason = h('input', { name: 'reason', testid: 'discontinue-reason', maxlength: 500, class: 'wide' });
    const form = h('form', { class: 'card row', testid: 'discontinue-form', onsubmit: (e) => {
      e.preventDefault();
      act(form, 'discontinue', reason.value.trim() ? { reason: reason.value.trim() } : undefined,
        (p) => p.status === 'DISCONTINUED', 'product.discontinued');
    } },
    h('p', { class: 'grow', testid: 'discontinue-question' }, t('product.discontinueQuestion', { name: product.name })),
    h('label', {}, t('field.reason'), reason),
    h('button', { class: 'btn btn-danger', type: 'submit', testid: 'discontinue-confirm' }, t('product.discontinue')),
    h('button', { class: 'btn btn-quiet', type: 'button', onclick: () => actionSlot.replaceChildren() }, t('product.keep')));
    fill(actionSlot, form);
    reason.focus();
  }

  /** Sends a change, then waits until the catalogue shows it (done(product)) before showing the page again. */
  async function act(form, action, body, done, notice) {
    form.querySelectorAll('button').forEach(b => { b.disabled = true; });
    try {
      await api.post(`/api/v1/products/${encodeURIComponent(sku)}/${action}`, body, { 'Idempotency-Key': uuid() });
      let latest = null;
      await until(async () => { latest = await api.get(`/api/v1/products/${encodeURIComponent(sku)}`); return done(latest); });
      if (closed) return;
      fill(actionSlot, h('div', { class: 'notice', testid: 'product-action-done' }, t(notice)));
      if (latest) show(latest);
      history.load();
    } catch (err) {
      form.querySelectorAll('button').forEach(b => { b.disabled = false; });
      actionSlot.querySelector('.problem')?.remove();
      if (!markInvalid(form, err)) form.before(problemBox(err, 'product-action-problem'));
    }
  }

  await loadWhenProjected(() => api.get(`/api/v1/products/${encodeURIComponent(sku)}`), {
    active: () => !closed,
    found: (p) => { show(p); history.load(); },
    problem: (err) => { title.textContent = t('product.missing'); fill(details, problemBox(err, 'product-problem')); },
    missing: () => { title.textContent = t('product.missing'); },
  });
  return () => { closed = true; };
}
