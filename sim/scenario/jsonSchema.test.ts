import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from './jsonSchema.js';

describe('scenarioJsonSchema', () => {
  it('scenarioJsonSchema describes the scenario object and its sections', () => {
    const schema = scenarioJsonSchema() as { type: string; properties: Record<string, unknown>; required: string[] };
    expect(schema.type).toBe('object');
    expect(schema.properties).toHaveProperty('population');
    expect(schema.properties).toHaveProperty('$schema');
    expect(schema.required.sort()).toEqual(['arrivals', 'goals', 'horizon', 'name', 'population', 'skills']);
  });

  // `npx vitest run -u sim/scenario/jsonSchema.test.ts` regenerates the file.
  it('scenarioJsonSchema equals the committed scenarios/scenario.schema.json', async () => {
    const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
    await expect(text).toMatchFileSnapshot('../../scenarios/scenario.schema.json');
  });
});
