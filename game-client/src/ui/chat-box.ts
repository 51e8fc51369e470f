/**
 * The chat line box of any game screen. It holds at most the protocol's 200 bytes of UTF-8, cut between whole
 * characters as the player types or pastes (a Chinese line fills it at 66 characters), and says so near the limit.
 * Enter sends; sending, or Escape, gives the keys back to the game, so WASD moves again instead of typing.
 */
import { chatDraft, MAX_CHAT_BYTES, type ChatResult } from '../sdk';
import { h } from './dom';

/** The bytes left are shown once fewer than this remain. */
const SHOW_REMAINING_BELOW = 40;

const REFUSED: Record<Exclude<ChatResult, 'sent' | 'empty'>, string> = {
  'too-long': `Not sent: a chat line holds at most ${MAX_CHAT_BYTES} bytes.`,
  offline: 'Not sent: not connected to the room right now.',
};

/** Returns the box (the input and its note, for the caller to place) given how to send a line. */
export function chatBox(send: (text: string) => ChatResult): { input: HTMLInputElement; note: HTMLElement } {
  // maxlength counts UTF-16 units, each at least one UTF-8 byte: a first bound that never refuses a line that fits.
  const input = h('input', { placeholder: 'Say something (Enter)', maxlength: MAX_CHAT_BYTES, 'aria-label': 'Chat', 'aria-describedby': 'chat-note' });
  const note = h('p', { className: 'muted chat-note', id: 'chat-note', 'aria-live': 'polite' });

  const cap = () => {
    const draft = chatDraft(input.value);
    if (draft.clipped) input.value = draft.text;
    if (draft.clipped || draft.remaining === 0) note.textContent = `Line full: at most ${MAX_CHAT_BYTES} bytes.`;
    else if (draft.remaining < SHOW_REMAINING_BELOW) note.textContent = `${draft.remaining} bytes left`;
    else note.textContent = '';
  };
  // An input method's composition is capped when it is committed, not while the player is still picking characters.
  input.addEventListener('input', (ev) => {
    if (!(ev as InputEvent).isComposing) cap();
  });
  input.addEventListener('compositionend', cap);
  input.addEventListener('keydown', (ev) => {
    if (ev.isComposing) return; // Enter that commits an input method's candidate
    if (ev.key === 'Escape') {
      input.blur();
      return;
    }
    if (ev.key !== 'Enter') return;
    const result = send(input.value);
    if (result === 'sent' || result === 'empty') {
      input.value = '';
      note.textContent = '';
    } else {
      note.textContent = REFUSED[result];
    }
    input.blur();
  });
  return { input, note };
}
