/** State bodies (docs/protocol.md section 7): full snapshots, deltas, applying a delta, and the checksum. */
import { crc32 } from './crc32';
import { ByteReader, ByteWriter, MalformedFrameError } from './wire';

export const MAX_FIELDS = 16;
export const MAX_GLOBALS = 16;

export interface Entity {
  id: number;
  kind: number;
  fields: number[];
}

/** A room's state; entities are kept in ascending id order, as the wire has them. */
export interface WorldState {
  globals: number[];
  entities: Entity[];
}

export function emptyState(): WorldState {
  return { globals: [], entities: [] };
}

function writeEntity(w: ByteWriter, e: Entity): void {
  w.varint(e.id).u8(e.kind).u8(e.fields.length);
  for (const f of e.fields) w.zigzag(f);
}

function readEntity(r: ByteReader): Entity {
  const id = r.varint('entity id');
  if (id > 0xffff) throw new MalformedFrameError(`entity id ${id} above u16`);
  const kind = r.u8('entity kind');
  const count = r.u8('field count');
  if (count > MAX_FIELDS) throw new MalformedFrameError(`${count} fields`);
  const fields: number[] = [];
  for (let i = 0; i < count; i++) fields.push(r.zigzag('field'));
  return { id, kind, fields };
}

/** Reads `count` items whose ids must be strictly ascending. */
function ascending<T>(count: number, read: () => T, idOf: (t: T) => number, what: string): T[] {
  const out: T[] = [];
  let last = -1;
  for (let i = 0; i < count; i++) {
    const item = read();
    const id = idOf(item);
    if (id <= last) throw new MalformedFrameError(`${what} ids not ascending`);
    last = id;
    out.push(item);
  }
  return out;
}

export function encodeSnapshot(state: WorldState): Uint8Array {
  const w = new ByteWriter();
  w.varint(state.globals.length);
  for (const g of state.globals) w.zigzag(g);
  w.varint(state.entities.length);
  for (const e of state.entities) writeEntity(w, e);
  return w.finish();
}

export function decodeSnapshot(body: Uint8Array): WorldState {
  const r = new ByteReader(body);
  const g = r.varint('global count');
  if (g > MAX_GLOBALS) throw new MalformedFrameError(`${g} globals`);
  const globals: number[] = [];
  for (let i = 0; i < g; i++) globals.push(r.zigzag('global'));
  const entities = ascending(r.varint('entity count'), () => readEntity(r), (e) => e.id, 'entity');
  r.end('snapshot');
  return { globals, entities };
}

/** The checksum of a state: CRC-32 of its canonical full-snapshot bytes. */
export function checksum(state: WorldState): number {
  return crc32(encodeSnapshot(state));
}

/** A decoded delta body, before it is applied. */
export interface Delta {
  removed: number[];
  added: Entity[];
  changed: { id: number; mask: number; values: number[] }[];
  globalMask: number;
  globalValues: number[];
}

function bitValues(r: ByteReader, mask: number, what: string): number[] {
  const values: number[] = [];
  for (let bit = 0; bit < 32; bit++) if (mask & (1 << bit)) values.push(r.zigzag(what));
  return values;
}

export function decodeDelta(body: Uint8Array): Delta {
  const r = new ByteReader(body);
  const removed = ascending(r.varint('removed count'), () => r.varint('removed id'), (id) => id, 'removed');
  const added = ascending(r.varint('added count'), () => readEntity(r), (e) => e.id, 'added');
  const changed = ascending(
    r.varint('changed count'),
    () => {
      const id = r.varint('changed id');
      const mask = r.varint('field mask');
      if (mask === 0) throw new MalformedFrameError('empty field mask');
      return { id, mask, values: bitValues(r, mask, 'field') };
    },
    (c) => c.id,
    'changed',
  );
  const globalMask = r.varint('global mask');
  const globalValues = bitValues(r, globalMask, 'global');
  r.end('delta');
  return { removed, added, changed, globalMask, globalValues };
}

/** Applies a delta body to a copy of `baseline`; the baseline itself is left untouched. */
export function applyDelta(baseline: WorldState, body: Uint8Array): WorldState {
  const d = decodeDelta(body);
  const byId = new Map<number, Entity>();
  for (const e of baseline.entities) byId.set(e.id, e);
  for (const id of d.removed) {
    if (!byId.delete(id)) throw new MalformedFrameError(`removed entity ${id} does not exist`);
  }
  for (const e of d.added) byId.set(e.id, e);
  for (const c of d.changed) {
    const old = byId.get(c.id);
    if (!old) throw new MalformedFrameError(`changed entity ${c.id} does not exist`);
    if (c.mask >= 2 ** old.fields.length) throw new MalformedFrameError(`mask out of range for entity ${c.id}`);
    const fields = old.fields.slice();
    let v = 0;
    for (let i = 0; i < fields.length; i++) if (c.mask & (1 << i)) fields[i] = c.values[v++];
    byId.set(c.id, { id: c.id, kind: old.kind, fields });
  }
  if (d.globalMask >= 2 ** baseline.globals.length) throw new MalformedFrameError('global mask out of range');
  const globals = baseline.globals.slice();
  let v = 0;
  for (let i = 0; i < globals.length; i++) if (d.globalMask & (1 << i)) globals[i] = d.globalValues[v++];
  const entities = [...byId.values()].sort((a, b) => a.id - b.id);
  return { globals, entities };
}

function sameShape(a: Entity, b: Entity): boolean {
  return a.kind === b.kind && a.fields.length === b.fields.length;
}

/** Encodes the delta from `baseline` to `next` (the server's job; the client uses it in tests and tools). */
export function encodeDelta(baseline: WorldState, next: WorldState): Uint8Array {
  const before = new Map(baseline.entities.map((e) => [e.id, e]));
  const after = new Map(next.entities.map((e) => [e.id, e]));
  const removed = baseline.entities.filter((e) => !after.has(e.id)).map((e) => e.id);
  const added: Entity[] = [];
  const changed: { id: number; mask: number; values: number[] }[] = [];
  for (const e of next.entities) {
    const old = before.get(e.id);
    if (!old || !sameShape(old, e)) {
      added.push(e);
      continue;
    }
    let mask = 0;
    const values: number[] = [];
    e.fields.forEach((f, i) => {
      if (f !== old.fields[i]) {
        mask |= 1 << i;
        values.push(f);
      }
    });
    if (mask !== 0) changed.push({ id: e.id, mask, values });
  }
  const w = new ByteWriter();
  w.varint(removed.length);
  for (const id of removed) w.varint(id);
  w.varint(added.length);
  for (const e of added) writeEntity(w, e);
  w.varint(changed.length);
  for (const c of changed) {
    w.varint(c.id).varint(c.mask);
    for (const v of c.values) w.zigzag(v);
  }
  let globalMask = 0;
  const globalValues: number[] = [];
  next.globals.forEach((g, i) => {
    if (g !== baseline.globals[i]) {
      globalMask |= 1 << i;
      globalValues.push(g);
    }
  });
  w.varint(globalMask);
  for (const g of globalValues) w.zigzag(g);
  return w.finish();
}
