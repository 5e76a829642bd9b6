// Translations and locale-aware formatting: t(key, params) over the catalogues in messages/, dates, numbers and money
// through Intl in the chosen language. The language is the user's choice (localStorage, and their account once signed
// in: rememberLanguage), else the browser's.
import { request, session } from './api.js';
import en from './messages/en.js';
import fr from './messages/fr.js';

const CATALOGUES = { en, fr };
export const LANGUAGES = [['en', 'English'], ['fr', 'Français']];
const STORAGE_KEY = 'axle.lang';
const listeners = new Set();

function initialLanguage() {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored && CATALOGUES[stored]) return stored;
  const browser = String(navigator.language || 'en').slice(0, 2).toLowerCase();
  return CATALOGUES[browser] ? browser : 'en';
}

let current = initialLanguage();
document.documentElement.lang = current;

/** The language in use: 'en' or 'fr'. */
export function language() {
  return current;
}

/** The BCP 47 locale used for formatting: the browser's own when it is of the chosen language. */
export function locale() {
  const browser = navigator.language || '';
  if (browser.slice(0, 2).toLowerCase() === current) return browser;
  return current === 'fr' ? 'fr-FR' : 'en-US';
}

/** Switches the language, remembers it and tells the listeners (the router renders the screen again). */
export function setLanguage(lang) {
  if (!CATALOGUES[lang] || lang === current) return;
  current = lang;
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  formatters.clear();
  listeners.forEach(fn => fn(lang));
}

/**
 * Keeps the language with the signed-in user's account, so that they find it again in any browser. Failing to save it
 * costs nothing but that: the browser still remembers it.
 */
export function rememberLanguage(lang) {
  if (!session.token || !CATALOGUES[lang]) return Promise.resolve();
  return request('PUT', '/api/v1/me/preferences', { body: { language: lang } })
    .catch(err => console.warn('The language could not be saved with the account', err));
}

export function onLanguageChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Whether a message exists for key (in the current language or in English). */
export function has(key) {
  return key in CATALOGUES[current] || key in en;
}

/**
 * The message for key in the current language (English when the catalogue lacks it, the key itself when both do),
 * with {name} placeholders replaced from params. A message may be a function of params (plurals).
 */
export function t(key, params = {}) {
  const message = key in CATALOGUES[current] ? CATALOGUES[current][key] : key in en ? en[key] : key;
  const text = typeof message === 'function' ? message(params) : message;
  return String(text).replace(/\{(\w+)\}/g, (whole, name) => (params[name] === undefined || params[name] === null ? whole : String(params[name])));
}

// --- formatting ------------------------------------------------------------------------------------

const formatters = new Map();
function cached(kind, options, make) {
  const key = `${kind}|${JSON.stringify(options)}`;
  if (!formatters.has(key)) formatters.set(key, make(locale(), options));
  return formatters.get(key);
}

export function dateFormat(options) {
  return cached('date', options, (l, o) => new Intl.DateTimeFormat(l, o));
}

export function numberFormat(options = {}) {
  return cached('number', options, (l, o) => new Intl.NumberFormat(l, o));
}

/** An amount in its currency (ISO 4217 code from the data), e.g. '€1,234.50' or '1 234,50 €'. */
export function money(amount, currency) {
  if (amount === null || amount === undefined || amount === '') return '—';
  const n = Number(amount);
  if (!Number.isFinite(n)) return String(amount);
  if (!currency || !/^[A-Z]{3}$/.test(currency)) return numberFormat({ minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);
  try {
    return numberFormat({ style: 'currency', currency }).format(n);
  } catch {
    return `${numberFormat({ minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n)} ${currency}`;
  }
}

/** A number with a fixed number of decimals in the current locale. */
export function number(value, digits = 0) {
  return numberFormat({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Number(value));
}
