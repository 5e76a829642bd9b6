// API keys (admins only): the keys partners, devices and connectors call the API with. Creating one shows its secret
// once, in a dialog with a copy button; only its hash is kept, so it is never shown again. A partner key is bound to
// a customer, a device key to a device; a key can be revoked after a confirmation and stays listed as revoked.
import { request } from '../api.js';
import { clearFieldProblems, dateEl, fill, h, problemBox, showFieldProblems, t } from '../ui.js';
import { customerNames } from './customers.js';
import { ROLES, adminPage, askFirst, isAdmin, notAllowed, roleName, secretDialog } from './admin.js';

export async function renderAdminApiKeys(root) {
  if (!isAdmin()) { notAllowed(root); return; }
  const body = h('tbody', { testid: 'keys-body' });
  const listSlot = h('div');
  const formSlot = h('div');
  const dialogSlot = h('div');
  let names = new Map();

  const name = h('input', { name: 'name', testid: 'key-name', autocomplete: 'off', required: true, maxlength: 100 });
  const role = h('select', { name: 'role', testid: 'key-role', required: true },
    ROLES.map(r => h('option', { value: r }, roleName(r))));
  role.value = 'OPERATOR';
  const customer = h('select', { name: 'customerId', testid: 'key-customer' }, h('option', { value: '' }, t('admin.chooseCustomer')));
  const device = h('input', { name: 'deviceId', testid: 'key-device', autocomplete: 'off', maxlength: 100, placeholder: 'rig-7:t-1' });
  const customerField = h('label', {}, t('field.customer'), customer);
  const deviceField = h('label', {}, t('admin.deviceId'), device);
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'key-submit' }, t('admin.createKey'));

  /** Only a partner key names a customer, only a device key a device: the other field is hidden and not sent. */
  function showBindings() {
    customerField.hidden = role.value !== 'PARTNER';
    deviceField.hidden = role.value !== 'DEVICE';
  }
  role.addEventListener('change', showBindings);
  showBindings();

  const form = h('form', { testid: 'key-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    submit.disabled = true;
    formSlot.replaceChildren();
    clearFieldProblems(form);
    const wanted = { name: name.value.trim(), role: role.value };
    if (role.value === 'PARTNER' && customer.value) wanted.customerId = customer.value;
    if (role.value === 'DEVICE' && device.value.trim()) wanted.deviceId = device.value.trim();
    try {
      const created = await request('POST', '/api/v1/api-keys', { body: wanted });
      form.reset();
      role.value = 'OPERATOR';
      showBindings();
      secretDialog(dialogSlot, { prefix: 'key', title: t('admin.secretTitle', { name: created.name }), secret: created.key });
      await load();
    } catch (err) {
      if (!showFieldProblems(form, err)) formSlot.replaceChildren(problemBox(err, 'key-problem'));
    } finally {
      submit.disabled = false;
    }
  } },
  h('div', { class: 'form-grid' },
    h('label', {}, t('admin.keyName'), name),
    h('label', {}, t('admin.role'), role),
    customerField,
    deviceField),
  h('div', { class: 'form-actions' }, submit));

  root.append(adminPage('screen-admin-api-keys', {
    title: t('admin.keysTitle'), sub: t('admin.keysSub'), newTitle: t('admin.newKey'), formSlot, form,
    slots: [dialogSlot, listSlot], tableTestid: 'keys-table', body,
    columns: [t('admin.keyName'), t('admin.role'), t('admin.boundTo'), t('admin.created'), t('field.status')],
  }));

  function binding(key) {
    if (key.customerId) return h('span', { title: key.customerId }, names.get(key.customerId) || key.customerId);
    if (key.deviceId) return h('span', { class: 'mono' }, key.deviceId);
    return '—';
  }

  function row(key) {
    const actions = h('td', { class: 'actions' });
    if (!key.revokedAt) {
      askFirst(actions, { label: t('admin.revoke'), testid: 'key-revoke', question: t('admin.revokeQuestion', { name: key.name }),
        act: () => revoke(key, actions) });
    }
    return h('tr', { testid: 'key-row', 'data-key-id': key.id, 'data-name': key.name, 'data-revoked': String(!!key.revokedAt) },
      h('td', { 'data-label': t('admin.keyName'), class: 'mono' }, key.name),
      h('td', { 'data-label': t('admin.role') }, roleName(key.role)),
      h('td', { 'data-label': t('admin.boundTo'), testid: 'key-bound-to' }, binding(key)),
      h('td', { 'data-label': t('admin.created') }, key.createdAt ? dateEl(key.createdAt) : '—'),
      h('td', { 'data-label': t('field.status'), testid: 'key-status' }, key.revokedAt
        ? h('span', {}, h('span', { class: 'badge s-REJECTED' }, t('admin.revoked')), ' ', dateEl(key.revokedAt))
        : h('span', { class: 'badge s-CONFIRMED' }, t('admin.active'))),
      actions);
  }

  async function revoke(key, cell) {
    try {
      await request('POST', `/api/v1/api-keys/${encodeURIComponent(key.id)}/revoke`);
      fill(listSlot, h('div', { class: 'notice', testid: 'key-revoked' }, t('admin.keyRevoked', { name: key.name })));
      await load();
    } catch (err) {
      fill(cell, problemBox(err, 'key-revoke-problem'));
    }
  }

  async function load() {
    try {
      const keys = await request('GET', '/api/v1/api-keys');
      fill(body, (keys || []).length ? keys.map(row) : h('tr', {}, h('td', { colspan: 6, class: 'empty' }, t('admin.noKeys'))));
    } catch (err) {
      if (err.status === 403) { notAllowed(root); return; }
      listSlot.replaceChildren(problemBox(err, 'keys-problem'));
    }
  }

  try {
    names = await customerNames();
    for (const [id, customerName] of names) customer.append(h('option', { value: id }, customerName));
  } catch (err) {
    formSlot.replaceChildren(problemBox(err, 'key-customers-problem'));
  }
  await load();
}
