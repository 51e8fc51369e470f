/**
 * The client's one-way layers: the SDK (src/sdk/) knows no game and no screen; games, the shared screens and the
 * operator console use only its public surface (src/sdk/index.ts); the shared screens (src/ui/) know no game.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '..', 'src');
const SDK_INDEX = join(SRC, 'sdk', 'index');

interface Import {
  file: string;
  /** The imported module relative to src/, without extension; or the package name. */
  target: string;
  local: boolean;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const from = /^\s*(?:import|export)\s+(?:type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\}|\w+(?:\s*,\s*\{[^}]*\})?)\s+from\s+['"]([^'"]+)['"]/gm;
  const bare = /^\s*import\s+['"]([^'"]+)['"]/gm;
  const specifiers = [...text.matchAll(from), ...text.matchAll(bare)].map((m) => m[1]);
  return specifiers.map((spec) => {
    const local = spec.startsWith('.');
    let target = local ? resolve(dirname(file), spec) : spec;
    if (local && target === join(SRC, 'sdk')) target = SDK_INDEX;
    return { file: relative(SRC, file), target: local ? relative(SRC, target) : target, local };
  });
}

const imports = sources(SRC).flatMap(importsOf);
const inside = (area: string) => (i: Import) => i.file.startsWith(`${area}/`);
const show = (list: Import[]) => list.map((i) => `${i.file} imports ${i.target}`);

describe('client layers', () => {
  it('finds the imports it checks', () => {
    expect(imports.filter(inside('sdk')).length).toBeGreaterThan(20);
    expect(imports.filter(inside('arena')).some((i) => i.target === 'sdk/index')).toBe(true);
  });

  it('keeps the SDK free of games, screens and packages', () => {
    const out = imports.filter(inside('sdk')).filter((i) => !i.local || !i.target.startsWith('sdk/'));
    expect(show(out)).toEqual([]);
  });

  it('lets everything else use the SDK through its index only', () => {
    const deep = imports.filter((i) => !i.file.startsWith('sdk/') && i.target.startsWith('sdk/') && i.target !== 'sdk/index');
    expect(show(deep)).toEqual([]);
  });

  it('keeps the shared screens and the operator console free of any game', () => {
    const games = ['arena/'];
    const out = imports.filter((i) => (inside('ui')(i) || inside('admin')(i)) && games.some((g) => i.target.startsWith(g)));
    expect(show(out)).toEqual([]);
  });

  it('keeps the games apart from the operator console', () => {
    expect(show(imports.filter((i) => inside('arena')(i) && i.target.startsWith('admin/')))).toEqual([]);
  });
});
