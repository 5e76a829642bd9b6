// Entry point: hash routing, the session guard, the top bar (menu, language, theme) and the page for unknown routes.
import { session, setUnauthorizedHandler } from './api.js';
import { LANGUAGES, language, onLanguageChange, rememberLanguage, setLanguage, t } from './i18n.js';
import { clearFieldProblem, h } from './ui.js';
import { renderNotFound } from './screens/not-found.js';
import { renderSignIn } from './screens/signin.js';
import { renderOrders } from './screens/orders.js';
import { renderOrderDetail } from './screens/order-detail.js';
import { renderPlaceOrder } from './screens/place-order.js';
import { renderStock } from './screens/stock.js';
import { renderProducts } from './screens/products.js';
import { renderProductDetail } from './screens/product-detail.js';
import { renderCustomerDetail } from './screens/customer-detail.js';
import { renderCustomers } from './screens/customers.js';
import { renderRuns } from './screens/runs.js';
import { renderRunLive } from './screens/run-live.js';
import { INVOICE_READERS, renderInvoices } from './screens/invoices.js';
import { renderInvoiceDetail } from './screens/invoice-detail.js';
import { renderAdminUsers } from './screens/admin-users.js';
import { renderAdminApiKeys } from './screens/admin-api-keys.js';
import { renderAdminProcessors } from './screens/admin-processors.js';
import { renderAdminWebhook, renderAdminWebhooks } from './screens/admin-webhooks.js';
import { DASHBOARD_READERS, renderHome } from './screens/home.js';
import { isAdmin } from './screens/admin.js';
// #12 documents — doc-ui
import { renderDocuments } from './screens/documents.js';
import { renderDocumentDetail } from './screens/document-detail.js';
import { renderDocumentValidation } from './screens/document-validation.js';
import { renderDocumentSearch } from './screens/document-search.js';
import { DOCUMENT_READERS, showNewAlerts } from './documents-common.js';
// #13 vehicles
import { VEHICLE_READERS, renderVehicles } from './screens/vehicles.js';
import { renderVehicleDetail } from './screens/vehicle-detail.js';
// #14 flashes
import { FLASH_READERS, renderFlashJobs } from './screens/flash-jobs.js';
import { renderFlashJob } from './screens/flash-job.js';
import { renderFirmware, renderFirmwareDetail } from './screens/firmware.js';
import { renderFlashCampaigns } from './screens/flash-campaigns.js';
import { renderFlashCampaign } from './screens/flash-campaign.js';

const routes = [
  { pattern: /^\/signin$/, screen: renderSignIn, nav: null, public: true },
  { pattern: /^\/(?:dashboard)?$/, screen: renderHome, nav: 'home' },
  { pattern: /^\/orders$/, screen: renderOrders, nav: 'orders' },
  { pattern: /^\/orders\/new$/, screen: renderPlaceOrder, nav: 'place' },
  { pattern: /^\/orders\/([^/]+)$/, screen: renderOrderDetail, nav: 'orders' },
  { pattern: /^\/invoices$/, screen: renderInvoices, nav: 'invoices' },
  { pattern: /^\/invoices\/([^/]+)$/, screen: renderInvoiceDetail, nav: 'invoices' },
  { pattern: /^\/stock$/, screen: renderStock, nav: 'stock' },
  { pattern: /^\/products$/, screen: renderProducts, nav: 'products' },
  { pattern: /^\/products\/([^/]+)$/, screen: renderProductDetail, nav: 'products' },
  { pattern: /^\/customers$/, screen: renderCustomers, nav: 'customers' },
  { pattern: /^\/customers\/([^/]+)$/, screen: renderCustomerDetail, nav: 'customers' },
  // #12 documents — doc-ui
  { pattern: /^\/documents$/, screen: renderDocuments, nav: 'documents' },
  { pattern: /^\/documents\/validation$/, screen: renderDocumentValidation, nav: 'documents' },
  { pattern: /^\/documents\/search$/, screen: renderDocumentSearch, nav: 'documents' },
  { pattern: /^\/documents\/([^/]+)$/, screen: renderDocumentDetail, nav: 'documents' },
  // #13 vehicles
  { pattern: /^\/vehicles$/, screen: renderVehicles, nav: 'vehicles' },
  { pattern: /^\/vehicles\/([^/]+)$/, screen: renderVehicleDetail, nav: 'vehicles' },
  // #14 flashes
  { pattern: /^\/flash-jobs$/, screen: renderFlashJobs, nav: 'flash-jobs' },
  { pattern: /^\/flash-jobs\/([^/]+)$/, screen: renderFlashJob, nav: 'flash-jobs' },
  { pattern: /^\/flash-campaigns$/, screen: renderFlashCampaigns, nav: 'flash-campaigns' },
  { pattern: /^\/flash-campaigns\/([^/]+)$/, screen: renderFlashCampaign, nav: 'flash-campaigns' },
  { pattern: /^\/firmware$/, screen: renderFirmware, nav: 'firmware' },
  { pattern: /^\/firmware\/([^/]+)$/, screen: renderFirmwareDetail, nav: 'firmware' },
  { pattern: /^\/runs$/, screen: renderRuns, nav: 'runs' },
  { pattern: /^\/runs\/([^/]+)$/, screen: renderRunLive, nav: 'runs' },
  { pattern: /^\/admin\/users$/, screen: renderAdminUsers, nav: 'admin-users' },
  { pattern: /^\/admin\/api-keys$/, screen: renderAdminApiKeys, nav: 'admin-keys' },
  { pattern: /^\/admin\/processors$/, screen: renderAdminProcessors, nav: 'admin-processors' },
  { pattern: /^\/admin\/webhooks$/, screen: renderAdminWebhooks, nav: 'admin-webhooks' },
  { pattern: /^\/admin\/webhooks\/([^/]+)$/, screen: renderAdminWebhook, nav: 'admin-webhooks' },
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
  const found = routes.map(r => ({ r, m: path.match(r.pattern) })).find(x => x.m);
  const match = found || { r: { screen: renderNotFound, nav: null }, m: [raw, path] };
  if (!match.r.public && !session.token) {
    sessionStorage.setItem('axle.returnTo', `#${raw}`);
    navigate('#/signin');
    return;
  }
  updateTopbar(match.r);
  const mine = ++renderCount;
  app.replaceChildren();
  app.dataset.screen = match.r.screen.name.replace(/^render/, '').toLowerCase();
  closeMenu();
  try {
    const result = await match.r.screen(app, { args: match.m.slice(1).map(safeDecode), params, navigate });
    if (mine === renderCount) cleanup = typeof result === 'function' ? result : null;
    else if (typeof result === 'function') result();
  } catch (e) {
    console.error(e);
  }
  const heading = app.querySelector('h1');
  document.title = heading ? `${heading.textContent} · Axle` : 'Axle';
}

function safeDecode(part) {
  try { return decodeURIComponent(part); } catch { return part; }
}

function updateTopbar(r) {
  const bar = document.getElementById('topbar');
  const signedIn = !r.public && !!session.token;
  const user = document.getElementById('current-user');
  user.textContent = session.user;
  user.hidden = !signedIn;
  document.getElementById('sign-out').hidden = !signedIn;
  document.getElementById('menu-toggle').hidden = !signedIn;
  const allowed = {
    home: session.hasAnyRole(...DASHBOARD_READERS),
    orders: true, stock: true, products: true, customers: true,
    place: session.hasAnyRole('ADMIN', 'OPERATOR', 'PARTNER'),
    invoices: session.hasAnyRole(...INVOICE_READERS),
    runs: session.hasAnyRole('ADMIN', 'OPERATOR', 'TECHNICIAN', 'ANALYST'),
    documents: session.hasAnyRole(...DOCUMENT_READERS), // #12 documents — doc-ui
    vehicles: session.hasAnyRole(...VEHICLE_READERS), // #13 vehicles
    'flash-jobs': session.hasAnyRole(...FLASH_READERS), // #14 flashes
    'flash-campaigns': session.hasAnyRole(...FLASH_READERS),
    firmware: session.hasAnyRole(...FLASH_READERS),
    'admin-users': isAdmin(),
    'admin-keys': isAdmin(),
    'admin-processors': isAdmin(),
    'admin-webhooks': isAdmin(),
  };
  if (signedIn && allowed.documents) showNewAlerts({ seen: r.screen === renderDocuments }); // #12 documents — doc-ui
  for (const a of bar.querySelectorAll('[data-nav]')) {
    a.hidden = !signedIn || !allowed[a.dataset.nav];
    a.classList.toggle('active', a.dataset.nav === r.nav);
    if (a.dataset.nav === r.nav) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
}

// --- the top bar: collapsing menu, language and theme -------------------------------------------------

const menuToggle = document.getElementById('menu-toggle');
const menu = document.getElementById('menu');
function closeMenu() {
  menuToggle.setAttribute('aria-expanded', 'false');
  menu.classList.remove('open');
}
menuToggle.addEventListener('click', () => {
  const open = menuToggle.getAttribute('aria-expanded') !== 'true';
  menuToggle.setAttribute('aria-expanded', String(open));
  menu.classList.toggle('open', open);
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && menu.classList.contains('open')) { closeMenu(); menuToggle.focus(); }
});

const languageSelect = document.getElementById('language');
for (const [code, name] of LANGUAGES) languageSelect.append(h('option', { value: code, lang: code }, name));
languageSelect.addEventListener('change', () => {
  setLanguage(languageSelect.value);
  rememberLanguage(languageSelect.value);
});

const themeToggle = document.getElementById('theme-toggle');
function showTheme() {
  const dark = window.axleTheme.current() === 'dark';
  themeToggle.setAttribute('aria-pressed', String(dark));
  themeToggle.dataset.theme = dark ? 'dark' : 'light';
  themeToggle.setAttribute('aria-label', t('prefs.darkTheme'));
  themeToggle.title = t('prefs.darkTheme');
}
themeToggle.addEventListener('click', () => { window.axleTheme.toggle(); showTheme(); });
window.addEventListener('axle-theme', showTheme);

/** Puts the static texts of index.html into the current language. */
function translateShell() {
  languageSelect.value = language();
  languageSelect.setAttribute('aria-label', t('prefs.language'));
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  showTheme();
}
translateShell();
onLanguageChange(() => { translateShell(); route(); });

document.getElementById('sign-out').addEventListener('click', () => {
  session.clear();
  sessionStorage.setItem('axle.signinMessage', 'signin.signedOut');
  navigate('#/signin');
});

setUnauthorizedHandler(() => {
  session.clear();
  if (!location.hash.startsWith('#/signin')) {
    sessionStorage.setItem('axle.returnTo', location.hash);
    sessionStorage.setItem('axle.signinMessage', 'signin.sessionEnded');
    navigate('#/signin');
  }
});

// Editing a field the server complained about clears its mark and the message shown under it.
function clearMark(e) {
  clearFieldProblem(e.target);
}
document.addEventListener('input', clearMark);
document.addEventListener('change', clearMark);

window.addEventListener('hashchange', route);
route();
