// The admin API, called with the token the operator signed in with. The token lives in this tab's
// sessionStorage only: never in a URL, a cookie or a log. Writes are CSRF-safe because every call
// carries it in the Authorization header, which another site's page cannot add.

const KEY = 'hookgate.console.token';
const listeners = new Set();

export const session = {
  token: () => sessionStorage.getItem(KEY),
  signIn: (token) => sessionStorage.setItem(KEY, token),
  signOut: () => sessionStorage.removeItem(KEY),
  /** Calls `listener` when the API refuses the token (it was revoked, or is wrong). */
  onRefused: (listener) => listeners.add(listener),
};

/** An answer other than 2xx: `status`, the stable `code`, and `problems` ({path, message}) when the API named some. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `the admin API answered ${status}`);
    this.status = status;
    this.code = body?.error || `http_${status}`;
    this.field = body?.field || null;
    this.problems = Array.isArray(body?.problems) ? body.problems : [];
  }
}

/** `method path` with `query` (empty values left out) and a JSON `body`; answers the parsed JSON (null for 204). */
export async function api(method, path, { query, body } = {}) {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(query || {})) {
    if (value !== undefined && value !== null && value !== '' && value !== false) {
      url.searchParams.set(name, String(value));
    }
  }
  const headers = { Authorization: `Bearer ${session.token() || ''}`, Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
  });
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = { error: 'not_json', message: `the admin API answered ${response.status} without JSON` };
  }
  if (!response.ok) {
    if (response.status === 401) {
      listeners.forEach((listener) => listener());
    }
    throw new ApiError(response.status, json);
  }
  return json;
}

/** Every entry of a listing, page after page (`limit` per page), at most `max`. */
export async function listAll(path, query, max = 100000) {
  const entries = [];
  let cursor = null;
  do {
    const page = await api('GET', path, { query: { ...query, limit: 1000, cursor } });
    entries.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor && entries.length < max);
  return entries;
}

/** An id as one path segment. */
export const segment = (id) => encodeURIComponent(id);
