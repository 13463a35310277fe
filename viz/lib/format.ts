// Numbers and labels for people: rounded to what a reader can use, with the
// unit from the metrics glossary, so every axis says what it measures.

import { GLOSSARY } from '../../sim/metrics/glossary.js';

/** Integers grouped, others to 4 significant digits; non-finite values as '–'. */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  const abs = Math.abs(x);
  if (abs >= 1000) return x.toLocaleString('en-US', { maximumFractionDigits: 1 });
  if (abs !== 0 && abs < 1e-3) return x.toExponential(2);
  return String(Number(x.toPrecision(4)));
}

/** A signed number: '+1.2' / '−0.3'. */
export function formatSigned(x: number): string {
  if (!Number.isFinite(x)) return '–';
  const text = formatNumber(Math.abs(x));
  return x > 0 ? `+${text}` : x < 0 ? `−${text}` : text;
}

/** A p-value as a reader wants it. */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return 'p –';
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** The unit of a metric ('' if unknown). */
export function unitOf(metric: string): string {
  return GLOSSARY[metric]?.unit ?? '';
}

/** `metric (unit)`: the label of an axis that shows a metric. */
export function metricLabel(metric: string): string {
  const unit = unitOf(metric);
  return unit === '' ? metric : `${metric} (${unit})`;
}

/** The glossary's one-line meaning of a metric. */
export function metricDescription(metric: string): string {
  return GLOSSARY[metric]?.description ?? '';
}

/** Seconds for a status line. */
export function formatSeconds(s: number): string {
  return s < 10 ? `${s.toFixed(2)} s` : `${s.toFixed(1)} s`;
}
