// Plain-text tables for the terminal.

import { GLOSSARY } from '../metrics/glossary.js';

// Made on first use: creating an Intl.NumberFormat loads ICU's locale data,
// ~30 ms of every CLI start-up on the bench machine, and `--json` output and
// most commands never format a number for people.
let thousands: Intl.NumberFormat | undefined;
let thousandsOneDecimal: Intl.NumberFormat | undefined;

/**
 * Formats a number for people: integers in full, others to 4 significant
 * digits below 1,000 and to one decimal above; thousands grouped in both, so
 * a column mixing an integral mean (6,336) with fractional ones (6,555.2)
 * reads alike.
 */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return (thousands ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })).format(x);
  if (Math.abs(x) < 1000) return x.toPrecision(4);
  return (thousandsOneDecimal ??= new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })).format(x);
}

/** Left-aligned columns separated by two spaces. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/** A metric / value / unit table. */
export function metricsTable(metrics: Record<string, number>): string {
  return table([
    ['metric', 'value', 'unit'],
    ...Object.entries(metrics).map(([name, value]) => [name, formatNumber(value), GLOSSARY[name]?.unit ?? '']),
  ]);
}
