// The controls every list shares: a search box, a date range, sortable column headers, the pager and a CSV export,
// with their state kept in the hash query (q, from, to, sort, page) so that a reload or a shared link shows the same list.
import { download, query } from './api.js';
import { h, pager, problemBox, t } from './ui.js';

/**
 * Controls for the list at hash {@code path} (e.g. '#/orders') read from the API at {@code endpoint}.
 * {@code filters} are the screen's own filters ({ status, customerId }), kept in the hash beside the controls';
 * {@code dated} says whether the list has a date to bound (the API refuses from/to otherwise); {@code exportable} whether
 * the API answers the list as CSV (else no Export CSV button); {@code testid} prefixes
 * the test ids of the controls ('orders' gives 'orders-search', 'orders-from', 'orders-sort-number', 'orders-export').
 * Answers the state read from the hash, the API parameters it asks for, the toolbar, sortable headers and the pager.
 */
export function listControls({ path, endpoint, params, navigate, filters = {}, dated = true, exportable = true, searchLabel, testid }) {
  const state = {
    q: params.get('q') || '',
    from: dated ? params.get('from') || '' : '',
    to: dated ? params.get('to') || '' : '',
    sort: params.get('sort') || '',
    page: Math.max(0, Number(params.get('page') || 0)),
  };
  const [sortField, sortDirection] = state.sort.split(',');

  /** Goes to the list with {@code changes} to the screen's filters or the controls' state; paging restarts unless given. */
  const go = (changes) => {
    const next = { ...filters, ...state, page: 0, ...changes };
    navigate(`${path}${query({ ...next, page: next.page || '' })}`);
  };

  /** The parameters of an API call for the state, beside the screen's filters. */
  const apiParams = { ...filters, q: state.q, from: state.from, to: state.to, sort: state.sort };

  const searchInput = h('input', { type: 'search', name: 'q', value: state.q, testid: `${testid}-search`, maxlength: 100, autocomplete: 'off' });
  const fromInput = h('input', { type: 'date', name: 'from', value: state.from, testid: `${testid}-from` });
  const toInput = h('input', { type: 'date', name: 'to', value: state.to, testid: `${testid}-to` });
  const exportSlot = h('div', { 'aria-live': 'polite' });
  const exportButton = h('button', { class: 'btn', type: 'button', testid: `${testid}-export`, onclick: () => exportCsv() }, t('list.export'));

  async function exportCsv() {
    exportButton.disabled = true;
    exportSlot.replaceChildren();
    try {
      await download(`${endpoint}${query(apiParams)}`, 'text/csv', 'export.csv');
    } catch (err) {
      exportSlot.replaceChildren(problemBox(err, `${testid}-export-problem`));
    } finally {
      exportButton.disabled = false;
    }
  }

  const filtered = state.q || state.from || state.to;
  const toolbar = h('div', { class: 'list-controls' },
    h('form', { class: 'row', role: 'search', testid: `${testid}-controls`, onsubmit: (e) => {
      e.preventDefault();
      go({ q: searchInput.value.trim(), from: fromInput.value, to: toInput.value });
    } },
    h('label', {}, searchLabel || t('list.search'), searchInput),
    dated ? h('label', {}, t('list.from'), fromInput) : null,
    dated ? h('label', {}, t('list.to'), toInput) : null,
    h('button', { class: 'btn btn-primary', type: 'submit', testid: `${testid}-apply` }, t('list.apply')),
    filtered ? h('button', { class: 'btn btn-quiet', type: 'button', testid: `${testid}-reset`, onclick: () => go({ q: '', from: '', to: '' }) }, t('list.reset')) : null,
    exportable ? exportButton : null),
    exportSlot);

  /**
   * A column header sorting by {@code field} when its button is clicked (or pressed with Enter or Space): ascending
   * first, then the other way; the sorted column says so with aria-sort.
   */
  const header = (field, label, attrs = {}) => {
    const sorted = sortField === field;
    const descending = sorted && sortDirection === 'desc';
    const nextSort = `${field},${sorted && !descending ? 'desc' : 'asc'}`;
    return h('th', { scope: 'col', ...attrs, 'aria-sort': sorted ? (descending ? 'descending' : 'ascending') : null },
      h('button', { type: 'button', class: 'sort', testid: `${testid}-sort-${field}`, onclick: () => go({ sort: nextSort }) },
        label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, sorted ? (descending ? '▼' : '▲') : '↕')));
  };

  /** The pager of a page of {@code size} out of {@code total}. */
  const pages = (size, total) => pager(state.page, size, total, (p) => go({ page: p }), `${testid}-pager`);

  return { state, apiParams, filtered, go, toolbar, header, pages };
}
