/** Byte-level primitives of the protocol (docs/protocol.md section 3): big-endian integers, varints, zigzag, text. */

/** Thrown for a frame or body that breaks the protocol; a client closes with 1007 on it. */
export class MalformedFrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedFrameError';
  }
}

const utf8Encoder = new TextEncoder();
// fatal: invalid UTF-8 is malformed, not silently replaced.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function utf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** zigzag maps small negative and positive int32 values to small unsigned values. */
export function zigzag(n: number): number {
  return ((n << 1) ^ (n >> 31)) >>> 0;
}

export function unzigzag(u: number): number {
  return (u >>> 1) ^ -(u & 1);
}

/** Appends bytes to a growing buffer. */
export class ByteWriter {
  private buf = new Uint8Array(64);
  private view = new DataView(this.buf.buffer);
  private pos = 0;

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): this {
    this.ensure(1);
    this.view.setUint8(this.pos, v);
    this.pos += 1;
    return this;
  }

  i8(v: number): this {
    this.ensure(1);
    this.view.setInt8(this.pos, v);
    this.pos += 1;
    return this;
  }

  u16(v: number): this {
    this.ensure(2);
    this.view.setUint16(this.pos, v);
    this.pos += 2;
    return this;
  }

  u32(v: number): this {
    this.ensure(4);
    this.view.setUint32(this.pos, v >>> 0);
    this.pos += 4;
    return this;
  }

  i32(v: number): this {
    this.ensure(4);
    this.view.setInt32(this.pos, v | 0);
    this.pos += 4;
    return this;
  }

  /** u64 from a JavaScript number; epoch milliseconds stay below 2^53. */
  u64(v: number): this {
    this.ensure(8);
    this.view.setBigUint64(this.pos, BigInt(v));
    this.pos += 8;
    return this;
  }

  varint(v: number): this {
    let u = v >>> 0;
    while (u >= 0x80) {
      this.u8((u & 0x7f) | 0x80);
      u >>>= 7;
    }
    return this.u8(u);
  }

  zigzag(n: number): this {
    return this.varint(zigzag(n));
  }

  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

/** Reads a frame front to back; every read past the end is malformed. */
export class ByteReader {
  private readonly view: DataView;
  private pos = 0;

  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  private need(n: number, what: string): void {
    if (this.remaining < n) throw new MalformedFrameError(`truncated ${what}`);
  }

  u8(what = 'u8'): number {
    this.need(1, what);
    return this.view.getUint8(this.pos++);
  }

  i8(what = 'i8'): number {
    this.need(1, what);
    return this.view.getInt8(this.pos++);
  }

  u16(what = 'u16'): number {
    this.need(2, what);
    const v = this.view.getUint16(this.pos);
    this.pos += 2;
    return v;
  }

  u32(what = 'u32'): number {
    this.need(4, what);
    const v = this.view.getUint32(this.pos);
    this.pos += 4;
    return v;
  }

  i32(what = 'i32'): number {
    this.need(4, what);
    const v = this.view.getInt32(this.pos);
    this.pos += 4;
    return v;
  }

  u64(what = 'u64'): number {
    this.need(8, what);
    const v = this.view.getBigUint64(this.pos);
    this.pos += 8;
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new MalformedFrameError(`${what} beyond 2^53`);
    return Number(v);
  }

  varint(what = 'varint'): number {
    let result = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.u8(what);
      if (i === 4 && b > 0x0f) throw new MalformedFrameError(`${what} longer than 32 bits`);
      result |= (b & 0x7f) << (7 * i);
      if ((b & 0x80) === 0) return result >>> 0;
    }
    throw new MalformedFrameError(`${what} longer than 5 bytes`);
  }

  zigzag(what = 'zigzag'): number {
    return unzigzag(this.varint(what));
  }

  bytes(n: number, what = 'bytes'): Uint8Array {
    this.need(n, what);
    const b = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  rest(): Uint8Array {
    return this.bytes(this.remaining);
  }

  text(bytes: Uint8Array, what = 'text'): string {
    try {
      return utf8Decoder.decode(bytes);
    } catch {
      throw new MalformedFrameError(`invalid UTF-8 in ${what}`);
    }
  }

  /** "rest" text: runs to the end of the frame. */
  restText(what = 'text'): string {
    return this.text(this.rest(), what);
  }

  str8(what = 'str8'): string {
    const n = this.u8(what);
    return this.text(this.bytes(n, what), what);
  }

  end(what = 'frame'): void {
    if (this.remaining !== 0) throw new MalformedFrameError(`${this.remaining} trailing bytes after ${what}`);
  }
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new Error('not a hex string');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.substr(i * 2, 2), 16);
  return out;
}
