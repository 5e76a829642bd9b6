// HTTP access to the Axle API: bearer token from sessionStorage, RFC 7807 problems as errors.

const TOKEN_KEY = 'axle.token';
const USER_KEY = 'axle.user';
const EXPIRES_KEY = 'axle.expiresAt';

/** An error response from the API, carrying the RFC 7807 problem body (or a synthesised one). */
export class ProblemError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** A request that never reached the server, so it may be retried with the same idempotency key. */
export class NetworkError extends Error {}

let onUnauthorized = () => {};

export const session = {
  get token() {
    const expiresAt = Number(sessionStorage.getItem(EXPIRES_KEY) || 0);
    if (expiresAt && Date.now() > expiresAt) {
      this.clear();
      return null;
    }
    return sessionStorage.getItem(TOKEN_KEY);
  },
  get user() { return sessionStorage.getItem(USER_KEY) || ''; },
  get roles() {
    const token = this.token;
    if (!token) return [];
    try {
      const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      const raw = payload.roles || payload.authorities || payload.scope || payload.scp || [];
      return (Array.isArray(raw) ? raw : String(raw).split(' ')).map(r => String(r).replace(/^(ROLE_|SCOPE_)/, ''));
    } catch {
      return [];
    }
  },
  /** Whether the user holds one of the roles; true when the token does not say, so the server decides. */
  hasAnyRole(...wanted) {
    const roles = this.roles;
    return roles.length === 0 || wanted.some(r => roles.includes(r));
  },
  save(username, tokenResponse) {
    sessionStorage.setItem(TOKEN_KEY, tokenResponse.access_token);
    sessionStorage.setItem(USER_KEY, username);
    if (tokenResponse.expires_in) {
      sessionStorage.setItem(EXPIRES_KEY, String(Date.now() + Number(tokenResponse.expires_in) * 1000));
    } else {
      sessionStorage.removeItem(EXPIRES_KEY);
    }
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
    sessionStorage.removeItem(EXPIRES_KEY);
  },
};

/** Called with no arguments whenever the API answers 401. */
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

/** A random UUID, also outside secure contexts where crypto.randomUUID is missing. */
export function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map(x => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Calls the API and answers the parsed JSON body (or null when there is none).
 * Throws ProblemError for any non-2xx answer and NetworkError when the server could not be reached.
 */
export async function request(method, path, { body, headers = {}, auth = true } = {}) {
  const h = { Accept: 'application/json, application/problem+json', ...headers };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  const response = await send(method, path, h, body === undefined ? undefined : JSON.stringify(body), auth);
  return parseBody(await response.text());
}

/** Sends with the bearer token (when auth); answers a 2xx response, throws ProblemError / NetworkError otherwise. */
async function send(method, path, headers, body, auth) {
  const token = session.token;
  if (auth && token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, { method, headers, body });
  } catch (e) {
    throw new NetworkError(`The server could not be reached (${e.message}).`);
  }
  if (!response.ok) throw refused(response, parseBody(await response.text().catch(() => '')), auth);
  return response;
}

/** A response body as JSON, as {detail: text} when it is not JSON, or null when empty. */
function parseBody(text) {
  if (!text) return null;
  try { return JSON.parse(text); } catch { return { detail: text }; }
}

/** The ProblemError for a non-2xx answer whose body was parsed into data; a 401 also ends the session. */
function refused(response, data, auth = true) {
  const problem = data && typeof data === 'object' ? data : {};
  if (!problem.title) problem.title = response.statusText || `HTTP ${response.status}`;
  if (!problem.status) problem.status = response.status;
  if (response.status === 401 && auth) onUnauthorized();
  return new ProblemError(response.status, problem);
}

/**
 * Downloads a binary document (a PDF) with the same bearer token as the API calls, since a plain link or
 * iframe cannot send it. Answers a Blob; throws ProblemError / NetworkError like request().
 */
export async function fetchBlob(path, accept = 'application/pdf') {
  return (await fetchFile(path, accept)).blob;
}

/**
 * Downloads a file (a CSV export) as fetchBlob does, answering { blob, filename } with the file name the server gave
 * in its Content-Disposition header (null when it gave none).
 */
export async function fetchFile(path, accept) {
  const response = await send('GET', path, { Accept: `${accept}, application/problem+json` }, undefined, true);
  const disposition = response.headers.get('Content-Disposition') || '';
  const named = /filename="?([^";]+)"?/i.exec(disposition);
  return { blob: await response.blob(), filename: named ? named[1] : null };
}

/**
 * Saves what the API answers at path as a file, fetched with the bearer token (a plain link cannot send it) and handed
 * to the browser through a Blob link; the file is named as the server's Content-Disposition says, else fallbackName.
 * Throws ProblemError / NetworkError like request().
 */
export async function download(path, accept, fallbackName) {
  const { blob, filename } = await fetchFile(path, accept);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename || fallbackName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/**
 * Posts a multipart form ({@code FormData}: files and fields) with the bearer token; the browser sets the Content-Type
 * with its boundary. Answers the parsed JSON body; throws ProblemError / NetworkError like request().
 */
export async function postForm(path, form) {
  const response = await send('POST', path, { Accept: 'application/json, application/problem+json' }, form, true);
  return parseBody(await response.text());
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body, headers) => request('POST', path, { body, headers }),
  put: (path, body, headers) => request('PUT', path, { body, headers }),
};

/** Builds a query string from the non-empty entries of an object. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * Opens a server-sent event stream with the token as access_token, calling onEvent(data) for each
 * event of the given name and onState('on'|'off') as the connection comes and goes. A stream the
 * server refused (EventSource gives up on any non-200 answer) is reopened with a growing delay.
 * Returns a close function.
 */
export function subscribe(path, eventName, onEvent, onState = () => {}) {
  let source = null;
  let failures = 0;
  let timer = null;
  let closed = false;

  function open() {
    const token = session.token;
    if (!token) {
      onUnauthorized();
      return;
    }
    const sep = path.includes('?') ? '&' : '?';
    source = new EventSource(`${path}${sep}access_token=${encodeURIComponent(token)}`);
    source.addEventListener('open', () => { failures = 0; onState('on'); });
    source.addEventListener(eventName, (e) => {
      onState('on');
      try { onEvent(JSON.parse(e.data)); } catch (err) { console.warn('Bad event data', err, e.data); }
    });
    source.addEventListener('error', () => {
      if (closed) return;
      onState('off');
      failures += 1;
      // EventSource hides the status code: ask the API whether the token still holds (a 401 signs out).
      if (failures % 3 === 0) request('GET', '/api/v1/customers?size=1').catch(() => {});
      if (source.readyState === EventSource.CLOSED) {
        clearTimeout(timer);
        timer = setTimeout(open, Math.min(10000, 500 * 2 ** Math.min(failures, 5)));
      }
    });
  }

  open();
  return () => {
    closed = true;
    clearTimeout(timer);
    if (source) source.close();
  };
}
