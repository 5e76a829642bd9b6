// Place order: customer, currency, lines picked from the catalogue and a shipping address, sent once per submission.
// Before placing, the server's quote shows each line's net, the VAT per rate and the total including tax, as the
// invoice will state them.
import { NetworkError, api, session, uuid } from '../api.js';
import { number, numberFormat } from '../i18n.js';
import { skuCombobox } from '../sku-combobox.js';
import { clearFieldProblem, fill, formatMoney, h, markInvalid, problemBox, showFieldProblems, t } from '../ui.js';
import { loadCustomers } from './customers.js';

const QUOTE_DELAY_MS = 300;

export async function renderPlaceOrder(root, { navigate, params }) {
  const slot = h('div');
  const customerSelect = h('select', { name: 'customerId', testid: 'order-customer', required: true },
    h('option', { value: '' }, t('placeOrder.loadingCustomers')));
  const currency = h('input', { name: 'currency', testid: 'order-currency', maxlength: 3, placeholder: 'EUR', required: true });
  const lines = h('div', { testid: 'order-lines-editor' });
  const quoteSlot = h('div', { testid: 'order-quote', 'aria-live': 'polite' });
  const addr = (name, label, attrs = {}) => h('label', {}, label,
    h('input', { name: `shippingAddress.${name}`, testid: `order-address-${name}`, required: true, ...attrs }));
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'order-submit' }, t('placeOrder.submit'));
  // Only administrators and operators may sell at another price than the catalogue's.
  const mayOverride = session.hasAnyRole('ADMIN', 'OPERATOR');

  let customers = [];
  // One key per submission; kept only when the request never reached the server, so a retry is the same submission.
  let idempotencyKey = null;
  let quoteTimer = null;
  let quoteAsked = 0;

  function lineRow() {
    const row = h('div', { class: mayOverride ? 'line' : 'line no-price', testid: 'order-line' });
    const price = mayOverride
      ? h('input', { name: 'unitPrice', type: 'number', min: 0, step: '0.01', testid: 'line-unit-price', oninput: requote })
      : null;
    const sku = skuCombobox({ name: 'sku', testid: 'line-sku', required: true }, (product) => {
      if (price) price.placeholder = product ? number(product.unitPrice, 2) : '';
      requote();
    });
    row.append(
      h('label', {}, t('field.sku'), sku.element),
      h('label', {}, t('field.quantity'), h('input', { name: 'quantity', type: 'number', min: 1, step: 1, value: '1', testid: 'line-quantity', required: true, oninput: requote })),
      price ? h('label', {}, t('field.unitPrice'), price, h('span', { class: 'field-hint' }, t('placeOrder.priceHint'))) : null,
      h('div', { class: 'subtotal' }, h('div', { testid: 'line-net' }), h('div', { class: 'small', testid: 'line-product' })),
      h('button', { class: 'btn btn-quiet btn-small', type: 'button', title: t('placeOrder.removeLine'), 'aria-label': t('placeOrder.removeLine'), testid: 'line-remove', onclick: () => {
        if (lines.children.length > 1) { row.remove(); renumber(); requote(); }
      } }, '✕'));
    return row;
  }

  /** Names inputs lines[i].field so problems about a line point at the right input. */
  function renumber() {
    [...lines.children].forEach((row, i) => {
      for (const input of row.querySelectorAll('input')) {
        const base = input.dataset.field || input.name;
        input.dataset.field = base;
        input.name = `lines[${i}].${base}`;
      }
    });
  }

  function readLines() {
    return [...lines.children].map(row => {
      const get = (f) => row.querySelector(`[data-field="${f}"]`)?.value.trim() ?? '';
      return { sku: get('sku'), quantity: get('quantity') === '' ? null : Number(get('quantity')), unitPrice: get('unitPrice') === '' ? null : Number(get('unitPrice')) };
    });
  }

  const orderCurrency = () => currency.value.trim().toUpperCase();

  /** Asks for a new quote once the user pauses; only the answer to the latest question is shown. */
  function requote() {
    clearTimeout(quoteTimer);
    quoteTimer = setTimeout(showQuote, QUOTE_DELAY_MS);
  }

  async function showQuote() {
    const mine = ++quoteAsked;
    const body = { customerId: customerSelect.value, currency: orderCurrency(), lines: readLines() };
    const complete = body.customerId && /^[A-Z]{3}$/.test(body.currency) && body.lines.every(l => l.sku && l.quantity > 0);
    if (!complete) {
      showNets(null);
      fill(quoteSlot, h('p', { class: 'muted', testid: 'quote-waiting' }, t('placeOrder.quoteWaiting')));
      return;
    }
    try {
      const quote = await api.post('/api/v1/billing/quote', body);
      if (mine !== quoteAsked) return;
      lines.querySelectorAll('[aria-invalid="true"]').forEach(clearFieldProblem);
      showNets(quote);
      fill(quoteSlot, summary(quote));
    } catch (err) {
      if (mine !== quoteAsked) return;
      showNets(null);
      // a refused line (unknown or discontinued SKU) is said at once under its field, leaving the focus where it is
      const typing = document.activeElement;
      const shown = showFieldProblems(form, err);
      if (typing && typing !== document.activeElement) typing.focus();
      fill(quoteSlot, shown ? h('p', { class: 'muted', testid: 'quote-waiting' }, t('placeOrder.quoteWaiting'))
        : problemBox(err, 'quote-problem'));
    }
  }

  /** Shows each line's net and product name from the quote, or nothing while there is none. */
  function showNets(quote) {
    [...lines.children].forEach((row, i) => {
      const line = quote && quote.lines[i];
      row.querySelector('[data-testid="line-net"]').textContent = line ? formatMoney(line.net, quote.currency) : '';
      row.querySelector('[data-testid="line-product"]').textContent = line ? line.description : '';
    });
  }

  function summary(quote) {
    const money = (amount) => formatMoney(amount, quote.currency);
    return h('div', { class: 'table-scroll' }, h('table', { class: 'quote', testid: 'quote-table' },
      h('caption', {}, t('placeOrder.quoteCaption')),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('col.rate')), h('th', { scope: 'col', class: 'num' }, t('col.base')),
        h('th', { scope: 'col', class: 'num' }, t('col.tax')))),
      h('tbody', {}, quote.taxes.map(tax => h('tr', { testid: 'quote-tax', 'data-rate': tax.rate },
        h('td', {}, t('unit.percent', { n: numberFormat({ maximumFractionDigits: 2 }).format(tax.rate) })),
        h('td', { class: 'num' }, money(tax.base)),
        h('td', { class: 'num' }, money(tax.amount))))),
      h('tfoot', {},
        h('tr', {}, h('th', { scope: 'row', colspan: 2 }, t('placeOrder.totalExclTax')), h('td', { class: 'num', testid: 'quote-total-excl' }, money(quote.totalExclTax))),
        h('tr', {}, h('th', { scope: 'row', colspan: 2 }, t('placeOrder.totalTax')), h('td', { class: 'num', testid: 'quote-total-tax' }, money(quote.totalTax))),
        h('tr', { class: 'grand' }, h('th', { scope: 'row', colspan: 2 }, t('col.totalInclTax')), h('td', { class: 'num total', testid: 'order-form-total' }, money(quote.totalInclTax))))),
    quote.reverseCharge ? h('p', { class: 'muted', testid: 'quote-reverse-charge' }, t('placeOrder.reverseCharge')) : null);
  }

  const form = h('form', { testid: 'place-order-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const v = (name) => form.querySelector(`[name="${name}"]`).value.trim();
    const body = {
      customerId: customerSelect.value,
      currency: orderCurrency(),
      lines: readLines(),
      shippingAddress: {
        recipient: v('shippingAddress.recipient'), street: v('shippingAddress.street'), city: v('shippingAddress.city'),
        postalCode: v('shippingAddress.postalCode'), country: v('shippingAddress.country').toUpperCase(),
      },
    };
    idempotencyKey = idempotencyKey || uuid();
    submit.disabled = true;
    submit.textContent = t('placeOrder.placing');
    slot.replaceChildren();
    try {
      const placed = await api.post('/api/v1/orders', body, { 'Idempotency-Key': idempotencyKey });
      idempotencyKey = null;
      const id = placed && (placed.orderId || placed.id);
      navigate(`#/orders/${encodeURIComponent(id)}`);
    } catch (err) {
      if (!(err instanceof NetworkError)) idempotencyKey = null;
      slot.replaceChildren(problemBox(err, 'order-problem'));
      markInvalid(form, err);
      slot.scrollIntoView({ behavior: 'smooth', block: 'start' });
    } finally {
      submit.disabled = false;
      submit.textContent = t('placeOrder.submit');
    }
  } },
  h('div', { class: 'card' },
    h('fieldset', {},
      h('legend', {}, t('field.customer')),
      h('div', { class: 'form-grid' },
        h('label', { class: 'span-2' }, t('field.customer'), customerSelect),
        h('label', {}, t('field.currency'), currency))),
    h('fieldset', {},
      h('legend', {}, t('placeOrder.lines')),
      lines,
      h('div', { class: 'row' },
        h('button', { class: 'btn btn-small', type: 'button', testid: 'add-line', onclick: () => { lines.append(lineRow()); renumber(); requote(); } }, t('placeOrder.addLine')))),
    h('fieldset', {},
      h('legend', {}, t('placeOrder.quote')),
      quoteSlot),
    h('fieldset', {},
      h('legend', {}, t('placeOrder.shipping')),
      h('div', { class: 'form-grid' },
        addr('recipient', t('field.recipient')),
        addr('street', t('field.street')),
        addr('city', t('field.city')),
        addr('postalCode', t('field.postalCode')),
        addr('country', t('field.country'), { maxlength: 2, placeholder: 'FR' }))),
    h('div', { class: 'form-actions' }, submit, h('a', { href: '#/orders', class: 'btn btn-quiet' }, t('action.cancel')))));

  root.append(h('section', { testid: 'screen-place-order' },
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, t('nav.placeOrder')), h('div', { class: 'sub' }, t('placeOrder.sub')))),
    slot, form));

  lines.append(lineRow());
  renumber();
  showQuote();

  customerSelect.addEventListener('change', () => {
    const c = customers.find(x => x.customerId === customerSelect.value);
    if (c) {
      currency.value = c.currency || currency.value;
      const recipient = form.querySelector('[name="shippingAddress.recipient"]');
      const country = form.querySelector('[name="shippingAddress.country"]');
      if (!recipient.value) recipient.value = c.name;
      if (!country.value) country.value = c.country || '';
      for (const el of [currency, recipient, country]) if (el.value) el.classList.remove('invalid');
    }
    requote();
  });
  currency.addEventListener('input', requote);

  try {
    customers = await loadCustomers();
    fill(customerSelect,
      h('option', { value: '' }, customers.length ? t('placeOrder.chooseCustomer') : t('customers.none')),
      customers.map(c => h('option', { value: c.customerId, 'data-currency': c.currency }, `${c.name} (${c.currency})`)));
    const preset = params.get('customerId');
    if (preset) { customerSelect.value = preset; customerSelect.dispatchEvent(new Event('change')); }
  } catch (err) {
    slot.replaceChildren(problemBox(err, 'order-problem'));
  }
  return () => clearTimeout(quoteTimer);
}
