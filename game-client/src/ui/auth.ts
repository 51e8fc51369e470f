/** The first screen: play as a guest, or log in / register. */
import { api, ApiError, AuthSession, TokenPair } from '../sdk/api';
import { h } from './dom';

export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return 'Something went wrong. Please try again.';
}

export function authScreen(onSignedIn: (auth: AuthSession) => void): HTMLElement {
  const error = h('p', { className: 'error', role: 'alert' });
  const busy = (form: HTMLElement, on: boolean) =>
    form.querySelectorAll('button, input').forEach((el) => ((el as HTMLButtonElement).disabled = on));

  async function signIn(form: HTMLElement, request: () => Promise<TokenPair>) {
    error.textContent = '';
    busy(form, true);
    try {
      onSignedIn(new AuthSession(await request()));
    } catch (e) {
      error.textContent = errorText(e);
      busy(form, false);
    }
  }

  const guestName = h('input', { id: 'guest-name', placeholder: 'Your name', maxlength: 32, autocomplete: 'nickname' });
  const guestForm = h(
    'form',
    { className: 'card' },
    h('h2', {}, 'Play as guest'),
    h('p', { className: 'muted' }, 'No account needed. Pick a name and jump in.'),
    guestName,
    h('button', { id: 'play-guest', type: 'submit', className: 'primary' }, 'Play as guest'),
  );
  guestForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void signIn(guestForm, () => api.guest(guestName.value.trim() || undefined));
  });

  const username = h('input', { id: 'username', placeholder: 'Username', autocomplete: 'username', required: true });
  const password = h('input', {
    id: 'password',
    type: 'password',
    placeholder: 'Password',
    autocomplete: 'current-password',
    required: true,
  });
  const accountForm = h(
    'form',
    { className: 'card' },
    h('h2', {}, 'Your account'),
    h('p', { className: 'muted' }, 'Keep your scores and match history.'),
    username,
    password,
    h(
      'div',
      { className: 'row' },
      h('button', { id: 'login', type: 'submit', className: 'primary' }, 'Log in'),
      h('button', { id: 'register', type: 'button' }, 'Register'),
    ),
  );
  accountForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void signIn(accountForm, () => api.login(username.value.trim(), password.value));
  });
  accountForm.querySelector('#register')!.addEventListener('click', () => {
    if (!accountForm.reportValidity()) return;
    void signIn(accountForm, () => api.register(username.value.trim(), password.value));
  });

  return h(
    'main',
    { className: 'screen auth' },
    h('header', { className: 'hero' }, h('h1', {}, 'Quarkade Arena'), h('p', {}, 'Collect the orbs. Outscore everyone.')),
    h('div', { className: 'cards' }, guestForm, accountForm),
    error,
  );
}
