// The page for a route the application does not know.
import { h, t } from '../ui.js';

export function renderNotFound(root, { args }) {
  root.append(h('section', { class: 'not-found', testid: 'screen-not-found' },
    h('div', { class: 'card' },
      h('h1', {}, t('notFound.title')),
      h('p', {}, t('notFound.text')),
      h('p', { class: 'muted' }, h('code', { testid: 'not-found-path' }, args[0] || '')),
      h('p', {}, h('a', { class: 'btn btn-primary', href: '#/orders', testid: 'not-found-home' }, t('notFound.home'))))));
}
