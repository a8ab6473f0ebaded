// The task list: filters by status, name prefix and label (and user, for admins), a page of
// tasks at a time with a link to each task's page.
import {listTasks} from '../api.js';
import {fill, h, labelList, result, statusBadge, taskName, time} from '../dom.js';

export const STATUSES = ['pending', 'running', 'paused', 'completed', 'failed', 'stopped'];

export function tasksView(main, me, params) {
  const filters = {
    status: params.get('status') || '', name: params.get('name') || '',
    label: params.get('label') || '', user_id: params.get('user_id') || '',
  };
  const cursors = [];
  const table = h('div', {class: 'table-wrap'});
  const pager = h('div', {class: 'pager'});
  const summary = h('p', {class: 'muted', 'aria-live': 'polite'});

  const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter tasks', onsubmit: (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const query = new URLSearchParams();
    for (const [key, value] of data) if (String(value).trim()) query.set(key, String(value).trim());
    location.hash = `#/tasks${query.toString() ? `?${query}` : ''}`;
  }},
  h('label', {}, 'Status', h('select', {name: 'status'}, h('option', {value: ''}, 'any'),
    STATUSES.map((s) => h('option', {value: s, selected: s === filters.status}, s)))),
  h('label', {}, 'Name', h('input', {name: 'name', value: filters.name, placeholder: 'starts with…', autocomplete: 'off'})),
  h('label', {}, 'Label', h('input', {name: 'label', value: filters.label, placeholder: 'key:value', autocomplete: 'off'})),
  me.admin ? h('label', {}, 'User id', h('input', {name: 'user_id', value: filters.user_id, inputmode: 'numeric', size: 8})) : null,
  h('button', {type: 'submit'}, 'Filter'),
  h('button', {type: 'button', class: 'secondary', onclick: () => load(cursors[cursors.length - 1])}, 'Refresh'));

  fill(main, h('h2', {}, me.admin ? 'All tasks' : 'Your tasks'), form, summary, table, pager);

  async function load(cursor) {
    try {
      const page = await listTasks(me, {...filters, limit: 50, cursor});
      summary.textContent = `${page.total} task${page.total === 1 ? '' : 's'} match.`;
      fill(table, page.tasks.length ? tasksTable(page.tasks, me) : h('p', {}, 'No tasks.'));
      fill(pager,
        cursors.length ? h('button', {type: 'button', class: 'secondary', onclick: () => { cursors.length = 0; load(); }}, 'First page') : null,
        page.next_cursor ? h('button', {type: 'button', class: 'secondary', onclick: () => { cursors.push(page.next_cursor); load(page.next_cursor); }}, 'Next page') : null);
    } catch (error) {
      fill(table, h('p', {class: 'error', role: 'alert'}, `Could not list the tasks: ${error.message}`));
    }
  }
  load();
  return () => {};
}

export function tasksTable(tasks, me) {
  return h('table', {class: 'tasks'},
    h('thead', {}, h('tr', {},
      h('th', {scope: 'col'}, 'Name'), h('th', {scope: 'col'}, 'Status'), h('th', {scope: 'col', class: 'wide'}, 'Labels'),
      me.admin ? h('th', {scope: 'col', class: 'wide'}, 'User') : null,
      h('th', {scope: 'col'}, 'Next run'), h('th', {scope: 'col'}, 'Last result'))),
    h('tbody', {}, tasks.map((task) => h('tr', {},
      h('td', {}, h('a', {href: `#/task/${task.task_id}`}, taskName(task))),
      h('td', {}, statusBadge(task.status)),
      h('td', {class: 'wide'}, labelList(task.labels)),
      me.admin ? h('td', {class: 'wide num'}, task.user_id) : null,
      h('td', {}, time(task.next_run_time)),
      h('td', {}, result(task.last_execution))))));
}
