// The scenario schema of a DistSpec field: a plain number or a
// `{ "dist": … }` object, checked against the domain the field lives in.
//
// Bounded distributions must stay inside the domain: constants, uniform
// bounds, choice and empirical values (and bernoulli's 0 and 1). Unbounded
// ones (normal, lognormal, exponential, gamma, poisson) are accepted for any
// domain because the model clamps every sample to the field's domain; beta
// draws in (0, 1) and fits every domain used here.
import { z } from 'zod';
import type { DistSpec } from '../engine/sampler.js';
import { describeDomain, inDomain, nonNegative, numberIn, positive, unit } from './fields.js';
import type { Domain } from './fields.js';

/** Every `dist` name a scenario may use, in the order error messages list them. */
export const DIST_NAMES = [
  'constant', 'uniform', 'exponential', 'normal', 'lognormal', 'gamma',
  'beta', 'bernoulli', 'poisson', 'choice', 'empirical',
] as const;

const finite = () => z.number();

const weightsRule = (
  spec: { values: number[]; weights?: number[] | undefined },
  ctx: z.RefinementCtx,
): void => {
  const { values, weights } = spec;
  if (weights === undefined) return;
  if (weights.length !== values.length) {
    ctx.addIssue({
      code: 'custom',
      path: ['weights'],
      message: `must have one weight per value (${values.length}), got ${weights.length}`,
      params: { got: false },
    });
    return;
  }
  if (weights.reduce((sum, w) => sum + w, 0) <= 0) {
    ctx.addIssue({ code: 'custom', path: ['weights'], message: 'must have a positive sum' });
  }
};

const values = () => z.array(finite()).min(1, { error: 'must list at least one value' });

/** The `{ "dist": … }` object forms, whatever the field's domain. */
const distObject = z.discriminatedUnion(
  'dist',
  [
    z.strictObject({ dist: z.literal('constant'), value: finite() }),
    z
      .strictObject({ dist: z.literal('uniform'), min: finite(), max: finite() })
      .superRefine((d, ctx) => {
        if (d.min > d.max) {
          ctx.addIssue({ code: 'custom', path: ['max'], message: `must be at least min (${d.min})` });
        }
      }),
    z.strictObject({ dist: z.literal('exponential'), mean: positive() }),
    z.strictObject({ dist: z.literal('normal'), mean: finite(), sd: nonNegative() }),
    z.strictObject({ dist: z.literal('lognormal'), mu: finite(), sigma: nonNegative() }),
    z.strictObject({ dist: z.literal('gamma'), shape: positive(), scale: positive() }),
    z.strictObject({ dist: z.literal('beta'), alpha: positive(), beta: positive() }),
    z.strictObject({ dist: z.literal('bernoulli'), p: unit() }),
    z.strictObject({ dist: z.literal('poisson'), mean: nonNegative() }),
    z
      .strictObject({
        dist: z.literal('choice'),
        values: values(),
        weights: z.array(nonNegative()).optional(),
      })
      .superRefine(weightsRule),
    z.strictObject({ dist: z.literal('empirical'), values: values() }),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? `must be one of ${DIST_NAMES.join(', ')}` : undefined) },
).meta({
  // One $defs entry in the JSON Schema instead of a copy per field.
  id: 'Distribution',
  description: 'A random quantity: {"dist": name, …parameters}. Unbounded ones are clamped to the field\'s range.',
});

const outsideDomain = (
  ctx: z.RefinementCtx,
  path: (string | number)[],
  domain: Domain,
): void => {
  ctx.addIssue({ code: 'custom', path, message: `must be ${describeDomain(domain)}` });
};

/**
 * A zod schema for a DistSpec field whose values live in `domain`: a plain
 * number in the domain, or a distribution object with valid parameters whose
 * bounded support lies in the domain.
 *
 * @example
 * const criticality = distSchema(UNIT);
 * criticality.parse({ dist: 'beta', alpha: 2, beta: 5 }); // ok
 * criticality.parse(1.5); // throws: must be in [0, 1]
 */
export function distSchema(domain: Domain) {
  const schema = z
    .union([numberIn(domain), distObject], {
      error: (issue) =>
        issue.code === 'invalid_union'
          ? `must be a number ${describeDomain(domain)} or a distribution object {"dist": …}`
          : undefined,
    })
    // Typing `spec` as DistSpec makes tsc prove the schema's output is one.
    .superRefine((spec: DistSpec, ctx) => {
      if (typeof spec === 'number') return;
      switch (spec.dist) {
        case 'constant':
          if (!inDomain(spec.value, domain)) outsideDomain(ctx, ['value'], domain);
          break;
        case 'uniform':
          if (!inDomain(spec.min, domain)) outsideDomain(ctx, ['min'], domain);
          else if (!inDomain(spec.max, domain)) outsideDomain(ctx, ['max'], domain);
          break;
        case 'choice':
        case 'empirical': {
          const i = spec.values.findIndex((v) => !inDomain(v, domain));
          if (i >= 0) outsideDomain(ctx, ['values', i], domain);
          break;
        }
        case 'bernoulli':
          if (!inDomain(0, domain) || !inDomain(1, domain)) {
            ctx.addIssue({
              code: 'custom',
              path: ['dist'],
              message: `bernoulli draws 0 or 1, but values must be ${describeDomain(domain)}`,
            });
          }
          break;
        default:
          break;
      }
    });
  return schema;
}
