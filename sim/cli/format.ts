// Plain-text tables for the terminal.

import { GLOSSARY } from '../metrics/glossary.js';

/** Formats a number for people: integers as is, others to 4 significant digits. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  const abs = Math.abs(x);
  return abs >= 1000 ? x.toFixed(1) : x.toPrecision(4);
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
