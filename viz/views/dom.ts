// Small DOM helpers shared by the views.

/** The element with `id`; throws if the page lacks it (a broken index.html should fail loudly). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`index.html has no #${id}`);
  return el as T;
}

/** Creates an element with attributes and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: (Node | string | undefined)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== undefined) node.append(child);
  return node;
}

/** Yields to the event loop, so long work is split into tasks the page can answer between. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** An empty-state or error box that says what happened and what to do. */
export function notice(kind: 'empty' | 'error' | 'info', heading: string, body: string | Node): HTMLElement {
  return el('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'note' }, el('strong', { text: heading }), ' ', body);
}
