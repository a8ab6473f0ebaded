// Building DOM nodes and formatting values. Text always goes in as text nodes, never as HTML.

/** h('a', {href: '#/x', class: 'y'}, 'text', child…): an element with attributes and children. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of el. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** An instant as "2026-04-22 10:00:20 UTC" (seconds; milliseconds dropped), or a dash. */
export function time(iso) {
  if (!iso) return '—';
  return iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC');
}

/** Milliseconds between two instants, or null. */
export function millisBetween(fromIso, toIso) {
  if (!fromIso || !toIso) return null;
  return Date.parse(toIso) - Date.parse(fromIso);
}

export function ms(value) {
  return value === null || value === undefined ? '—' : `${Math.round(value)} ms`;
}

export function statusBadge(status) {
  return h('span', {class: `status status-${status}`}, status);
}

export function labelList(labels) {
  const entries = Object.entries(labels || {});
  return entries.length ? entries.map(([k, v]) => h('span', {class: 'label'}, `${k}:${v}`)) : h('span', {class: 'muted'}, '—');
}

/** The outcome of an execution in a few words: "200 success", "503 failure (4 attempts)". */
export function result(execution) {
  if (!execution) return h('span', {class: 'muted'}, 'not run yet');
  const code = execution.http_status ?? 'no response';
  const attempts = execution.attempts > 1 ? ` (${execution.attempts} attempts)` : '';
  return h('span', {class: `status-${execution.outcome}`}, `${code} ${execution.outcome}${attempts}`);
}

/** A task's name, or its id's first part when it has none. */
export function taskName(task) {
  return task.name || `task ${task.task_id.slice(0, 8)}`;
}

let noticeTimer;
/** Shows a message in the live region (read out by screen readers) for a few seconds. */
export function notice(message, isError = false) {
  const el = document.getElementById('notice');
  el.className = isError ? 'error' : '';
  el.textContent = message;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { el.textContent = ''; }, 8000);
}
