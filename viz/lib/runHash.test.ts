import { describe, expect, it } from 'vitest';
import { runHash as nodeRunHash, formatMetric as nodeFormatMetric } from '../../sim/runner/runRecord.js';
import { runHash } from './runHash.js';

describe('runHash', () => {
  it('runHash (SubtleCrypto) equals the CLI’s runRecord.runHash (node:crypto) for the same spec and output', async () => {
    const spec = { index: 7, scenario: 'enterprise', overrides: ['horizon.goals=1500', 'verification.policy="sample"'], policy: 'trust-aware', seed: 3 };
    const names = ['accuracy', 'meanStallDetectionDelay', 'costPerGoal', 'p95CascadeSize'];
    const values = Float64Array.of(0.6631578947368421, NaN, 25.151288761819014, 1e21);
    const output = { scenarioName: 'enterprise', stopCause: 'drained', names, values };
    const expected = nodeRunHash(spec, { ...output, values: Array.from(values, nodeFormatMetric) });
    expect(await runHash(spec, output)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{16}$/);
  });
});
