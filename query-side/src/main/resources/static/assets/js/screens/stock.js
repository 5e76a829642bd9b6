// Stock levels per SKU (on hand, reserved, available) that update live from the stock stream, receiving stock, and adjustments and counts.
import { api, query, session, subscribe, uuid } from '../api.js';
import { dateFormat } from '../i18n.js';
import { fill, formValues, h, liveIndicator, markInvalid, pager, problemBox, t, until } from '../ui.js';

const PAGE_SIZE = 50;

export async function renderStock(root, { params, navigate }) {
  const page = Math.max(0, Number(params.get('page') || 0));
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

  const skuInput = (testid) => h('input', { name: 'sku', testid, required: true, placeholder: t('stock.skuExample') });
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
    h('div', { class: 'grid-2' },
      h('div', {},
        listSlot,
        h('div', { class: 'card flush' },
          h('div', { class: 'table-scroll' }, h('table', { testid: 'stock-table' },
            h('caption', { class: 'visually-hidden' }, t('stock.title')),
            h('thead', {}, h('tr', {},
              h('th', { scope: 'col' }, t('field.sku')), h('th', { scope: 'col', class: 'num' }, t('col.onHand')),
              h('th', { scope: 'col', class: 'num' }, t('col.reserved')), h('th', { scope: 'col', class: 'num' }, t('col.available')))),
            body)),
          footer)),
      session.hasAnyRole('ADMIN', 'OPERATOR') ? h('div', {}, receive, correct) : null)));

  const row = (s) => h('tr', { id: `stock-row-${s.sku}`, testid: 'stock-row', 'data-sku': s.sku },
    h('td', { class: 'mono', testid: 'stock-sku' }, s.sku),
    h('td', { class: 'num', testid: 'stock-on-hand' }, s.onHand),
    h('td', { class: 'num', testid: 'stock-reserved' }, s.reserved),
    h('td', { class: s.available <= 0 ? 'num low' : 'num', testid: 'stock-available' }, s.available));
  const figures = (s) => `${s.onHand}/${s.reserved}/${s.available}`;
  const shownFigures = (tr) => ['stock-on-hand', 'stock-reserved', 'stock-available']
    .map(id => tr.querySelector(`[data-testid="${id}"]`).textContent).join('/');
  const showPager = () => fill(footer, pager(page, PAGE_SIZE, total, (p) => navigate(`#/stock?page=${p}`), 'stock-pager'));
  const touched = () => { refreshed.textContent = t('stock.updatedAt', { time: dateFormat({ timeStyle: 'medium' }).format(new Date()) }); };

  async function load() {
    try {
      const result = await api.get(`/api/v1/stock${query({ page, size: PAGE_SIZE })}`);
      listSlot.replaceChildren();
      const rows = (result.content || []).map(row);
      total = result.totalElements ?? rows.length;
      fill(body, rows.length ? rows : h('tr', { testid: 'stock-empty' }, h('td', { colspan: 4, class: 'empty' }, t('stock.none'))));
      showPager();
      touched();
    } catch (err) {
      listSlot.replaceChildren(problemBox(err, 'stock-problem'));
    }
  }

  /** Whether a SKU not shown belongs on this page: rows are in SKU order, PAGE_SIZE to a page. */
  const belongsHere = (sku) => {
    const rows = [...body.querySelectorAll('tr[data-sku]')];
    if (!rows.length) return page === 0;
    if (page > 0 && sku < rows[0].dataset.sku) return false;
    return rows.length < PAGE_SIZE || sku < rows[rows.length - 1].dataset.sku;
  };

  await load();
  // The stream first replays the current levels, then sends every change: only rows that really changed flash.
  const close = subscribe('/api/v1/stock/updates', 'stock', (s) => {
    const existing = body.querySelector(`tr[data-sku="${CSS.escape(s.sku)}"]`);
    const fresh = row(s);
    fresh.classList.add('flash');
    if (existing) {
      if (shownFigures(existing) === figures(s)) return;
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
