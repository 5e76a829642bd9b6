// Place order: customer, currency, any number of lines and a shipping address, sent once per submission.
import { NetworkError, api, uuid } from '../api.js';
import { fill, formatMoney, h, markInvalid, problemBox, t } from '../ui.js';
import { loadCustomers } from './customers.js';

export async function renderPlaceOrder(root, { navigate, params }) {
  const slot = h('div');
  const customerSelect = h('select', { name: 'customerId', testid: 'order-customer', required: true },
    h('option', { value: '' }, t('placeOrder.loadingCustomers')));
  const currency = h('input', { name: 'currency', testid: 'order-currency', maxlength: 3, placeholder: 'EUR', required: true });
  const lines = h('div', { testid: 'order-lines-editor' });
  const totalEl = h('span', { class: 'total', testid: 'order-form-total' }, '—');
  const addr = (name, label, attrs = {}) => h('label', {}, label,
    h('input', { name: `shippingAddress.${name}`, testid: `order-address-${name}`, required: true, ...attrs }));
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'order-submit' }, t('placeOrder.submit'));

  let customers = [];
  // One key per submission; kept only when the request never reached the server, so a retry is the same submission.
  let idempotencyKey = null;

  function lineRow() {
    const row = h('div', { class: 'line', testid: 'order-line' });
    const subtotal = h('div', { class: 'subtotal' });
    row.append(
      h('label', {}, t('field.sku'), h('input', { name: 'sku', testid: 'line-sku', required: true, oninput: recalc })),
      h('label', {}, t('field.quantity'), h('input', { name: 'quantity', type: 'number', min: 1, step: 1, value: '1', testid: 'line-quantity', required: true, oninput: recalc })),
      h('label', {}, t('field.unitPrice'), h('input', { name: 'unitPrice', type: 'number', min: 0, step: '0.01', testid: 'line-unit-price', required: true, oninput: recalc })),
      subtotal,
      h('button', { class: 'btn btn-quiet btn-small', type: 'button', title: t('placeOrder.removeLine'), 'aria-label': t('placeOrder.removeLine'), testid: 'line-remove', onclick: () => {
        if (lines.children.length > 1) { row.remove(); renumber(); recalc(); }
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
      const get = (f) => row.querySelector(`[data-field="${f}"]`).value.trim();
      return { sku: get('sku'), quantity: get('quantity') === '' ? null : Number(get('quantity')), unitPrice: get('unitPrice') === '' ? null : Number(get('unitPrice')) };
    });
  }

  function recalc() {
    let sum = 0;
    [...lines.children].forEach((row, i) => {
      const l = readLines()[i];
      const sub = (l.quantity || 0) * (l.unitPrice || 0);
      sum += sub;
      row.querySelector('.subtotal').textContent = sub ? formatMoney(sub, currency.value.toUpperCase()) : '';
    });
    totalEl.textContent = formatMoney(sum, currency.value.toUpperCase());
  }

  const form = h('form', { testid: 'place-order-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const v = (name) => form.querySelector(`[name="${name}"]`).value.trim();
    const body = {
      customerId: customerSelect.value,
      currency: currency.value.trim().toUpperCase(),
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
        h('button', { class: 'btn btn-small', type: 'button', testid: 'add-line', onclick: () => { lines.append(lineRow()); renumber(); } }, t('placeOrder.addLine')),
        h('span', { class: 'spacer' }),
        h('span', { class: 'muted' }, t('col.total'), ' '), totalEl)),
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

  customerSelect.addEventListener('change', () => {
    const c = customers.find(x => x.customerId === customerSelect.value);
    if (!c) return;
    currency.value = c.currency || currency.value;
    const recipient = form.querySelector('[name="shippingAddress.recipient"]');
    const country = form.querySelector('[name="shippingAddress.country"]');
    if (!recipient.value) recipient.value = c.name;
    if (!country.value) country.value = c.country || '';
    for (const el of [currency, recipient, country]) if (el.value) el.classList.remove('invalid');
    recalc();
  });
  currency.addEventListener('input', recalc);

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
}
