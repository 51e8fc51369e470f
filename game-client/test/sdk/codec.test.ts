import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyDelta,
  checksum,
  crc32,
  decode,
  decodeServer,
  decodeSnapshot,
  encode,
  encodeDelta,
  encodeSnapshot,
  fromHex,
  MalformedFrameError,
  Message,
  MessageCode,
  toHex,
  WorldState,
} from '../../src/sdk/protocol/codec';
import { ByteReader, ByteWriter } from '../../src/sdk/protocol/wire';

/** The golden frames shared with the Java codec tests. */
const VECTORS = join(__dirname, '..', '..', '..', 'src', 'test', 'resources', 'protocol');

interface Vector {
  name: string;
  hex: string;
  type: string;
  message: Record<string, unknown>;
  baseline?: WorldState;
  state?: WorldState;
}

const BYTE_FIELDS = new Set(['payload', 'body', 'snapshot', 'settings']);

function loadVectors(): Vector[] {
  return readdirSync(VECTORS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.json$/, '');
      const json = JSON.parse(readFileSync(join(VECTORS, f), 'utf8'));
      const hex = readFileSync(join(VECTORS, `${name}.hex`), 'utf8').replace(/\s+/g, '');
      return { name, hex, ...json };
    });
}

/** The vector's message as the codec represents it: byte strings as Uint8Array, plus the type. */
function toMessage(v: Vector): Message {
  const fields: Record<string, unknown> = { type: v.type };
  for (const [k, val] of Object.entries(v.message)) fields[k] = BYTE_FIELDS.has(k) ? fromHex(val as string) : val;
  return fields as unknown as Message;
}

/** The decoded message in the JSON shape of the vectors. */
function toJson(m: Message): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(m)) {
    if (k !== 'type') out[k] = val instanceof Uint8Array ? toHex(val) : val;
  }
  return out;
}

const vectors = loadVectors();

describe('golden vectors', () => {
  it('cover every message type', () => {
    const types = new Set(vectors.map((v) => v.type));
    expect([...types].sort()).toEqual(Object.keys(MessageCode).sort());
  });

  for (const v of vectors) {
    describe(v.name, () => {
      it('decodes to the JSON message', () => {
        const m = decode(fromHex(v.hex));
        expect(m.type).toBe(v.type);
        expect(toJson(m)).toEqual(v.message);
      });

      it('encodes the JSON message to the hex', () => {
        expect(toHex(encode(toMessage(v)))).toBe(v.hex);
      });

      if (v.state) {
        const state = v.state;
        it('body applies to the expected state and matches its checksum', () => {
          const m = v.message as { body?: string; snapshot?: string; baselineTick?: number; checksum: number };
          const body = fromHex(m.body ?? m.snapshot!);
          const result = m.baselineTick ? applyDelta(v.baseline!, body) : decodeSnapshot(body);
          expect(result).toEqual(state);
          expect(checksum(result)).toBe(m.checksum);
          expect(crc32(encodeSnapshot(state))).toBe(m.checksum);
          if (m.baselineTick) expect(toHex(encodeDelta(v.baseline!, state))).toBe(m.body);
          else expect(toHex(encodeSnapshot(state))).toBe(m.body ?? m.snapshot);
        });
      }
    });
  }

  it('s2c frames decode as server frames, c2s frames do not', () => {
    for (const v of vectors) {
      if (v.name.startsWith('s2c-')) expect(decodeServer(fromHex(v.hex)).type).toBe(v.type);
      else expect(() => decodeServer(fromHex(v.hex))).toThrow(MalformedFrameError);
    }
  });
});

describe('varint and zigzag', () => {
  const varints: [number, string][] = [
    [0, '00'],
    [127, '7f'],
    [128, '8001'],
    [300, 'ac02'],
    [0xffffffff, 'ffffffff0f'],
  ];
  for (const [n, hex] of varints) {
    it(`varint ${n} is ${hex}`, () => {
      expect(toHex(new ByteWriter().varint(n).finish())).toBe(hex);
      expect(new ByteReader(fromHex(hex)).varint()).toBe(n);
    });
  }

  const zigzags: [number, string][] = [
    [0, '00'],
    [-1, '01'],
    [1, '02'],
    [-64, '7f'],
    [64, '8001'],
    [1200, 'e012'],
    [-2147483648, 'ffffffff0f'],
    [2147483647, 'feffffff0f'],
  ];
  for (const [n, hex] of zigzags) {
    it(`zigzag ${n} is ${hex}`, () => {
      expect(toHex(new ByteWriter().zigzag(n).finish())).toBe(hex);
      expect(new ByteReader(fromHex(hex)).zigzag()).toBe(n);
    });
  }

  it('rejects a 5th byte above 0x0f and a 6-byte varint', () => {
    expect(() => new ByteReader(fromHex('ffffffff10')).varint()).toThrow(MalformedFrameError);
    expect(() => new ByteReader(fromHex('8080808080')).varint()).toThrow(MalformedFrameError);
  });
});

describe('checksum', () => {
  it('of the empty state is 0x41d912ff', () => {
    expect(toHex(encodeSnapshot({ globals: [], entities: [] }))).toBe('0000');
    expect(checksum({ globals: [], entities: [] })).toBe(0x41d912ff);
  });

  it('of the state after the documented delta is 0x65d28434', () => {
    const bytes = fromHex('02aa54020301010 6fe12d7040a00c80106 0201067fc00c0a097800 ad020204fe12d7045000');
    expect(crc32(bytes)).toBe(0x65d28434);
    expect(checksum(decodeSnapshot(bytes))).toBe(0x65d28434);
  });
});

describe('malformed frames', () => {
  const bad: [string, string][] = [
    ['empty frame', ''],
    ['unknown type', '08'],
    ['truncated ACK', '020000'],
    ['trailing bytes after ACK', '02000003e800'],
    ['trailing bytes after LEAVE', '0700'],
    ['empty chat', '04'],
    ['invalid UTF-8 in chat', '04ff'],
    ['WELCOME with unknown flags', '810100000 11e044002000003e8000001941f297c0041d912ff0000'],
    ['STATE with an empty body', '82000003e8000001941f297c000000000000000029003006c33e47'],
    ['STATE with baseline not below tick', '82000003e8000001941f297c00000003e80000002900300 6c33e4700000000'],
    ['ROSTER truncated', '850100'],
  ];
  for (const [what, hex] of bad) {
    it(`rejects ${what}`, () => {
      expect(() => decode(fromHex(hex))).toThrow(MalformedFrameError);
    });
  }

  it('rejects a delta that removes a missing entity or has entities out of order', () => {
    const base: WorldState = { globals: [1], entities: [{ id: 1, kind: 1, fields: [0] }] };
    expect(() => applyDelta(base, fromHex('0102000000'))).toThrow(MalformedFrameError);
    expect(() => applyDelta(base, fromHex('0002020100010100 0000'))).toThrow(MalformedFrameError);
    expect(() => applyDelta(base, fromHex('0000010103 0000'))).toThrow(MalformedFrameError);
    expect(() => applyDelta(base, fromHex('00000002'))).toThrow(MalformedFrameError);
  });

  it('leaves the baseline untouched when applying a delta', () => {
    const base: WorldState = { globals: [1], entities: [{ id: 1, kind: 1, fields: [0, 0] }] };
    const next = applyDelta(base, fromHex('000001010102 0104'));
    expect(next).toEqual({ globals: [2], entities: [{ id: 1, kind: 1, fields: [1, 0] }] });
    expect(base).toEqual({ globals: [1], entities: [{ id: 1, kind: 1, fields: [0, 0] }] });
  });
});
