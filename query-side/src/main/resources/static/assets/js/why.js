// "Why did this happen": the causation trees of the requests behind a record, read as an indented timeline, and
// "what did it look like then": a slider over the record's event times that rebuilds it as of one of them.
import { api } from './api.js';
import { eventName } from './audit.js';
import { fill, formatTime, h, problemBox, shortId } from './ui.js';
import { t } from './i18n.js';

/** Screens that show one aggregate, by the aggregate type the event store names. */
const SCREENS = { Order: 'orders', Invoice: 'invoices', SimulationRun: 'runs', Customer: 'customers', Product: 'products',
  Vehicle: 'vehicles' };

/** 'PlaceOrderCommand' → 'Place order'. */
function commandName(type) {
  const words = String(type || '').replace(/Command$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function aggregateLink(node) {
  if (!node.aggregateType) return null;
  const label = t('why.aggregate', { type: node.aggregateType, id: shortId(node.aggregateId) });
  const screen = SCREENS[node.aggregateType];
  return screen
    ? h('a', { href: `#/${screen}/${encodeURIComponent(node.aggregateId)}`, testid: 'why-link', title: node.aggregateId }, label)
    : h('span', { title: node.aggregateId }, label);
}

function who(node) {
  return node.user || t('audit.system');
}

function step(node) {
  const command = node.kind === 'command';
  const name = command ? (node.type ? t('why.command', { name: commandName(node.type) }) : t('why.unnamedCommand')) : eventName(node.type);
  return h('li', { testid: 'why-node', 'data-kind': node.kind, 'data-type': node.type || '', class: command ? 'why-command' : 'why-event' },
    h('div', { class: 'head' },
      h('span', { class: 'type', testid: 'why-name' }, name),
      h('span', { class: 'meta' }, formatTime(node.timestamp))),
    h('div', { class: 'meta' }, t('audit.by'), ' ', h('strong', {}, who(node)),
      node.client ? [' · ', h('span', { class: 'muted' }, node.client)] : null,
      command ? null : [' · ', aggregateLink(node)]),
    node.children && node.children.length ? h('ol', { class: 'why-children' }, node.children.map(step)) : null);
}

/** The tree of one request, its roots in time order. */
function tree(answer) {
  return h('ol', { class: 'why', testid: 'why-tree', 'data-correlation': answer.correlationId }, (answer.roots || []).map(step));
}

/**
 * A "Why?" section for aggregate {@code type} {@code id}: a button that reads the record's events, then the causation
 * tree of each request they belong to (oldest first), and shows them.
 */
export function whyView(type, id, testid = 'why') {
  const body = h('div', { testid: `${testid}-body` });
  const button = h('button', { class: 'btn', type: 'button', testid: `${testid}-button`, 'aria-expanded': 'false', onclick: toggle }, t('why.button'));
  let open = false;

  async function toggle() {
    open = !open;
    button.setAttribute('aria-expanded', String(open));
    if (!open) { body.replaceChildren(); return; }
    fill(body, h('p', { class: 'muted' }, t('why.loading')));
    try {
      const events = await api.get(`/api/v1/audit/${encodeURIComponent(type)}/${encodeURIComponent(id)}`);
      const requests = [...new Set((events || []).map(e => (e.metadata || {}).correlationId).filter(Boolean))];
      const trees = await Promise.all(requests.map(c => api.get(`/api/v1/audit/correlations/${encodeURIComponent(c)}`)
        .catch(err => (err.status === 404 ? null : Promise.reject(err)))));
      const found = trees.filter(Boolean);
      fill(body, found.length ? found.map(tree) : h('p', { class: 'muted', testid: `${testid}-none` }, t('why.none')));
    } catch (err) {
      fill(body, problemBox(err, `${testid}-problem`));
    }
  }

  return { element: h('div', { class: 'why-view', testid }, h('p', { class: 'muted small' }, t('why.intro')), button, body) };
}

/** 'YYYY-MM-DDTHH:MM:SS' in local time, as a datetime-local input wants it. */
function localInput(instant) {
  const d = new Date(instant);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * A time slider over the event times of aggregate {@code type} {@code id}, with a date-time input beside it. Moving
 * either asks the record as it stood then and hands it to {@code show(state, instant)}; "back to now" calls
 * {@code show(null, null)}, for the screen to show the live record again.
 */
export function timeTravel(type, id, show, testid = 'time-travel') {
  const slider = h('input', { type: 'range', min: 0, max: 0, step: 1, value: 0, testid: `${testid}-slider`, id: `${testid}-slider`, disabled: true });
  const picker = h('input', { type: 'datetime-local', step: 1, testid: `${testid}-at`, id: `${testid}-at` });
  const banner = h('div', { testid: `${testid}-banner` });
  const slot = h('div');
  let times = [];

  async function travel(instant) {
    slot.replaceChildren();
    try {
      const answer = await api.get(`/api/v1/audit/${encodeURIComponent(type)}/${encodeURIComponent(id)}?asOf=${encodeURIComponent(instant)}`);
      fill(banner, h('div', { class: 'notice row', testid: `${testid}-as-of`, 'data-as-of': instant },
        h('span', {}, t('why.asOf', { when: formatTime(instant) })),
        h('button', { class: 'btn btn-quiet', type: 'button', testid: `${testid}-now`, onclick: backToNow }, t('why.backToNow'))));
      show(answer.state, instant);
    } catch (err) {
      slot.replaceChildren(err.status === 404 ? h('p', { class: 'muted', testid: `${testid}-nothing` }, t('why.notYet')) : problemBox(err, `${testid}-problem`));
    }
  }

  function backToNow() {
    banner.replaceChildren();
    slot.replaceChildren();
    slider.value = String(times.length - 1);
    show(null, null);
  }

  async function load() {
    try {
      const events = await api.get(`/api/v1/audit/${encodeURIComponent(type)}/${encodeURIComponent(id)}`);
      times = (events || []).map(e => e.timestamp);
      slider.max = String(Math.max(times.length - 1, 0));
      slider.value = slider.max;
      slider.disabled = times.length < 2;
      slider.setAttribute('aria-valuetext', times.length ? formatTime(times[times.length - 1]) : '');
    } catch (err) {
      slot.replaceChildren(problemBox(err, `${testid}-problem`));
    }
  }

  slider.addEventListener('change', () => {
    const at = times[Number(slider.value)];
    if (!at) return;
    slider.setAttribute('aria-valuetext', formatTime(at));
    picker.value = localInput(at);
    travel(at);
  });
  picker.addEventListener('change', () => {
    if (picker.value) travel(new Date(picker.value).toISOString());
  });

  const element = h('div', { class: 'time-travel', testid },
    h('label', { for: `${testid}-slider` }, t('why.slider')), slider,
    h('label', { for: `${testid}-at` }, t('why.at')), picker,
    banner, slot);
  return { element, load };
}
