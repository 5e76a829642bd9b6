// What the vehicle page shows of its ECUs and flashes: a critical alarm when a flash could not restore an ECU, the
// flash running on the vehicle (a link to its page), the ECUs with their hardware and installed version, and for those
// who flash the form that starts one: the ECU, a released firmware of that ECU, the preconditions the command side
// checks (as a checklist, asked again on each choice), an admin's explicit downgrade, and Start, which opens the job.
import { api, query, session } from '../api.js';
import { has } from '../i18n.js';
import { clearFieldProblems, fill, h, problemBox, shortId, showFieldProblems, t, timeEl } from '../ui.js';
import { isAdmin } from './admin.js';
import { FLASHERS } from './flash-jobs.js';

/**
 * The ECU and flash cards of vehicle {@code vehicleId}; {@code show(v)} draws them from the vehicle's view (only what
 * changed), {@code navigate} opens a started job's page.
 */
export function vehicleFlashCards(vehicleId, navigate) {
  const flasher = session.hasAnyRole(...FLASHERS);
  const alarm = h('div', { testid: 'vehicle-flash-alarm-slot', 'aria-live': 'assertive' });
  const running = h('div', { testid: 'vehicle-flash-running-slot', 'aria-live': 'polite' });
  const ecus = h('tbody', { testid: 'vehicle-ecus-body' });
  const formSlot = h('div', { 'aria-live': 'polite' });
  const ecuSelect = h('select', { name: 'ecu', testid: 'flash-ecu', required: true, onchange: () => loadFirmware() });
  const firmwareSelect = h('select', { name: 'firmwareId', testid: 'flash-firmware', required: true, onchange: () => checkPreconditions() });
  const downgrade = h('input', { type: 'checkbox', name: 'allowDowngrade', testid: 'flash-allow-downgrade' });
  const checks = h('ul', { class: 'checklist', testid: 'flash-preconditions', 'aria-live': 'polite' });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'flash-start', disabled: true }, t('vehicleFlash.start'));

  const form = h('form', { testid: 'flash-form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    submit.disabled = true;
    formSlot.replaceChildren();
    clearFieldProblems(form);
    const wanted = { vehicleId, ecu: ecuSelect.value, firmwareId: firmwareSelect.value };
    if (downgrade.checked) wanted.allowDowngrade = true;
    try {
      const accepted = await api.post('/api/v1/flash-jobs', wanted);
      navigate(`#/flash-jobs/${encodeURIComponent(accepted.flashJobId)}`);
    } catch (err) {
      if (!showFieldProblems(form, err)) formSlot.replaceChildren(problemBox(err, 'flash-start-problem'));
      submit.disabled = false;
    }
  } },
  h('div', { class: 'form-grid' },
    h('label', {}, t('flash.ecu'), ecuSelect),
    h('label', {}, t('flash.firmware'), firmwareSelect),
    isAdmin() ? h('label', { class: 'check span-2' }, downgrade, ' ', t('vehicleFlash.allowDowngrade')) : null),
  h('h3', {}, t('vehicleFlash.preconditions')), checks,
  h('div', { class: 'form-actions' }, submit));

  const element = h('div', { testid: 'vehicle-flash' },
    alarm,
    h('div', { class: 'grid-2' },
      h('div', { class: 'card flush' },
        h('h2', { class: 'card-pad-top' }, t('vehicleFlash.ecus')),
        h('div', { class: 'table-scroll' }, h('table', { testid: 'vehicle-ecus-table', class: 'stack' },
          h('caption', { class: 'visually-hidden' }, t('vehicleFlash.ecus')),
          h('thead', {}, h('tr', {},
            h('th', { scope: 'col' }, t('flash.ecu')), h('th', { scope: 'col' }, t('vehicleFlash.hardware')),
            h('th', { scope: 'col' }, t('vehicleFlash.version')), h('th', { scope: 'col' }, t('vehicleFlash.since')))),
          ecus))),
      h('div', { class: 'card' }, h('h2', {}, t('vehicleFlash.title')), running,
        flasher ? [formSlot, form] : h('p', { class: 'muted', testid: 'flash-not-allowed' }, t('vehicleFlash.notAllowed')))));

  let vehicleEcus = [];

  function showAlarm(v) {
    const a = v.flashAlarm;
    const signature = JSON.stringify(a || null);
    if (alarm.dataset.signature === signature) return;
    alarm.dataset.signature = signature;
    fill(alarm, a ? h('div', { class: 'problem flash-alarm', role: 'alert', testid: 'vehicle-flash-alarm', 'data-ecu': a.ecu, 'data-flash-job-id': a.flashJobId },
      h('div', { class: 'title' }, h('span', { class: 'badge s-CRITICAL' }, t('vehicleFlash.critical')), ' ', t('vehicleFlash.alarmTitle', { ecu: a.ecu })),
      h('p', {}, a.reason || '', ' · ', timeEl(a.raisedAt)),
      h('p', {}, t('vehicleFlash.alarmAdvice'), ' ', h('a', { href: `#/flash-jobs/${encodeURIComponent(a.flashJobId)}`, testid: 'vehicle-flash-alarm-job' }, t('vehicleFlash.openJob'))))
      : null);
  }

  function showRunning(v) {
    if (running.dataset.flashJobId === (v.flashJobId || '')) return;
    running.dataset.flashJobId = v.flashJobId || '';
    fill(running, v.flashJobId ? h('div', { class: 'notice', testid: 'vehicle-flash-running' },
      t('vehicleFlash.running'), ' ', h('a', { href: `#/flash-jobs/${encodeURIComponent(v.flashJobId)}`, class: 'mono', testid: 'vehicle-flash-running-link' },
        shortId(v.flashJobId))) : null);
    checkPreconditions();
  }

  function showEcus(v) {
    const list = v.ecus || [];
    const signature = JSON.stringify(list);
    if (ecus.dataset.signature === signature) return;
    ecus.dataset.signature = signature;
    vehicleEcus = list;
    fill(ecus, list.length ? list.map(e => h('tr', { testid: 'vehicle-ecu-row', 'data-ecu': e.ecu, 'data-version': e.version || '' },
      h('td', { 'data-label': t('flash.ecu'), class: 'mono' }, e.ecu),
      h('td', { 'data-label': t('vehicleFlash.hardware'), class: 'mono' }, e.hardware || '—'),
      h('td', { 'data-label': t('vehicleFlash.version'), testid: 'vehicle-ecu-version' }, e.version || '—'),
      h('td', { 'data-label': t('vehicleFlash.since') }, e.updatedAt ? timeEl(e.updatedAt) : '—')))
      : h('tr', {}, h('td', { colspan: 4, class: 'empty', testid: 'vehicle-ecus-empty' }, t('vehicleFlash.noEcu'))));
    const chosen = ecuSelect.value;
    fill(ecuSelect, h('option', { value: '' }, t('vehicleFlash.chooseEcu')),
      list.map(e => h('option', { value: e.ecu, selected: e.ecu === chosen }, `${e.ecu} (${e.version || '?'})`)));
    if (ecuSelect.value !== chosen) loadFirmware();
    else checkPreconditions();
  }

  let firmwareAsked = 0;
  /** The released firmware of the chosen ECU, newest first. */
  async function loadFirmware() {
    const mine = ++firmwareAsked;
    fill(firmwareSelect, h('option', { value: '' }, t('vehicleFlash.chooseFirmware')));
    const ecu = ecuSelect.value;
    if (ecu) {
      try {
        const page = await api.get(`/api/v1/firmware${query({ ecu, status: 'RELEASED', size: 200 })}`);
        if (mine !== firmwareAsked) return;
        const installed = (vehicleEcus.find(e => e.ecu === ecu) || {}).version;
        for (const f of page.content || []) {
          firmwareSelect.append(h('option', { value: f.firmwareId, 'data-version': f.version },
            f.version === installed ? t('vehicleFlash.installed', { version: f.version }) : f.version));
        }
      } catch (err) {
        if (mine === firmwareAsked) formSlot.replaceChildren(problemBox(err, 'flash-firmware-problem'));
      }
    }
    checkPreconditions();
  }

  let checksAsked = 0;
  /** Asks the command side whether a flash of the chosen ECU and firmware may start now, and shows each check. */
  async function checkPreconditions() {
    const mine = ++checksAsked;
    const ecu = ecuSelect.value;
    const firmwareId = firmwareSelect.value;
    submit.disabled = true;
    if (!ecu || !firmwareId) { fill(checks, h('li', { class: 'muted' }, t('vehicleFlash.chooseFirst'))); return; }
    try {
      const answer = await api.get(`/api/v1/flash-jobs/preconditions${query({ vehicleId, ecu, firmwareId })}`);
      if (mine !== checksAsked) return;
      const list = (answer && answer.checks) || [];
      fill(checks, list.map(c => h('li', { class: c.ok ? 'ok' : 'bad', testid: 'flash-precondition', 'data-name': c.name, 'data-ok': String(!!c.ok) },
        h('span', { 'aria-hidden': 'true' }, c.ok ? '✓ ' : '✗ '),
        h('span', { class: 'visually-hidden' }, c.ok ? t('vehicleFlash.checkOk') : t('vehicleFlash.checkFailed')),
        h('strong', {}, has(`vehicleFlash.check.${c.name}`) ? t(`vehicleFlash.check.${c.name}`) : c.name), c.detail ? h('span', { class: 'muted small' }, ` — ${c.detail}`) : null)));
      checks.dataset.ready = String(list.every(c => c.ok));
      submit.disabled = !list.every(c => c.ok);
    } catch (err) {
      if (mine === checksAsked) fill(checks, h('li', {}, problemBox(err, 'flash-preconditions-problem')));
    }
  }

  function show(v) {
    showAlarm(v);
    showEcus(v);
    showRunning(v);
  }

  return { element, show };
}
