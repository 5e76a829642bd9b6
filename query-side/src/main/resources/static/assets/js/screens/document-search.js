// Full-text search of the documents: the words in the hash (q), filters by type and upload date, hits ranked by
// relevance with the server's highlighted snippets, and paging.
import { api, query } from '../api.js';
import { typeLabel, typeSelect } from '../documents-common.js';
import { number } from '../i18n.js';
import { fill, h, pager, problemBox, shortId, statusLabel, t, timeEl } from '../ui.js';

const PAGE_SIZE = 20;

export async function renderDocumentSearch(root, { params, navigate }) {
  const state = {
    q: params.get('q') || '',
    type: params.get('type') || '',
    from: params.get('from') || '',
    to: params.get('to') || '',
    page: Math.max(0, Number(params.get('page') || 0)),
  };
  const go = (changes) => {
    const next = { ...state, page: 0, ...changes };
    navigate(`#/documents/search${query({ ...next, page: next.page || '' })}`);
  };

  const qInput = h('input', { type: 'search', name: 'q', value: state.q, testid: 'search-q', maxlength: 200, autocomplete: 'off', class: 'wide' });
  const typeInput = typeSelect({ name: 'type', testid: 'search-type' }, state.type, { any: true });
  const fromInput = h('input', { type: 'date', name: 'from', value: state.from, testid: 'search-from' });
  const toInput = h('input', { type: 'date', name: 'to', value: state.to, testid: 'search-to' });
  const results = h('div', { testid: 'search-results', 'aria-live': 'polite' });

  root.append(h('section', { testid: 'screen-document-search' },
    h('div', { class: 'page-head' },
      h('div', {},
        h('div', { class: 'sub' }, h('a', { href: '#/documents' }, t('document.back'))),
        h('h1', {}, t('search.title')), h('div', { class: 'sub' }, t('search.sub')))),
    h('form', { class: 'card row', role: 'search', testid: 'search-form', onsubmit: (e) => {
      e.preventDefault();
      go({ q: qInput.value.trim(), type: typeInput.value, from: fromInput.value, to: toInput.value });
    } },
    h('label', { class: 'grow' }, t('search.words'), qInput),
    h('label', {}, t('field.type'), typeInput),
    h('label', {}, t('list.from'), fromInput),
    h('label', {}, t('list.to'), toInput),
    h('button', { class: 'btn btn-primary', type: 'submit', testid: 'search-submit' }, t('search.submit'))),
    results));

  if (!state.q) {
    fill(results, h('p', { class: 'muted', testid: 'search-hint' }, t('search.hint')));
    qInput.focus();
    return undefined;
  }
  fill(results, h('p', { class: 'muted' }, t('common.loading')));
  try {
    const answer = await api.get(`/api/v1/documents/search${query({ q: state.q, type: state.type, from: state.from, to: state.to, page: state.page, size: PAGE_SIZE })}`);
    const hits = answer.content || [];
    const total = answer.totalElements ?? hits.length;
    fill(results,
      h('p', { class: 'muted', testid: 'search-count' }, t('search.count', { count: total, shown: number(total) })),
      hits.length ? h('ol', { class: 'search-hits', testid: 'search-hits' }, hits.map(hit)) : h('p', { class: 'empty', testid: 'search-none' }, t('search.none')),
      total > PAGE_SIZE ? pager(state.page, answer.size || PAGE_SIZE, total, (p) => go({ page: p }), 'search-pager') : null);
  } catch (err) {
    fill(results, problemBox(err, 'search-problem'));
  }
  return undefined;
}

function hit(d) {
  return h('li', { class: 'card search-hit', testid: 'search-hit', 'data-document-id': d.documentId },
    h('div', { class: 'row center' },
      h('a', { href: `#/documents/${encodeURIComponent(d.documentId)}`, testid: 'search-hit-link', class: 'hit-title' }, d.title || shortId(d.documentId)),
      h('span', { class: 'muted small' }, typeLabel(d.type)),
      h('span', { class: 'muted small' }, statusLabel(d.status)),
      h('span', { class: 'muted small' }, timeEl(d.uploadedAt))),
    (d.snippets || []).map(snippet));
}

/**
 * One snippet as the server sends it: the document's text HTML-escaped, with <mark>…</mark> around the words found.
 * It is the only text put in with innerHTML, because the marks must become elements. The server escapes everything
 * else; to be safe it is parsed in an inert <template> first (nothing loads or runs there) and taken only if it holds
 * nothing but text and <mark> elements without attributes, else shown as plain text.
 */
function snippet(html) {
  const p = h('p', { class: 'snippet', testid: 'search-snippet' });
  const parsed = document.createElement('template');
  parsed.innerHTML = String(html ?? '');
  const onlyMarks = [...parsed.content.querySelectorAll('*')].every(el => el.tagName === 'MARK' && el.attributes.length === 0);
  if (onlyMarks) p.append(parsed.content);
  else p.textContent = parsed.content.textContent;
  return p;
}
