/** A tiny element builder: h('button', { id: 'x', onclick }, 'Text'). */

type Attrs = Record<string, string | number | boolean | EventListener | undefined | null>;
export type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value as EventListener);
    } else if (key === 'className') {
      el.className = String(value);
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
}

export function clear(el: Element): void {
  el.replaceChildren();
}

/** Renders a JSON array of objects as a table; anything else as formatted text. */
export function jsonTable(data: unknown): HTMLElement {
  if (!Array.isArray(data) || data.length === 0) return h('p', { className: 'muted' }, 'Nothing here yet.');
  const rows = data.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null);
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v ?? ''));
  return h(
    'table',
    { className: 'table' },
    h('thead', {}, h('tr', {}, ...keys.map((k) => h('th', {}, k)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...keys.map((k) => h('td', {}, cell(r[k])))))),
  );
}
