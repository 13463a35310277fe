// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { pairedDifference } from './pairedDifference.js';
import { domSnapshot } from '../lib/domSnapshot.js';

const rows = [
  { policy: 'random', mean: -0.08905, lo: -0.122, hi: -0.05607, p: 0.007, n: 3 },
  { policy: 'intelligent', mean: 0.07524, lo: 0.03535, hi: 0.1151, p: 0.015, n: 3 },
  { policy: 'cheapest', mean: 0.002, lo: -0.01, hi: 0.014, p: 0.6, n: 3 },
];

describe('pairedDifference', () => {
  it('pairedDifference draws a difference and a CI per policy around a zero line, with p-values', () => {
    const svg = pairedDifference({ metric: 'accuracy', baseline: 'static-skill', rows });
    expect(svg.querySelectorAll('.mark-diff')).toHaveLength(3);
    expect(svg.querySelectorAll('.mark-ci')).toHaveLength(3);
    expect(svg.querySelectorAll('.zero-line')).toHaveLength(1);
    const labels = [...svg.querySelectorAll('.diff-label')].map((t) => t.textContent);
    expect(labels).toEqual(['−0.08905  p = 0.007', '+0.07524  p = 0.015', '+0.002  p = 0.600']);
    expect(svg.querySelector('.chart-title')?.textContent).toBe('Δ accuracy vs static-skill (share)');
  });

  it('pairedDifference matches its DOM snapshot', () => {
    expect(domSnapshot(pairedDifference({ metric: 'meanMakespan', baseline: 'fifo', rows: rows.slice(0, 2), width: 480 }))).toMatchSnapshot();
  });

  it('pairedDifference asks for a second policy when there is nothing to compare', () => {
    const svg = pairedDifference({ metric: 'accuracy', baseline: 'fifo', rows: [] });
    expect(svg.classList.contains('chart-empty')).toBe(true);
    expect(svg.getAttribute('aria-label')).toContain('Pick at least two policies');
  });
});
