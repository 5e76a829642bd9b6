// Entry point: hash routing, the session guard and the top bar.
import { session, setUnauthorizedHandler } from './api.js';
import { renderSignIn } from './screens/signin.js';
import { renderOrders } from './screens/orders.js';
import { renderOrderDetail } from './screens/order-detail.js';
import { renderPlaceOrder } from './screens/place-order.js';
import { renderStock } from './screens/stock.js';
import { renderCustomers } from './screens/customers.js';
import { renderRuns } from './screens/runs.js';
import { renderRunLive } from './screens/run-live.js';
import { INVOICE_READERS, renderInvoices } from './screens/invoices.js';
import { renderInvoiceDetail } from './screens/invoice-detail.js';

const routes = [
  { pattern: /^\/signin$/, screen: renderSignIn, nav: null, public: true },
  { pattern: /^\/orders$/, screen: renderOrders, nav: 'orders' },
  { pattern: /^\/orders\/new$/, screen: renderPlaceOrder, nav: 'place' },
  { pattern: /^\/orders\/([^/]+)$/, screen: renderOrderDetail, nav: 'orders' },
  { pattern: /^\/invoices$/, screen: renderInvoices, nav: 'invoices' },
  { pattern: /^\/invoices\/([^/]+)$/, screen: renderInvoiceDetail, nav: 'invoices' },
  { pattern: /^\/stock$/, screen: renderStock, nav: 'stock' },
  { pattern: /^\/customers$/, screen: renderCustomers, nav: 'customers' },
  { pattern: /^\/runs$/, screen: renderRuns, nav: 'runs' },
  { pattern: /^\/runs\/([^/]+)$/, screen: renderRunLive, nav: 'runs' },
];

const app = document.getElementById('app');
let cleanup = null;
let renderCount = 0;

/** Splits '#/orders?status=PLACED' into a path and query parameters. */
function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/orders';
  const [path, q = ''] = raw.split('?');
  return { path, params: new URLSearchParams(q), raw };
}

export function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

async function route() {
  const { path, params, raw } = parseHash();
  if (cleanup) { try { cleanup(); } catch { /* ignore */ } cleanup = null; }
  const match = routes.map(r => ({ r, m: path.match(r.pattern) })).find(x => x.m);
  if (!match) { navigate('#/orders'); return; }
  if (!match.r.public && !session.token) {
    sessionStorage.setItem('axle.returnTo', `#${raw}`);
    navigate('#/signin');
    return;
  }
  updateTopbar(match.r);
  const mine = ++renderCount;
  app.replaceChildren();
  app.dataset.screen = match.r.screen.name.replace(/^render/, '').toLowerCase();
  try {
    const result = await match.r.screen(app, { args: match.m.slice(1).map(decodeURIComponent), params, navigate });
    if (mine === renderCount) cleanup = typeof result === 'function' ? result : null;
    else if (typeof result === 'function') result();
  } catch (e) {
    console.error(e);
  }
}

function updateTopbar(r) {
  const bar = document.getElementById('topbar');
  bar.hidden = !!r.public;
  document.getElementById('current-user').textContent = session.user;
  bar.querySelector('[data-nav="place"]').hidden = !session.hasAnyRole('ADMIN', 'OPERATOR', 'PARTNER');
  bar.querySelector('[data-nav="invoices"]').hidden = !session.hasAnyRole(...INVOICE_READERS);
  bar.querySelector('[data-nav="runs"]').hidden = !session.hasAnyRole('ADMIN', 'OPERATOR', 'TECHNICIAN', 'ANALYST');
  for (const a of bar.querySelectorAll('[data-nav]')) a.classList.toggle('active', a.dataset.nav === r.nav);
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.clear();
  sessionStorage.setItem('axle.signinMessage', 'You have signed out.');
  navigate('#/signin');
});

setUnauthorizedHandler(() => {
  session.clear();
  if (!location.hash.startsWith('#/signin')) {
    sessionStorage.setItem('axle.returnTo', location.hash);
    sessionStorage.setItem('axle.signinMessage', 'Your session has ended. Please sign in again.');
    navigate('#/signin');
  }
});

// Editing a field the server complained about clears its mark and the message shown next to it.
function clearMark(e) {
  e.target.classList?.remove('invalid');
  const next = e.target.nextElementSibling;
  if (next && next.classList.contains('field-error')) next.remove();
}
document.addEventListener('input', clearMark);
document.addEventListener('change', clearMark);

window.addEventListener('hashchange', route);
route();
