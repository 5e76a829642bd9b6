// What the admin screens share: who may open them, the page a non-admin sees instead, and the roles as words.
import { session } from '../api.js';
import { fill, h, t } from '../ui.js';

/** The roles Axle knows, as the API names them. */
export const ROLES = ['ADMIN', 'OPERATOR', 'TECHNICIAN', 'ANALYST', 'DEVICE', 'PARTNER'];

/** Roles a person can have: partners act through an API key bound to their customer, never as users. */
export const USER_ROLES = ROLES.filter(role => role !== 'PARTNER');

/** Whether the signed-in user may manage users and keys (the API checks again). */
export function isAdmin() {
  return session.hasAnyRole('ADMIN');
}

/** A role in words: 'Operator' / 'Opérateur'. */
export function roleName(role) {
  return t(`role.${role}`);
}

/** The page shown instead of an admin screen to someone who is not an admin (or whom the API refused). */
export function notAllowed(root) {
  root.replaceChildren(h('section', { class: 'not-found', testid: 'screen-not-allowed' },
    h('div', { class: 'card' },
      h('h1', {}, t('admin.notAllowed')),
      h('p', { testid: 'not-allowed-text' }, t('admin.notAllowedText')),
      h('p', {}, h('a', { class: 'btn btn-primary', href: '#/orders' }, t('notFound.home'))))));
}

/**
 * The frame both admin screens share: heading and line under it, the creation form in a card, slots for notices,
 * and the list as a table that becomes one card per row on phones (cells carry their column name as data-label).
 */
export function adminPage(testid, { title, sub, newTitle, formSlot, form, slots, tableTestid, columns, body }) {
  return h('section', { testid },
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, title), h('div', { class: 'sub' }, sub))),
    h('div', { class: 'card' }, h('h2', {}, newTitle), formSlot, form),
    slots,
    adminTable(tableTestid, title, columns, body));
}

/**
 * A list in a card: a table named by a hidden caption, a header per column and a last one for the row's actions, that
 * becomes one card per row on phones; {@code heading} goes above the table, in the card.
 */
export function adminTable(tableTestid, title, columns, body, heading = null) {
  return h('div', { class: 'card flush' }, heading,
    h('div', { class: 'table-scroll' }, h('table', { testid: tableTestid, class: 'stack' },
      h('caption', { class: 'visually-hidden' }, title),
      h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col' }, c)),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('admin.actions'))))),
      body)));
}

/**
 * A danger button that asks first: clicking it puts the question in the cell, with a button that does it and one that
 * puts things back. {@code before()} gives what the cell shows ahead of the button (another action, say).
 */
export function askFirst(cell, { label, testid, question, act, before = () => null }) {
  const show = () => fill(cell, before(),
    h('button', { class: 'btn btn-danger btn-small', type: 'button', testid, onclick: ask }, label));
  function ask() {
    const yes = h('button', { class: 'btn btn-danger btn-small', type: 'button', testid: `${testid}-confirm` }, label);
    yes.addEventListener('click', () => { yes.disabled = true; act(); });
    fill(cell, h('div', { class: 'confirm row', role: 'group', 'aria-label': question, testid: `${testid}-question` },
      h('span', {}, question), yes,
      h('button', { class: 'btn btn-quiet btn-small', type: 'button', testid: `${testid}-keep`, onclick: show }, t('admin.keep'))));
    yes.focus();
  }
  show();
}

/**
 * A secret shown once, in a modal dialog with a copy button and a warning that it will not be shown again (an API
 * key's words unless another warning is given); closing it removes the secret from the page for good. Test ids start
 * with {@code prefix}: '<prefix>-secret', '<prefix>-secret-copy', '<prefix>-secret-close', …
 */
export function secretDialog(slot, { prefix, title, secret, warning = t('admin.secretOnce') }) {
  const copied = h('span', { class: 'muted small', role: 'status', testid: `${prefix}-secret-copied` });
  const shown = h('code', { class: 'secret', testid: `${prefix}-secret` }, secret);
  const close = h('button', { class: 'btn btn-primary', type: 'button', testid: `${prefix}-secret-close` }, t('admin.secretClose'));
  const dialog = h('dialog', { class: 'dialog', testid: `${prefix}-secret-dialog`, 'aria-labelledby': `${prefix}-secret-title` },
    h('h2', { id: `${prefix}-secret-title` }, title),
    h('p', { class: 'problem', testid: `${prefix}-secret-warning` }, warning),
    h('p', {}, shown),
    h('div', { class: 'form-actions' },
      h('button', { class: 'btn', type: 'button', testid: `${prefix}-secret-copy`, onclick: async () => {
        try {
          await navigator.clipboard.writeText(secret);
          copied.textContent = t('admin.secretCopied');
        } catch {
          getSelection().selectAllChildren(shown);
          copied.textContent = t('admin.secretSelected');
        }
      } }, t('admin.secretCopy')),
      copied, close));
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => { dialog.remove(); });
  fill(slot, dialog);
  dialog.showModal();
  close.focus();
}
