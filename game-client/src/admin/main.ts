/**
 * The operator console at /admin: sign in with an operator's account, then watch and manage the live rooms. The page
 * itself holds no data; everything comes from /api/admin, which answers 403 to anyone without the admin role.
 */
import '../style.css';
import './admin.css';
import { ApiError } from '../sdk';
import { h } from '../ui/dom';
import { AdminApi } from './api';
import { Console } from './console';

const root = document.getElementById('admin')!;

function loginScreen(): HTMLElement {
  const error = h('p', { className: 'error', id: 'login-error' });
  const username = h('input', { id: 'admin-username', placeholder: 'Username', autocomplete: 'username', required: true });
  const password = h('input', { id: 'admin-password', type: 'password', placeholder: 'Password', autocomplete: 'current-password', required: true });
  const submit = h('button', { className: 'primary', type: 'submit', id: 'admin-login' }, 'Sign in');
  const form = h(
    'form',
    { className: 'card login' },
    h('h2', {}, 'Operator console'),
    h('p', { className: 'muted' }, 'Sign in with an account listed in quarkade.admin.usernames.'),
    username,
    password,
    submit,
    error,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit.disabled = true;
    error.textContent = '';
    AdminApi.login(username.value.trim(), password.value)
      .then((admin) => {
        const view = new Console(admin, () => {
          view.stop();
          show();
        });
        root.replaceChildren(view.element);
        view.start();
      })
      .catch((e: unknown) => {
        submit.disabled = false;
        if (e instanceof ApiError && e.status === 403) error.textContent = 'This account is not an operator (403).';
        else error.textContent = e instanceof Error ? e.message : String(e);
      });
  });
  return h('div', { className: 'screen' }, h('div', { className: 'hero' }, h('h1', {}, 'Quarkade'), h('p', { className: 'muted' }, 'Operator console')), form);
}

function show(): void {
  root.replaceChildren(loginScreen());
}

show();
