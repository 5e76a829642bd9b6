// Vehicles: the list (VIN, plate, make and model, manufacturer, online dot, last seen, trouble-code, alarm and flash badges)
// with search by VIN or plate, online and make filters, paging and the CSV export of what they match, and the form
// that registers a vehicle: its VIN checked as it is typed (length and characters), its plate with the country whose
// format applies, make, model, year and the owner chosen among the customers. What the vehicle page shares is exported
// from here too.
import { api, query, session, uuid } from '../api.js';
import { countryName, countrySelect } from '../pickers.js';
import { clearFieldProblems, fill, formValues, h, problemBox, shortId, showFieldProblems, t, timeEl, until } from '../ui.js';
import { listControls } from '../list-controls.js';
import { loadCustomers } from './customers.js';

const PAGE_SIZE = 20;

/** The roles that read vehicles, and those that register them and pair their dongles (the API checks again). */
export const VEHICLE_READERS = ['ADMIN', 'OPERATOR', 'TECHNICIAN', 'ANALYST'];
export const VEHICLE_EDITORS = ['ADMIN', 'OPERATOR'];

/** The length of a VIN, and the characters it may hold: digits and capitals but I, O and Q (ISO 3779). */
const VIN_LENGTH = 17;
const VIN_CHARACTER = /[A-HJ-NPR-Z0-9]/;

/** The API path of one vehicle (and of what hangs under it). */
export const vehiclePath = (vehicleId, rest = '') => `/api/v1/vehicles/${encodeURIComponent(vehicleId)}${rest}`;

/** A vehicle named on screen: its plate, else its VIN. */
export const vehicleLabel = (v) => v.plate || v.vin || shortId(v.vehicleId);

/** 'Peugeot 208 (2021)', or what of it is known. */
export function makeModel(v) {
  const name = [v.make, v.model].filter(Boolean).join(' ');
  const year = v.year || v.modelYear;
  if (!name) return year ? String(year) : '—';
  return year ? t('vehicles.makeModelYear', { name, year }) : name;
}

/** The online dot, with its word beside it (never the colour alone). */
export function onlineDot(online, testid = 'vehicle-online') {
  return h('span', { class: `online-dot ${online ? 'on' : 'off'}`, testid, 'data-online': String(!!online) },
    online ? t('vehicles.online') : t('vehicles.offline'));
}

/** A count badge for the active trouble codes or alarms, nothing when there are none. */
export function countBadge(count, kind, testid) {
  if (!count) return null;
  return h('span', { class: `badge s-${kind === 'alarms' ? 'CRITICAL' : 'WARNING'}`, testid, 'data-count': String(count) },
    t(`vehicles.${kind}Count`, { count }));
}

/**
 * What is wrong with a VIN being typed, for the hint under its input: too long, a character a VIN never holds, or how
 * many characters are still missing; null once it has seventeen valid characters. The server decides (check digit).
 */
export function vinHint(raw) {
  const vin = String(raw || '').toUpperCase().replace(/\s+/g, '');
  const wrong = [...new Set([...vin].filter(c => !VIN_CHARACTER.test(c)))];
  if (wrong.length) return { rule: 'vin-characters', text: t('vehicles.vinBadCharacters', { chars: wrong.join(' ') }) };
  if (vin.length > VIN_LENGTH) return { rule: 'vin-length', text: t('vehicles.vinTooLong', { count: vin.length }) };
  if (vin.length < VIN_LENGTH) return { rule: 'vin-length', text: t('vehicles.vinMissing', { count: vin.length, left: VIN_LENGTH - vin.length }) };
  return null;
}

export async function renderVehicles(root, { params, navigate }) {
  const online = params.get('online') || '';
  const make = params.get('make') || '';
  const controls = listControls({ path: '#/vehicles', endpoint: '/api/v1/vehicles', params, navigate, filters: { online, make },
    searchLabel: t('vehicles.search'), testid: 'vehicles' });
  const { page } = controls.state;
  const go = controls.go;
  const editor = session.hasAnyRole(...VEHICLE_EDITORS);

  const body = h('tbody', { testid: 'vehicles-body' });
  const footer = h('div');
  const listSlot = h('div', { 'aria-live': 'polite' });
  const onlineSelect = h('select', { name: 'online', testid: 'filter-online', onchange: (e) => go({ online: e.target.value }) },
    h('option', { value: '' }, t('vehicles.anyState')),
    h('option', { value: 'true', selected: online === 'true' }, t('vehicles.online')),
    h('option', { value: 'false', selected: online === 'false' }, t('vehicles.offline')));
  const makeInput = h('input', { name: 'make', testid: 'filter-make', value: make, maxlength: 60, autocomplete: 'off' });

  root.append(h('section', { testid: 'screen-vehicles' },
    h('div', { class: 'page-head' },
      h('div', {}, h('h1', {}, t('vehicles.title')), h('div', { class: 'sub' }, t('vehicles.sub')))),
    editor ? registerCard(() => load()) : null,
    h('form', { class: 'row filters', testid: 'vehicle-filters', onsubmit: (e) => { e.preventDefault(); go({ make: makeInput.value.trim() }); } },
      h('label', {}, t('vehicles.state'), onlineSelect),
      h('label', {}, t('vehicles.make'), makeInput),
      h('button', { class: 'btn', type: 'submit', testid: 'filter-make-apply' }, t('list.apply')),
      online || make ? h('button', { class: 'btn btn-quiet', type: 'button', testid: 'filter-clear', onclick: () => go({ online: '', make: '' }) }, t('filter.clear')) : null),
    controls.toolbar,
    listSlot,
    h('div', { class: 'card flush' },
      h('div', { class: 'table-scroll' }, h('table', { testid: 'vehicles-table', class: 'stack' },
        h('caption', { class: 'visually-hidden' }, t('vehicles.title')),
        h('thead', {}, h('tr', {},
          controls.header('vin', t('vehicles.vin')), controls.header('plate', t('vehicles.plate')),
          h('th', { scope: 'col' }, t('vehicles.makeModel')), h('th', { scope: 'col' }, t('vehicles.manufacturer')),
          h('th', { scope: 'col' }, t('vehicles.state')), controls.header('lastSeenAt', t('vehicles.lastSeen')),
          h('th', { scope: 'col' }, t('vehicles.attention')))),
        body)),
      footer)));

  const row = (v) => h('tr', { testid: 'vehicle-row', 'data-vehicle-id': v.vehicleId, 'data-vin': v.vin, 'data-online': String(!!v.online) },
    h('td', { 'data-label': t('vehicles.vin') },
      h('a', { href: `#/vehicles/${encodeURIComponent(v.vehicleId)}`, class: 'mono', testid: 'vehicle-link' }, v.vin)),
    h('td', { 'data-label': t('vehicles.plate'), testid: 'vehicle-plate-shown' },
      v.plate || h('span', { class: 'muted' }, '—'), v.plateCountry ? h('span', { class: 'muted', title: countryName(v.plateCountry) }, ` · ${v.plateCountry}`) : null),
    h('td', { 'data-label': t('vehicles.makeModel'), testid: 'vehicle-make-model' }, makeModel(v)),
    h('td', { 'data-label': t('vehicles.manufacturer'), testid: 'vehicle-manufacturer' }, v.manufacturer || '—'),
    h('td', { 'data-label': t('vehicles.state') }, onlineDot(v.online)),
    h('td', { 'data-label': t('vehicles.lastSeen'), testid: 'vehicle-last-seen' }, v.lastSeenAt ? timeEl(v.lastSeenAt) : h('span', { class: 'muted' }, t('vehicles.neverSeen'))),
    h('td', { 'data-label': t('vehicles.attention'), testid: 'vehicle-attention' },
      countBadge((v.troubleCodes || []).length, 'codes', 'vehicle-codes-badge'), ' ',
      countBadge((v.alarms || []).length, 'alarms', 'vehicle-alarms-badge'), ' ',
      v.flashAlarm ? h('span', { class: 'badge s-CRITICAL', testid: 'vehicle-flash-alarm-badge' }, t('vehicles.flashAlarm')) : null, ' ',
      v.flashJobId ? h('span', { class: 'badge s-RUNNING', testid: 'vehicle-flashing-badge' }, t('vehicles.flashing')) : null));

  async function load() {
    try {
      const result = await api.get(`/api/v1/vehicles${query({ ...controls.apiParams, page, size: PAGE_SIZE })}`);
      listSlot.replaceChildren();
      const rows = (result.content || []).map(row);
      fill(body, rows.length ? rows : h('tr', {}, h('td', { colspan: 7, class: 'empty', testid: 'vehicles-empty' },
        controls.filtered || online || make ? t('vehicles.noMatch') : t('vehicles.none'))));
      fill(footer, controls.pages(result.size || PAGE_SIZE, result.totalElements ?? rows.length));
    } catch (err) {
      listSlot.replaceChildren(problemBox(err, 'vehicles-problem'));
    }
    body.dataset.loaded = 'true';
  }
  await load();
}

/** The card holding the register form; once the read model holds the new vehicle, {@code registered()} is called. */
function registerCard(registered) {
  const slot = h('div');
  const vin = h('input', { name: 'vin', testid: 'vehicle-vin', required: true, maxlength: 20, autocomplete: 'off', spellcheck: 'false',
    autocapitalize: 'characters', class: 'mono', placeholder: 'VF3XXXXXXXXXXXXXX' });
  const vinStatus = h('div', { class: 'muted small vin-hint', role: 'status', testid: 'vehicle-vin-hint' }, t('vehicles.vinHint'));
  vin.addEventListener('input', () => {
    const hint = vin.value ? vinHint(vin.value) : null;
    vinStatus.textContent = !vin.value ? t('vehicles.vinHint') : hint ? hint.text : t('vehicles.vinComplete');
    vinStatus.dataset.rule = hint ? hint.rule : '';
    vinStatus.classList.toggle('bad', !!hint && hint.rule === 'vin-characters');
  });
  const plateCountry = countrySelect({ name: 'plateCountry', testid: 'vehicle-plate-country' }, 'FR');
  const owner = h('select', { name: 'ownerCustomerId', testid: 'vehicle-owner' }, h('option', { value: '' }, t('vehicles.noOwner')));
  loadCustomers().then(list => {
    for (const c of list) if (!c.erased) owner.append(h('option', { value: c.customerId }, c.name));
  }).catch(() => {});
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'vehicle-submit' }, t('vehicles.register'));
  let idempotencyKey = null;

  const form = h('form', { testid: 'vehicle-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const v = formValues(form);
    const wanted = { vin: v.vin.toUpperCase().replace(/\s+/g, ''), plate: v.plate };
    for (const name of ['plateCountry', 'make', 'model', 'ownerCustomerId']) if (v[name]) wanted[name] = v[name];
    if (v.year) wanted.year = Number(v.year);
    idempotencyKey = idempotencyKey || uuid();
    submit.disabled = true;
    slot.replaceChildren();
    clearFieldProblems(form);
    try {
      const created = await api.post('/api/v1/vehicles', wanted, { 'Idempotency-Key': idempotencyKey });
      idempotencyKey = null;
      form.reset();
      plateCountry.value = 'FR';
      vin.dispatchEvent(new Event('input'));
      const id = created && created.vehicleId;
      slot.replaceChildren(h('div', { class: 'notice', testid: 'vehicle-created' }, t('vehicles.registered', { vin: wanted.vin }), ' ',
        id ? h('a', { href: `#/vehicles/${encodeURIComponent(id)}`, testid: 'vehicle-created-link' }, t('vehicles.open')) : null));
      // the list is a read model: wait until it holds the new vehicle before showing it
      if (id) await until(() => api.get(vehiclePath(id)).then(Boolean), { timeoutMs: 15000 });
      await registered();
    } catch (err) {
      if (err.problem) idempotencyKey = null; // the server answered; a new submission gets a new key
      if (!showFieldProblems(form, err)) slot.replaceChildren(problemBox(err, 'vehicle-problem'));
    } finally {
      submit.disabled = false;
    }
  } },
  h('div', { class: 'form-grid' },
    // the hint is not tied by aria-describedby: editing a refused field removes what that points at
    h('div', { class: 'span-2 vin-field' }, h('label', {}, t('vehicles.vin'), vin), vinStatus),
    h('label', {}, t('vehicles.plate'), h('input', { name: 'plate', testid: 'vehicle-plate', required: true, maxlength: 20, autocomplete: 'off', placeholder: 'AB-123-CD' })),
    h('label', {}, t('vehicles.plateCountry'), plateCountry),
    h('label', {}, t('vehicles.make'), h('input', { name: 'make', testid: 'vehicle-make', maxlength: 60 })),
    h('label', {}, t('vehicles.model'), h('input', { name: 'model', testid: 'vehicle-model', maxlength: 60 })),
    h('label', {}, t('vehicles.year'), h('input', { name: 'year', testid: 'vehicle-year', type: 'number', min: 1886, max: new Date().getFullYear() + 1, step: 1 })),
    h('label', {}, t('vehicles.owner'), owner)),
  h('div', { class: 'form-actions' }, submit));

  return h('div', { class: 'card' }, h('h2', {}, t('vehicles.new')), slot, form);
}
