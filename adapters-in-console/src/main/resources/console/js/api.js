// Calls to the service's REST API, each with the signed-in token. The token lives in
// sessionStorage only (gone when the tab closes) and travels only in the Authorization header.

const TOKEN_KEY = 'coze-timer-token';

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** An error answer of the API: its HTTP status and the API's message. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `HTTP ${status}`);
    this.status = status;
    this.code = body && body.code;
    this.field = body && body.field;
  }
}

/** Calls the API; resolves to the JSON answer, or rejects with an ApiError. */
export async function api(method, path, {body, token = session.token()} = {}) {
  const headers = {Accept: 'application/json', Authorization: `Bearer ${token}`};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, headers, cache: 'no-store', credentials: 'omit',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

/** The instances sharing the firing: {mode, self, slot_count, members: [{member_id, slots, self}]}. */
export const clusterView = () => api('GET', '/api/v1/cluster');

/**
 * This instance's last 15 minutes, computed by the service from its own metrics: {step_seconds,
 * window_seconds, steps: [{at, fires_per_second, lateness_p50_ms, lateness_p99_ms}], last_minute}.
 */
export const recentMetrics = () => api('GET', '/api/v1/metrics/recent');

/** Who the token acts for: {user_id, admin}. */
export const whoAmI = (token) => api('GET', '/api/v1/me', {token});

/**
 * A page of tasks the caller may see: all of them for an admin, the user's own otherwise.
 * filters: {status, name, label, user_id, limit, cursor}; empty values are left out.
 */
export function listTasks(me, filters) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, value);
  }
  if (!me.admin) query.delete('user_id');
  const base = me.admin ? '/api/v1/tasks' : `/api/v1/users/${me.user_id}/tasks`;
  const text = query.toString();
  return api('GET', text ? `${base}?${text}` : base);
}

const task = (id) => `/api/v1/tasks/${encodeURIComponent(id)}`;

export const getTask = (id) => api('GET', task(id));
export const executions = (id, before) => api('GET', `${task(id)}/executions?limit=20${before ? `&before=${before}` : ''}`);

/** A user's dead letters, newest first. */
export const listDeadLetters = (userId, limit) => api('GET', `/api/v1/users/${encodeURIComponent(userId)}/dead-letters?limit=${limit}`);

/** The dead-letter buttons, each the API call it makes. */
export const deadLetterActions = {
  redrive: (id) => api('POST', `/api/v1/dead-letters/${encodeURIComponent(id)}/redrive`),
  remove: (id) => api('DELETE', `/api/v1/dead-letters/${encodeURIComponent(id)}`),
};

/** The task page's buttons, each the API call it makes. */
export const actions = {
  pause: (id) => api('PUT', `${task(id)}/pause`),
  resume: (id) => api('PUT', `${task(id)}/resume`),
  run: (id) => api('POST', `${task(id)}/run`),
  cancel: (id) => api('PUT', `${task(id)}/cancel`),
};
