// Stock levels per SKU (product name and price, on hand, reserved, available, reorder point and a low-stock state)
// with the list controls (search, sortable columns, paging, CSV export), updated live from the stock stream; receiving
// stock, and adjustments and counts, with SKUs suggested from the catalogue.
import { api, query, session, subscribe, uuid } from '../api.js';
import { dateFormat, number } from '../i18n.js';
import { listControls } from '../list-controls.js';
import { skuCombobox } from '../sku-combobox.js';
import { fill, formValues, formatMoney, h, liveIndicator, markInvalid, problemBox, t, until } from '../ui.js';

const PAGE_SIZE = 50;

export async function renderStock(root, { params, navigate }) {
  const controls = listControls({ path: '#/stock', endpoint: '/api/v1/stock', params, navigate, dated: false,
    searchLabel: t('stock.search'), testid: 'stock' });
  const { page } = controls.state;
  const body = h('tbody', { testid: 'stock-body' });
  const footer = h('div');
  const listSlot = h('div');
  const refreshed = h('span', { class: 'muted', testid: 'stock-refreshed' });
  const live = liveIndicator('stock-live');
  let total = 0;

  const current = async (sku) => api.get(`/api/v1/stock/${encodeURIComponent(sku)}`).catch(err => {
    if (err.status === 404) return null;
    throw err;
  });

  /** Sends one stock command and waits until the read model shows the change. */
  function movementForm({ testid, title, fields, submitLabel, send, changed }) {
    const slot = h('div');
    const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: `${testid}-submit` }, submitLabel);
    const form = h('form', { testid, novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      const v = formValues(form);
      slot.replaceChildren();
      if (!v.sku) {
        const missing = { problem: { title: t('stock.skuMissing'), detail: t('rule.sku.not-blank'), field: 'sku', rule: 'not-blank' } };
        slot.replaceChildren(problemBox(missing, `${testid}-problem`));
        markInvalid(form, missing);
        return;
      }
      submit.disabled = true;
      try {
        const before = v.sku ? await current(v.sku) : null;
        await send(v, uuid());
        markInvalid(form, null);
        slot.replaceChildren(h('div', { class: 'notice', testid: `${testid}-done` }, t('stock.done', { title, sku: v.sku })));
        await until(async () => changed(before, await current(v.sku), v));
        form.reset();
        await load();
      } catch (err) {
        slot.replaceChildren(problemBox(err, `${testid}-problem`));
        markInvalid(form, err);
      } finally {
        submit.disabled = false;
      }
    } },
    h('div', { class: 'form-grid' }, fields),
    h('div', { class: 'form-actions' }, submit));
    return h('div', { class: 'card' }, h('h2', {}, title), slot, form);
  }

  const skuInput = (testid) => skuCombobox({ name: 'sku', testid, required: true, placeholder: t('stock.skuExample') }).element;
  const onHand = (level) => (level ? level.onHand : 0);

  const receive = movementForm({
    testid: 'receive-form', title: t('stock.receive'), submitLabel: t('stock.receiveSubmit'),
    fields: [
      h('label', {}, t('field.sku'), skuInput('receive-sku')),
      h('label', {}, t('field.quantity'), h('input', { name: 'quantity', type: 'number', min: 1, step: 1, testid: 'receive-quantity', required: true })),
    ],
    send: (v, key) => api.post(`/api/v1/stock/${encodeURIComponent(v.sku)}/receipts`, { quantity: Number(v.quantity) }, { 'Idempotency-Key': key }),
    changed: (before, after) => after && onHand(after) !== onHand(before),
  });

  const operation = h('select', { name: 'operation', testid: 'correct-operation', onchange: () => { reason.closest('label').hidden = operation.value !== 'adjust'; } },
    h('option', { value: 'adjust' }, t('stock.adjustBy')), h('option', { value: 'count' }, t('stock.counted')));
  const reason = h('input', { name: 'reason', testid: 'correct-reason', placeholder: t('stock.reasonExample') });
  const correct = movementForm({
    testid: 'correct-form', title: t('stock.correct'), submitLabel: t('stock.record'),
    fields: [
      h('label', {}, t('field.sku'), skuInput('correct-sku')),
      h('label', {}, t('stock.operation'), operation),
      h('label', {}, t('field.quantity'), h('input', { name: 'quantity', type: 'number', step: 1, testid: 'correct-quantity', required: true })),
      h('label', {}, t('field.reason'), reason),
    ],
    send: (v, key) => v.operation === 'count'
      ? api.post(`/api/v1/stock/${encodeURIComponent(v.sku)}/counts`, { counted: Number(v.quantity) }, { 'Idempotency-Key': key })
      : api.post(`/api/v1/stock/${encodeURIComponent(v.sku)}/adjustments`, { quantity: Number(v.quantity), reason: v.reason }, { 'Idempotency-Key': key }),
    changed: (before, after, v) => after && (onHand(after) !== onHand(before) || (v.operation === 'count' && onHand(after) === Number(v.quantity))),
  });

  root.append(h('section', { testid: 'screen-stock' },
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, t('stock.title')), h('div', { class: 'sub' }, t('stock.sub'))),
      h('div', { class: 'row' }, refreshed, live.el, h('button', { class: 'btn', type: 'button', testid: 'stock-refresh', onclick: () => load() }, t('action.refresh')))),
    h('div', {},
      h('div', {},
        controls.toolbar,
        listSlot,
        h('div', { class: 'card flush' },
          h('div', { class: 'table-scroll' }, h('table', { class: 'stack', testid: 'stock-table' },
            h('caption', { class: 'visually-hidden' }, t('stock.title')),
            h('thead', {}, h('tr', {},
              controls.header('sku', t('field.sku')), controls.header('name', t('field.name')),
              h('th', { scope: 'col', class: 'num' }, t('field.unitPrice')), controls.header('onHand', t('col.onHand'), { class: 'num' }),
              controls.header('reserved', t('col.reserved'), { class: 'num' }), controls.header('available', t('col.available'), { class: 'num' }),
              h('th', { scope: 'col', class: 'num' }, t('field.reorderPoint')), h('th', { scope: 'col' }, t('stock.state')))),
            body)),
          footer)),
      session.hasAnyRole('ADMIN', 'OPERATOR') ? h('div', { class: 'grid-2 even' }, receive, correct) : null)));

  // A level is low when its product has a reorder point and no more than that is available: said in words, not colour.
  const state = (s) => (s.lowStock
    ? h('span', { class: 'badge s-LOW', testid: 'stock-low' }, t('stock.low'))
    : h('span', { class: 'muted' }, s.reorderPoint == null ? '—' : t('stock.enough')));
  const row = (s) => h('tr', { id: `stock-row-${s.sku}`, testid: 'stock-row', 'data-sku': s.sku, 'data-low': String(!!s.lowStock), 'data-shown': shown(s) },
    h('td', { class: 'mono', testid: 'stock-sku', 'data-label': t('field.sku') },
      s.name ? h('a', { href: `#/products/${encodeURIComponent(s.sku)}` }, s.sku) : s.sku),
    h('td', { testid: 'stock-name', 'data-label': t('field.name') }, s.name || '—'),
    h('td', { class: 'num', testid: 'stock-price', 'data-label': t('field.unitPrice') }, s.unitPrice == null ? '—' : formatMoney(s.unitPrice, s.currency)),
    h('td', { class: 'num', testid: 'stock-on-hand', 'data-label': t('col.onHand') }, number(s.onHand)),
    h('td', { class: 'num', testid: 'stock-reserved', 'data-label': t('col.reserved') }, number(s.reserved)),
    h('td', { class: s.available <= 0 || s.lowStock ? 'num low' : 'num', testid: 'stock-available', 'data-label': t('col.available') }, number(s.available)),
    h('td', { class: 'num', testid: 'stock-reorder-point', 'data-label': t('field.reorderPoint') }, s.reorderPoint == null ? '—' : number(s.reorderPoint)),
    h('td', { testid: 'stock-state', 'data-label': t('stock.state') }, state(s)));
  /** What a row shows, to tell a real change from the stream's replay of what is on the page already. */
  const shown = (s) => JSON.stringify([s.name, s.unitPrice, s.currency, s.onHand, s.reserved, s.available, s.reorderPoint, !!s.lowStock]);
  const showPager = () => fill(footer, controls.pages(PAGE_SIZE, total));
  const touched = () => { refreshed.textContent = t('stock.updatedAt', { time: dateFormat({ timeStyle: 'medium' }).format(new Date()) }); };

  async function load() {
    try {
      const result = await api.get(`/api/v1/stock${query({ ...controls.apiParams, page, size: PAGE_SIZE })}`);
      listSlot.replaceChildren();
      const rows = (result.content || []).map(row);
      total = result.totalElements ?? rows.length;
      fill(body, rows.length ? rows : h('tr', { testid: 'stock-empty' }, h('td', { colspan: 8, class: 'empty' },
        controls.filtered ? t('stock.noMatch') : t('stock.none'))));
      showPager();
      touched();
    } catch (err) {
      listSlot.replaceChildren(problemBox(err, 'stock-problem'));
    }
  }

  /**
   * Whether a SKU not shown belongs on this page: rows are in SKU order, PAGE_SIZE to a page. With a search or a sort
   * set the list alone knows where a new SKU goes, so it waits for the next load.
   */
  const belongsHere = (sku) => {
    if (controls.filtered || controls.state.sort) return false;
    const rows = [...body.querySelectorAll('tr[data-sku]')];
    if (!rows.length) return page === 0;
    if (page > 0 && sku < rows[0].dataset.sku) return false;
    return rows.length < PAGE_SIZE || sku < rows[rows.length - 1].dataset.sku;
  };

  await load();
  // The stream first replays the current levels, then sends every change: only rows that really changed flash. A row
  // shown is updated in place whatever the search or sort; a new one is added only where it surely belongs.
  const close = subscribe('/api/v1/stock/updates', 'stock', (s) => {
    const existing = body.querySelector(`tr[data-sku="${CSS.escape(s.sku)}"]`);
    const fresh = row(s);
    fresh.classList.add('flash');
    if (existing) {
      if (existing.dataset.shown === shown(s)) return;
      existing.replaceWith(fresh);
    } else if (belongsHere(s.sku)) {
      body.querySelector('[data-testid="stock-empty"]')?.remove();
      const after = [...body.querySelectorAll('tr[data-sku]')].find(tr => s.sku < tr.dataset.sku);
      body.insertBefore(fresh, after || null);
      while (body.children.length > PAGE_SIZE) body.lastElementChild.remove();
      total += 1;
      showPager();
    } else {
      return;
    }
    touched();
  }, live.set);
  return () => close();
}
