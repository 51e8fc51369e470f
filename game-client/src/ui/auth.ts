/** The first screen: play as a guest, or log in / register. */
import { ApiError, AuthSession } from '../sdk';
import { h } from './dom';
import type { GameInfo } from './game-info';

export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return 'Something went wrong. Please try again.';
}

export function authScreen(game: GameInfo, onSignedIn: (auth: AuthSession) => void): HTMLElement {
  const error = h('p', { className: 'error', role: 'alert' });
  const busy = (form: HTMLElement, on: boolean) =>
    form.querySelectorAll('button, input').forEach((el) => ((el as HTMLButtonElement).disabled = on));

  async function signIn(form: HTMLElement, request: () => Promise<AuthSession>) {
    error.textContent = '';
    busy(form, true);
    try {
      onSignedIn(await request());
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
    void signIn(guestForm, () => AuthSession.guest(guestName.value.trim() || undefined));
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
    void signIn(accountForm, () => AuthSession.login(username.value.trim(), password.value));
  });
  accountForm.querySelector('#register')!.addEventListener('click', () => {
    if (!accountForm.reportValidity()) return;
    void signIn(accountForm, () => AuthSession.register(username.value.trim(), password.value));
  });

  return h(
    'main',
    { className: 'screen auth' },
    h('header', { className: 'hero' }, h('h1', {}, game.title), h('p', {}, game.tagline)),
    h('div', { className: 'cards' }, guestForm, accountForm),
    error,
  );
}
