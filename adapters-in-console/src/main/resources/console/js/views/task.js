// A task's page: its settings (secret headers come masked from the API), its buttons, and its
// executions, refreshed every two seconds while the page is open.
import {actions, executions, getTask} from '../api.js';
import {fill, h, labelList, millisBetween, ms, notice, statusBadge, taskName, time} from '../dom.js';

const REFRESH_MS = 2000;
const FINAL = ['completed', 'failed', 'stopped'];

/** The buttons: label, API call, question asked first, and when each applies. */
const BUTTONS = [
  {label: 'Pause', call: actions.pause, ask: 'Pause', when: (t) => ['pending', 'running'].includes(t.status)},
  {label: 'Resume', call: actions.resume, ask: 'Resume', when: (t) => t.status === 'paused'},
  {label: 'Run now', call: actions.run, ask: 'Run once now', when: (t) => !FINAL.includes(t.status)},
  {label: 'Cancel', call: actions.cancel, ask: 'Cancel for good', when: (t) => !FINAL.includes(t.status), danger: true},
];

export function taskView(main, me, id) {
  let task = null;
  const heading = h('h2', {}, 'Task');
  const buttons = BUTTONS.map((b) => h('button', {type: 'button', class: b.danger ? 'danger' : '', disabled: true,
    onclick: () => act(b)}, b.label));
  const outcome = h('p', {role: 'status', 'aria-live': 'polite', id: 'action-result'});
  const settings = h('dl', {class: 'settings'});
  const history = h('div', {class: 'table-wrap'});

  fill(main, h('p', {}, h('a', {href: '#/tasks'}, '← Tasks')), heading,
    h('div', {class: 'actions', role: 'group', 'aria-label': 'Task actions'}, buttons), outcome,
    h('h3', {}, 'Settings'), settings, h('h3', {}, 'Executions'), history);

  async function act(button) {
    if (!task || !window.confirm(`${button.ask} "${taskName(task)}"?`)) return;
    try {
      const answer = await button.call(id);
      const message = answer.message + (answer.execution_id ? ` (execution ${answer.execution_id})` : '');
      outcome.className = '';
      outcome.textContent = message;
      notice(message);
    } catch (error) {
      outcome.className = 'error';
      outcome.textContent = `${button.label} failed: ${error.message}`;
      notice(outcome.textContent, true);
    }
    refresh();
  }

  async function refresh() {
    try {
      const [current, log] = await Promise.all([getTask(id), executions(id)]);
      task = current;
      heading.textContent = taskName(task);
      document.title = `${taskName(task)} · Coze Timer`;
      buttons.forEach((el, i) => { el.disabled = !BUTTONS[i].when(task); });
      fill(settings, settingsList(task));
      fill(history, log.executions.length ? executionsTable(log.executions) : h('p', {}, 'No executions yet.'));
    } catch (error) {
      fill(history, h('p', {class: 'error', role: 'alert'}, `Could not load the task: ${error.message}`));
    }
  }
  refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  return () => clearInterval(timer);
}

function settingsList(task) {
  const rows = [
    ['Status', statusBadge(task.status)], ['Task id', task.task_id], ['User', task.user_id],
    ['Labels', labelList(task.labels)], ['Schedule', schedule(task)],
    ['Endpoint', `${task.method} ${task.http_endpoint}`], ['Headers', json(task.headers)], ['Body', json(task.body)],
    ['Stop condition', json(task.stop_condition)], ['Executions', task.execution_count],
    ['Next run', time(task.next_run_time)], ['Created', time(task.created_at)], ['Updated', time(task.updated_at)],
  ];
  return rows.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]);
}

function schedule(task) {
  if (task.type === 'interval') return `every ${task.interval_seconds} s${task.start_time ? ` from ${time(task.start_time)}` : ''}`;
  if (task.type === 'cron') return `cron ${task.cron_expression} (${task.time_zone})`;
  return `once at ${time(task.start_time)}`;
}

function json(value) {
  return value === null || value === undefined ? h('span', {class: 'muted'}, '—') : h('pre', {}, JSON.stringify(value, null, 2));
}

function executionsTable(list) {
  return h('table', {class: 'executions'},
    h('thead', {}, h('tr', {}, ['Time', 'Execution', 'Status code', 'Lateness', 'Duration', 'Attempts', 'Outcome', 'Error']
      .map((title, i) => h('th', {scope: 'col', class: i >= 2 && i <= 5 ? 'num' : ''}, title)))),
    h('tbody', {}, list.map((e) => h('tr', {},
      h('td', {}, time(e.started_at)),
      h('td', {}, h('code', {title: e.execution_id}, e.execution_id.slice(0, 8))),
      h('td', {class: 'num'}, e.http_status ?? '—'),
      h('td', {class: 'num'}, ms(millisBetween(e.scheduled_time, e.started_at))),
      h('td', {class: 'num'}, ms(e.duration_ms)),
      h('td', {class: 'num'}, e.attempts),
      h('td', {}, statusBadge(e.outcome)),
      h('td', {}, e.error ?? '')))));
}
