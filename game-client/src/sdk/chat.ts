/**
 * Chat lines within the protocol's limit (docs/protocol.md section 5: 1 to 200 bytes of UTF-8). Players write Chinese
 * (3 bytes a character) and emoji (4 bytes, some made of several code points), so a line is measured in UTF-8 bytes,
 * never in UTF-16 units, and cut only between whole characters.
 */
import { MAX_CHAT_BYTES } from './protocol/codec';

/** What became of a line given to RoomClient.sendChat. */
export type ChatResult = 'sent' | 'empty' | 'too-long' | 'offline';

/** A chat line being typed, as the input box should hold it. */
export interface ChatDraft {
  text: string;
  bytes: number;
  /** Bytes still free before the limit. */
  remaining: number;
  /** True when the text given was longer than the limit and was cut. */
  clipped: boolean;
}

/** UTF-8 length without encoding; a lone surrogate counts 3, as TextEncoder writes it (U+FFFD). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}

const graphemes = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

/** The characters of `text`: grapheme clusters where the runtime can tell them (a flag, a family emoji), else code points. */
function characters(text: string): Iterable<string> {
  return graphemes ? Array.from(graphemes.segment(text), (s) => s.segment) : text;
}

/** The longest start of `text` that fits in `maxBytes` of UTF-8, never ending inside a character. */
export function clipUtf8(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const ch of characters(text)) {
    const n = utf8Length(ch);
    if (bytes + n > maxBytes) break;
    out += ch;
    bytes += n;
  }
  return out;
}

export function chatDraft(text: string, maxBytes = MAX_CHAT_BYTES): ChatDraft {
  const kept = clipUtf8(text, maxBytes);
  const bytes = utf8Length(kept);
  return { text: kept, bytes, remaining: maxBytes - bytes, clipped: kept !== text };
}
