// The console's entry point: sign-in, the navigation and the views, chosen by the URL's hash
// (#/overview, #/tasks?…, #/task/<id>, #/dead-letters?…). The token never appears in a URL.
import {session, whoAmI} from './api.js';
import {fill, h} from './dom.js';
import {deadLettersView} from './views/deadletters.js';
import {overviewView} from './views/overview.js';
import {taskView} from './views/task.js';
import {tasksView} from './views/tasks.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
let me = null;
let leave = () => {};

function route() {
  leave();
  leave = () => {};
  if (!me) return;
  const [path, query] = location.hash.slice(1).split('?');
  const params = new URLSearchParams(query || '');
  const task = /^\/task\/([0-9a-fA-F-]{36})$/.exec(path || '');
  if (task) leave = taskView(main, me, task[1]);
  else if (path === '/tasks') leave = tasksView(main, me, params);
  else if (path === '/dead-letters') leave = deadLettersView(main, me, params);
  else leave = overviewView(main, me);
  for (const link of nav.querySelectorAll('a')) {
    link.toggleAttribute('aria-current', link.getAttribute('href') === `#${path}`);
  }
  main.focus();
}

function signInForm(message) {
  nav.hidden = true;
  const input = h('input', {id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false'});
  const error = h('p', {class: 'error', role: 'alert'}, message || '');
  const form = h('form', {class: 'sign-in', method: 'post', onsubmit: async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    try {
      await start(token);
    } catch (e) {
      error.textContent = e.status === 401 ? 'That token is not valid.' : `Could not sign in: ${e.message}`;
      input.focus();
    }
  }}, h('h2', {}, 'Sign in'), h('label', {for: 'token'}, 'API token'), input, h('button', {type: 'submit'}, 'Sign in'), error);
  fill(main, form);
  input.focus();
}

async function start(token) {
  me = await whoAmI(token);
  session.signIn(token);
  document.getElementById('who').textContent = me.admin ? 'admin' : `user ${me.user_id}`;
  nav.hidden = false;
  route();
}

document.getElementById('sign-out').addEventListener('click', () => {
  leave();
  leave = () => {};
  me = null;
  session.signOut();
  signInForm();
});
window.addEventListener('hashchange', route);

const saved = session.token();
if (saved) start(saved).catch(() => { session.signOut(); signInForm('Your session has ended: sign in again.'); });
else signInForm();
