// One floating tooltip for the whole page: any element with a `data-tip`
// attribute (chart marks, legend entries, table cells) shows it under the
// pointer. Charts stay plain SVG — they only set attributes — and a
// chart's own pointer handlers may update its `data-tip` before this reads it.

/** Installs the tooltip on `root`; returns the tooltip element. */
export function installTooltip(root: HTMLElement = document.body): HTMLElement {
  const tip = document.createElement('div');
  tip.className = 'tooltip';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  document.body.append(tip);
  const show = (event: PointerEvent): void => {
    const target = (event.target as Element | null)?.closest?.('[data-tip]');
    const text = target?.getAttribute('data-tip');
    if (!target || !text) {
      tip.hidden = true;
      return;
    }
    tip.textContent = text;
    tip.hidden = false;
    const pad = 14;
    const { innerWidth, innerHeight } = window;
    const rect = tip.getBoundingClientRect();
    const x = Math.min(event.clientX + pad, innerWidth - rect.width - 4);
    const y = event.clientY + pad + rect.height > innerHeight ? event.clientY - rect.height - pad : event.clientY + pad;
    tip.style.transform = `translate(${Math.max(4, x)}px, ${Math.max(4, y)}px)`;
  };
  root.addEventListener('pointermove', show);
  root.addEventListener('pointerleave', () => (tip.hidden = true));
  return tip;
}
