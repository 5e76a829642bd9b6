// Users (admins only): who may sign in and with which roles; create a user, change their roles (from their next
// sign-in), delete them after a confirmation. An admin cannot delete themself nor drop their own admin role.
import { request, session } from '../api.js';
import { clearFieldProblems, dateEl, fill, h, problemBox, showFieldProblems, t } from '../ui.js';
import { USER_ROLES, adminPage, askFirst, isAdmin, notAllowed, roleName } from './admin.js';

/** Checkboxes for the roles a user can have, in a fieldset that field problems on 'roles' are shown under. */
function roleChoices(prefix, chosen = []) {
  return h('fieldset', { class: 'checks', testid: `${prefix}-roles` },
    h('legend', {}, t('admin.roles')),
    USER_ROLES.map(role => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'role', value: role, testid: `${prefix}-role-${role}`, checked: chosen.includes(role) }),
      ' ', roleName(role))));
}

function checkedRoles(fieldset) {
  return [...fieldset.querySelectorAll('input[name=role]:checked')].map(input => input.value);
}

export async function renderAdminUsers(root) {
  if (!isAdmin()) { notAllowed(root); return; }
  const body = h('tbody', { testid: 'users-body' });
  const listSlot = h('div');
  const formSlot = h('div');
  const editSlot = h('div');

  const username = h('input', { name: 'username', testid: 'user-username', autocomplete: 'off', required: true, maxlength: 100 });
  const password = h('input', { name: 'password', type: 'password', testid: 'user-password', autocomplete: 'new-password', required: true, minlength: 8 });
  const roles = roleChoices('user');
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'user-submit' }, t('admin.createUser'));
  const locate = (field) => (field === 'roles' ? roles : null);
  const form = h('form', { testid: 'user-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    submit.disabled = true;
    formSlot.replaceChildren();
    clearFieldProblems(form);
    const name = username.value.trim();
    try {
      await request('POST', '/api/v1/users', { body: { username: name, password: password.value, roles: checkedRoles(roles) } });
      form.reset();
      formSlot.replaceChildren(h('div', { class: 'notice', testid: 'user-created' }, t('admin.userCreated', { name })));
      await load();
    } catch (err) {
      if (!showFieldProblems(form, err, locate)) formSlot.replaceChildren(problemBox(err, 'user-problem'));
    } finally {
      submit.disabled = false;
    }
  } },
  h('div', { class: 'form-grid' },
    h('label', {}, t('admin.username'), username),
    h('label', {}, t('admin.password'), password)),
  roles,
  h('div', { class: 'form-actions' }, submit));

  root.append(adminPage('screen-admin-users', {
    title: t('admin.usersTitle'), sub: t('admin.usersSub'), newTitle: t('admin.newUser'), formSlot, form,
    slots: [editSlot, listSlot], tableTestid: 'users-table', body,
    columns: [t('admin.username'), t('admin.roles'), t('admin.created')],
  }));

  function row(user) {
    const me = user.username.toLowerCase() === session.user.toLowerCase();
    const actions = h('td', { class: 'actions' });
    const editButton = () => h('button', { class: 'btn btn-small', type: 'button', testid: 'user-edit-roles', onclick: () => editRoles(user) }, t('admin.changeRoles'));
    if (me) fill(actions, editButton(), h('span', { class: 'muted small', testid: 'user-is-you' }, t('admin.you')));
    else {
      askFirst(actions, { label: t('admin.delete'), testid: 'user-delete', question: t('admin.deleteUserQuestion', { name: user.username }),
        act: () => remove(user, actions), before: editButton });
    }
    return h('tr', { testid: 'user-row', 'data-username': user.username },
      h('td', { 'data-label': t('admin.username'), class: 'mono' }, user.username),
      h('td', { 'data-label': t('admin.roles'), testid: 'user-roles-shown' }, (user.roles || []).map(roleName).join(', ')),
      h('td', { 'data-label': t('admin.created') }, user.createdAt ? dateEl(user.createdAt) : '—'),
      actions);
  }

  async function remove(user, cell) {
    try {
      await request('DELETE', `/api/v1/users/${encodeURIComponent(user.username)}`);
      fill(listSlot, h('div', { class: 'notice', testid: 'user-deleted' }, t('admin.userDeleted', { name: user.username })));
      editSlot.replaceChildren();
      await load();
    } catch (err) {
      fill(cell, problemBox(err, 'user-delete-problem'));
    }
  }

  function editRoles(user) {
    const choices = roleChoices('edit', user.roles || []);
    const slot = h('div');
    const save = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'roles-save' }, t('admin.saveRoles'));
    const edit = h('form', { class: 'card', testid: 'roles-form', 'data-username': user.username, novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      save.disabled = true;
      slot.replaceChildren();
      clearFieldProblems(edit);
      try {
        await request('PUT', `/api/v1/users/${encodeURIComponent(user.username)}/roles`, { body: { roles: checkedRoles(choices) } });
        fill(editSlot, h('div', { class: 'notice', testid: 'roles-saved' }, t('admin.rolesSaved', { name: user.username })));
        await load();
      } catch (err) {
        if (!showFieldProblems(edit, err, (field) => (field === 'roles' ? choices : null))) slot.replaceChildren(problemBox(err, 'roles-problem'));
        save.disabled = false;
      }
    } },
    h('h2', {}, t('admin.rolesOf', { name: user.username })),
    h('p', { class: 'muted small' }, t('admin.rolesNextSignIn')),
    slot, choices,
    h('div', { class: 'form-actions' }, save,
      h('button', { class: 'btn btn-quiet', type: 'button', testid: 'roles-cancel', onclick: () => editSlot.replaceChildren() }, t('action.cancel'))));
    fill(editSlot, edit);
    edit.querySelector('input').focus();
  }

  async function load() {
    try {
      const users = await request('GET', '/api/v1/users');
      fill(body, (users || []).length ? users.map(row) : h('tr', {}, h('td', { colspan: 4, class: 'empty' }, t('admin.noUsers'))));
    } catch (err) {
      if (err.status === 403) { notAllowed(root); return; }
      listSlot.replaceChildren(problemBox(err, 'users-problem'));
    }
  }
  await load();
}
