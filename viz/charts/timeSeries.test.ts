// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { thin, timeSeries } from './timeSeries.js';
import { busyByFamily } from './busyByFamily.js';
import { domSnapshot } from '../lib/domSnapshot.js';

const time = Float64Array.from({ length: 11 }, (_, i) => i * 10);

describe('thin', () => {
  it('thin keeps every index of a short series and at most max of a long one, first and last included', () => {
    expect(thin(4)).toEqual([0, 1, 2, 3]);
    const picked = thin(10_000, 600);
    expect(picked).toHaveLength(600);
    expect(picked[0]).toBe(0);
    expect(picked.at(-1)).toBe(9999);
  });
});

describe('timeSeries', () => {
  it('timeSeries draws a line per series, shaded spans and a hover layer', () => {
    const svg = timeSeries({
      id: 'backlog',
      heading: 'Backlog',
      time,
      lines: [
        { name: 'ready tasks', color: '#0072B2', y: Float64Array.from(time, (t) => t / 10) },
        { name: 'in flight', color: '#E69F00', y: Float64Array.from(time, (t) => 10 - t / 10), dashed: true },
      ],
      yLabel: 'tasks',
      spans: [{ from: 20, to: 40, label: 'outage' }],
    });
    expect(svg.querySelectorAll('.mark-line')).toHaveLength(2);
    expect(svg.querySelectorAll('.span')).toHaveLength(1);
    expect(svg.querySelectorAll('.hover')).toHaveLength(1);
    expect(svg.querySelector('.axis-label-x')?.textContent).toBe('simulated time (min)');
    expect(svg.querySelector('.mark-line')?.getAttribute('data-tip')).toBe('ready tasks: peak 10 tasks');
  });

  it('timeSeries matches its DOM snapshot', () => {
    const svg = timeSeries({ id: 'trust-error', heading: 'Trust calibration error', time, lines: [{ name: 'error', color: '#CC79A7', y: Float64Array.from(time, (t) => 0.3 / (1 + t / 20)) }], yLabel: 'prob.', yMin: 0, width: 360, height: 180 });
    expect(domSnapshot(svg)).toMatchSnapshot();
  });

  it('timeSeries says so when the run has fewer than two samples', () => {
    expect(timeSeries({ id: 'x', heading: 'X', time: [0], lines: [], yLabel: '' }).classList.contains('chart-empty')).toBe(true);
  });
});

describe('busyByFamily', () => {
  it('busyByFamily stacks one band per family and labels each in the legend', () => {
    const families = ['atlas', 'borealis', 'human'];
    const busy = Float64Array.from({ length: time.length * 3 }, (_, k) => (k % 3) + 1);
    const svg = busyByFamily({ time, families, busy, capacity: [80, 80, 12] });
    expect(svg.querySelectorAll('.mark-area')).toHaveLength(3);
    expect([...svg.querySelectorAll('.legend-item text')].map((t) => t.textContent)).toEqual(families);
    expect(svg.querySelector('.legend-item')?.getAttribute('data-tip')).toBe('atlas: 80 slots');
    expect(domSnapshot(busyByFamily({ time: time.slice(0, 4), families: families.slice(0, 2), busy: busy.slice(0, 8), width: 320, height: 180 }))).toMatchSnapshot();
  });
});
