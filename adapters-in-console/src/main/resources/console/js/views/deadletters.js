// Dead letters: the fires that finally failed, newest first, each with Redrive (send the same
// request again now, with the same execution id) and Delete. A user sees theirs; an admin
// chooses whose (the API lists dead letters per user).
import {deadLetterActions, listDeadLetters} from '../api.js';
import {fill, h, notice, time} from '../dom.js';

const PAGE = 50;

export function deadLettersView(main, me, params) {
  const userId = me.admin ? params.get('user_id') || '' : String(me.user_id);
  const list = h('div', {class: 'table-wrap'});
  const outcome = h('p', {role: 'status', 'aria-live': 'polite', id: 'action-result'});
  const form = me.admin ? h('form', {class: 'filters', onsubmit: (event) => {
    event.preventDefault();
    location.hash = `#/dead-letters?user_id=${encodeURIComponent(event.target.elements.user_id.value.trim())}`;
  }}, h('label', {for: 'dl-user'}, 'User id'),
  h('input', {id: 'dl-user', name: 'user_id', inputmode: 'numeric', value: userId, required: true}),
  h('button', {type: 'submit'}, 'Show')) : null;
  fill(main, h('h2', {}, 'Dead letters'),
    h('p', {class: 'muted'}, 'Fires that failed after all their attempts. Redrive sends the same request again now.'),
    form, outcome, list);

  async function act(label, call, deadLetter) {
    if (!window.confirm(`${label} the dead letter of execution ${deadLetter.execution_id}?`)) return;
    try {
      const answer = await call(deadLetter.dead_letter_id);
      outcome.className = '';
      outcome.textContent = label === 'Redrive' ? `Redriving execution ${answer.execution_id}` : answer.message;
      notice(outcome.textContent);
    } catch (error) {
      outcome.className = 'error';
      outcome.textContent = `${label} failed: ${error.message}`;
      notice(outcome.textContent, true);
    }
    refresh();
  }

  async function refresh() {
    if (!userId) {
      fill(list, h('p', {}, 'Choose a user to see their dead letters.'));
      return;
    }
    try {
      const page = await listDeadLetters(userId, PAGE);
      fill(list, page.dead_letters.length ? table(page.dead_letters, act) : h('p', {}, 'No dead letters.'),
        h('p', {class: 'muted'}, `${page.total} in all${page.total > PAGE ? `, the newest ${PAGE} shown` : ''}.`));
    } catch (error) {
      fill(list, h('p', {class: 'error', role: 'alert'}, `Could not list the dead letters: ${error.message}`));
    }
  }
  refresh();
  const timer = setInterval(refresh, 5000);
  return () => clearInterval(timer);
}

function table(deadLetters, act) {
  return h('table', {class: 'dead-letters'},
    h('thead', {}, h('tr', {}, ['Failed at', 'Task', 'Execution', 'Scheduled', 'Status code', 'Attempts', 'Error', 'Actions']
      .map((title) => h('th', {scope: 'col'}, title)))),
    h('tbody', {}, deadLetters.map((d) => h('tr', {},
      h('td', {}, time(d.failed_at)),
      h('td', {}, h('a', {href: `#/task/${d.task_id}`}, d.task_id.slice(0, 8))),
      h('td', {}, h('code', {title: d.execution_id}, d.execution_id.slice(0, 8))),
      h('td', {}, time(d.scheduled_time)),
      h('td', {class: 'num'}, d.http_status ?? '—'),
      h('td', {class: 'num'}, d.attempts),
      h('td', {}, d.error ?? ''),
      h('td', {}, h('div', {class: 'actions', role: 'group', 'aria-label': `Dead letter ${d.execution_id.slice(0, 8)}`},
        h('button', {type: 'button', onclick: () => act('Redrive', deadLetterActions.redrive, d)}, 'Redrive'),
        h('button', {type: 'button', class: 'danger', onclick: () => act('Delete', deadLetterActions.remove, d)}, 'Delete')))))));
}
