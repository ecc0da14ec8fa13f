// The HTTP API (README): JSON in the spec's field names. Errors carry the server's message.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// A silo with API keys answers 401 until the page has one: asked for once (one prompt however many
// requests failed), kept in a same-site cookie, which fetch and the live EventSource both send.
let asking = null;

function askForKey(message) {
  asking ??= Promise.resolve().then(() => {
    const key = window.prompt(`${message}\n\nAPI key (read scope; admin to change rules), kept in this browser as a cookie:`);
    if (key) document.cookie = `analytics_key=${encodeURIComponent(key)}; path=/; SameSite=Strict`;
    asking = null;
    return Boolean(key);
  });
  return asking;
}

export const get = path => send(path, { headers: { accept: 'application/json' } });

// PUT of a JSON body (the admin scope, when keys are configured).
export const put = (path, body) => send(path, { method: 'PUT', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function send(path, init, retried = false) {
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'the silo cannot be reached');
  }
  if ((response.status === 401 || response.status === 403) && !retried) {
    const message = (await response.json().catch(() => null))?.error ?? 'an API key is required';
    if (await askForKey(message)) return send(path, init, true);
  }
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { /* not JSON: keep the status */ }
  if (!response.ok) throw new ApiError(response.status, body?.error ?? `HTTP ${response.status}`);
  return body;
}

export const brandPath = brand => `/api/brands/${encodeURIComponent(brand)}`;

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v != null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
