// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { dotPlot } from './dotPlot.js';
import { domSnapshot } from '../lib/domSnapshot.js';

const rows = [
  { policy: 'static-skill', mean: 0.6632, lo: 0.641, hi: 0.6854, n: 10, interval: 't' as const, runs: [0.64, 0.66, 0.69] },
  { policy: 'random', mean: 0.5571, lo: 0.5162, hi: 0.5981, n: 10, interval: 't' as const, runs: [0.52, 0.55, 0.6] },
  { policy: 'intelligent', mean: 0.7214, lo: NaN, hi: NaN, n: 1 },
];

describe('dotPlot', () => {
  it('dotPlot draws one dot per policy, a CI for each policy with an interval, and a tick per replication', () => {
    const svg = dotPlot({ metric: 'accuracy', rows, baseline: 'static-skill' });
    expect(svg.querySelectorAll('.mark-dot')).toHaveLength(3);
    expect(svg.querySelectorAll('.mark-ci')).toHaveLength(2);
    expect(svg.querySelectorAll('.mark-run')).toHaveLength(6);
    expect(svg.querySelector('.axis-label-x')?.textContent).toBe('accuracy (share)');
    const tip = svg.querySelector('.mark-dot[data-policy="random"]')?.getAttribute('data-tip');
    expect(tip).toBe('random · accuracy: mean 0.5571, 95% CI 0.5162 … 0.5981 (t) · n = 10');
    expect(svg.querySelector('.mark-dot[data-policy="intelligent"]')?.getAttribute('data-tip')).toContain('CI needs 2 runs');
  });

  it('dotPlot matches its DOM snapshot', () => {
    expect(domSnapshot(dotPlot({ metric: 'p95Makespan', rows: rows.slice(0, 2), baseline: 'static-skill', width: 300 }))).toMatchSnapshot();
  });

  it('dotPlot says what to do when no run reports the metric', () => {
    const svg = dotPlot({ metric: 'accuracy', rows: [] });
    expect(svg.classList.contains('chart-empty')).toBe(true);
    expect(svg.getAttribute('aria-label')).toContain('run a comparison or load results');
  });
});
