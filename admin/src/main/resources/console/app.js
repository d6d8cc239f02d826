// The console's shell: sign-in, navigation and the hash router (#/page/id?filters). Nothing here
// puts the token anywhere but sessionStorage and the Authorization header.
import { api, session } from './api.js';
import { failure, field, fill, h, heading, input } from './dom.js';
import * as overview from './overview.js';
import * as entries from './entries.js';
import * as subscriptions from './subscriptions.js';
import * as deliveries from './deliveries.js';
import * as event from './event.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const signOut = document.getElementById('sign-out');
let cleanup = null;
let signingIn = false;

function signIn(message) {
  nav.hidden = true;
  signOut.hidden = true;
  const token = input('token', { type: 'password', id: 'token', autocomplete: 'off', required: true, spellcheck: 'false' });
  const out = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'sign-in', 'aria-label': 'Sign in' },
    field('Admin or tenant token', token, 'admin.token sees everything; an admin.tokens entry sees its tenant only. '
      + 'It is kept in this tab until you sign out or close it.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Sign in')), out);
  form.addEventListener('submit', async (submitted) => {
    submitted.preventDefault();
    session.signIn(token.value.trim());
    signingIn = true;
    try {
      await api('GET', '/admin/counters');
      token.value = '';
      render();
    } catch (error) {
      session.signOut();
      out.replaceChildren(failure(error.status === 401 ? Object.assign(error, { message: 'That token is not accepted.' }) : error));
      token.focus();
    } finally {
      signingIn = false;
    }
  });
  fill(main, heading('Sign in'), message ? failure({ message, code: 'unauthorized' }) : null, form);
  token.focus();
}

const PAGES = {
  overview: () => overview.show(main),
  rejected: (id) => (id ? entries.detail(main, 'rejected', id) : entries.list(main, 'rejected')),
  dlq: (id) => (id ? entries.detail(main, 'dlq', id) : entries.list(main, 'dlq')),
  subscriptions: (id) => (id ? subscriptions.edit(main, id) : subscriptions.list(main)),
  deliveries: (id) => (id ? deliveries.detail(main, id) : deliveries.list(main)),
  event: () => event.show(main),
};

function render() {
  if (typeof cleanup === 'function') {
    cleanup();
  }
  cleanup = null;
  if (!session.token()) {
    signIn();
    return;
  }
  nav.hidden = false;
  signOut.hidden = false;
  const path = window.location.hash.replace(/^#\/?/, '').split('?')[0];
  const [page, ...rest] = path.split('/');
  const name = PAGES[page] ? page : 'overview';
  const id = rest.length ? decodeURIComponent(rest.join('/')) : null;
  nav.querySelectorAll('a').forEach((link) => {
    if (link.dataset.page === name) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  });
  document.title = `${name[0].toUpperCase()}${name.slice(1)} · hookgate console`;
  const answer = PAGES[name](id);
  if (answer && typeof answer.then !== 'function') {
    cleanup = answer;
  }
  Promise.resolve(answer).finally(() => {
    if (document.activeElement === document.body || !main.contains(document.activeElement)) {
      main.querySelector('h1')?.focus({ preventScroll: true });
    }
  });
}

signOut.addEventListener('click', () => {
  session.signOut();
  window.location.hash = '#/overview';
  render();
});
session.onRefused(() => {
  if (signingIn) {
    return;
  }
  session.signOut();
  signIn('The admin API no longer accepts the token: sign in again.');
});
window.addEventListener('hashchange', render);
render();
