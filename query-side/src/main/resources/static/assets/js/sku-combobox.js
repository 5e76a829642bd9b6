// A SKU field that suggests the catalogue's active products as one types: the ARIA combobox pattern (a text input
// owning a listbox), with arrow keys to move, Enter to choose, Escape to close, and each suggestion showing the
// product's name, unit price and available stock.
import { api, query } from './api.js';
import { formatMoney, h, t } from './ui.js';

const DEBOUNCE_MS = 250;
const SUGGESTIONS = 8;
let comboboxes = 0;

/** The stock available of each SKU (null for a product never received), one stock level read per SKU. */
export async function availableOf(skus) {
  const levels = await Promise.all(skus.map(sku => api.get(`/api/v1/stock/${encodeURIComponent(sku)}`)
    .catch(err => { if (err.status === 404) return null; throw err; })));
  return new Map(skus.map((sku, i) => [sku, levels[i] ? levels[i].available : null]));
}

/** Active products whose SKU or name contains the text, with what is available of each. */
async function suggestions(text) {
  const page = await api.get(`/api/v1/products${query({ q: text, status: 'ACTIVE', size: SUGGESTIONS })}`);
  const products = (page && page.content) || [];
  const available = await availableOf(products.map(p => p.sku));
  return products.map(p => ({ ...p, available: available.get(p.sku) }));
}

/**
 * Answers {input, element}: the input (role combobox, given attrs) and the element to place in the form (the input
 * followed by its listbox and a status telling how many products match). onChoose(product), when given, is called
 * with the product chosen from the list; typing after that calls onChoose(null).
 */
export function skuCombobox(attrs, onChoose = () => {}) {
  const id = `sku-options-${++comboboxes}`;
  const input = h('input', {
    ...attrs, role: 'combobox', autocomplete: 'off', spellcheck: 'false',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': id,
  });
  const list = h('ul', { id, role: 'listbox', class: 'combobox-list', testid: 'sku-options', 'aria-label': t('skuCombobox.label'), hidden: true });
  const status = h('div', { class: 'visually-hidden', role: 'status' });
  let options = [];
  let active = -1;
  let timer = null;
  let asked = 0;

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function highlight(index) {
    const items = [...list.children];
    active = index;
    items.forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    if (index >= 0 && items[index]) {
      input.setAttribute('aria-activedescendant', items[index].id);
      items[index].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function choose(index) {
    const product = options[index];
    if (!product) return;
    input.value = product.sku;
    close();
    onChoose(product);
  }

  function show(found) {
    options = found;
    list.replaceChildren(...found.map((p, i) => h('li', {
      id: `${id}-${i}`, role: 'option', 'aria-selected': 'false', testid: 'sku-option', 'data-sku': p.sku,
      onmousedown: (e) => { e.preventDefault(); choose(i); },
    },
    h('span', { class: 'mono' }, p.sku), ' ', h('span', {}, p.name),
    h('span', { class: 'muted' }, ' · ', formatMoney(p.unitPrice, p.currency), ' · ',
      t('skuCombobox.available', { n: p.available ?? 0 })))));
    status.textContent = t('skuCombobox.count', { n: found.length });
    list.hidden = found.length === 0;
    input.setAttribute('aria-expanded', String(found.length > 0));
    active = -1;
  }

  async function search() {
    const text = input.value.trim();
    const mine = ++asked;
    if (!text) { close(); return; }
    try {
      const found = await suggestions(text);
      if (mine === asked && document.activeElement === input) show(found);
    } catch {
      if (mine === asked) close();
    }
  }

  input.addEventListener('input', () => {
    onChoose(null);
    clearTimeout(timer);
    timer = setTimeout(search, DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (e) => {
    const open = !list.hidden;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (open) highlight(Math.min(active + 1, options.length - 1));
      else search();
    } else if (e.key === 'ArrowUp' && open) {
      e.preventDefault();
      highlight(Math.max(active - 1, 0));
    } else if (e.key === 'Enter' && open && active >= 0) {
      e.preventDefault();
      choose(active);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', close);

  return { input, element: h('span', { class: 'combobox' }, input, list, status) };
}
