// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { costAccuracyScatter, paretoFrontier } from './costAccuracyScatter.js';
import { domSnapshot } from '../lib/domSnapshot.js';

describe('paretoFrontier', () => {
  it('paretoFrontier keeps the points no other point beats on both cost and accuracy, sorted by cost', () => {
    const points = [
      { x: 1, y: 0.5 },
      { x: 2, y: 0.4 },
      { x: 3, y: 0.9 },
      { x: 3, y: 0.8 },
      { x: 4, y: 0.9 },
      { x: NaN, y: 1 },
    ];
    expect(paretoFrontier(points)).toEqual([
      { x: 1, y: 0.5 },
      { x: 3, y: 0.9 },
    ]);
  });

  it('paretoFrontier of one point is that point; of none, empty', () => {
    expect(paretoFrontier([{ x: 5, y: 0.1 }])).toEqual([{ x: 5, y: 0.1 }]);
    expect(paretoFrontier([])).toEqual([]);
  });
});

const runs = [
  { policy: 'fifo', seed: 1, index: 0, x: 20, y: 0.6 },
  { policy: 'fifo', seed: 2, index: 2, x: 22, y: 0.65 },
  { policy: 'intelligent', seed: 1, index: 1, x: 30, y: 0.72 },
  { policy: 'intelligent', seed: 2, index: 3, x: 31, y: 0.7 },
];
const means = [
  { policy: 'fifo', x: 21, xLo: 19, xHi: 23, y: 0.625, yLo: 0.6, yHi: 0.65 },
  { policy: 'intelligent', x: 30.5, xLo: 29.8, xHi: 31.2, y: 0.71, yLo: 0.69, yHi: 0.73 },
];

describe('costAccuracyScatter', () => {
  it('costAccuracyScatter draws every run, each policy mean with CIs on both axes, and the frontiers', () => {
    const svg = costAccuracyScatter({ runs, means, policies: ['fifo', 'intelligent'] });
    expect(svg.querySelectorAll('.mark-run')).toHaveLength(4);
    expect(svg.querySelectorAll('.mark-mean')).toHaveLength(2);
    expect(svg.querySelectorAll('.mark-mean-ci')).toHaveLength(4);
    expect(svg.querySelectorAll('.mark-frontier')).toHaveLength(2);
    expect(svg.querySelectorAll('.mark-mean-frontier')).toHaveLength(1);
    expect(svg.querySelector('.axis-label-x')?.textContent).toBe('costPerGoal (credits/goal)');
    expect(svg.querySelector('.axis-label-y')?.textContent).toBe('accuracy (share)');
    expect([...svg.querySelectorAll('.legend-item text')].map((t) => t.textContent)).toEqual(['fifo', 'intelligent', 'frontier of policy means']);
    expect(svg.querySelector('.mark-run[data-index="3"]')?.getAttribute('data-seed')).toBe('2');
  });

  it('costAccuracyScatter matches its DOM snapshot', () => {
    expect(domSnapshot(costAccuracyScatter({ runs, means, policies: ['fifo', 'intelligent'], width: 420, height: 300 }))).toMatchSnapshot();
  });

  it('costAccuracyScatter shows an empty state without finite points', () => {
    expect(costAccuracyScatter({ runs: [], means: [] }).classList.contains('chart-empty')).toBe(true);
  });
});
