// The scenario's named resources (MODEL.md §5; paper §4.7): turns scope names
// such as `crm:read` into mask bits and back. Names exist only at the edges
// (scenario parsing, reports); the model works on masks.
//
// Simplifications: resources are a flat list (no hierarchy such as
// `crm/accounts`); wildcards expand when parsed, so a mask never means
// "every resource, including ones added later".

import {
  MAX_RESOURCES,
  OPERATIONS,
  createMask,
  maskAdd,
  maskBits,
  scopeBit,
  type OperationName,
  type ScopeMask,
} from './scopeMask.js';

/** What a resource name looks like (scenario validation checks it too). */
export const RESOURCE_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

export class ScopeSpace {
  readonly resources: readonly string[];
  private readonly index: Map<string, number>;

  /**
   * @example const space = new ScopeSpace(['crm', 'payments', 'email']);
   */
  constructor(resources: readonly string[]) {
    if (resources.length > MAX_RESOURCES) {
      throw new RangeError(`resources: at most ${MAX_RESOURCES}, got ${resources.length}`);
    }
    const index = new Map<string, number>();
    resources.forEach((name, i) => {
      if (!RESOURCE_NAME.test(name)) {
        throw new RangeError(`resources[${i}]: must start with a letter and hold only letters, digits, '_', '.', '-', got ${JSON.stringify(name)}`);
      }
      if (index.has(name)) throw new RangeError(`resources[${i}]: duplicate resource ${JSON.stringify(name)}`);
      index.set(name, i);
    });
    this.resources = [...resources];
    this.index = index;
  }

  /** The resource's index; throws for an unknown name. */
  resource(name: string): number {
    const r = this.index.get(name);
    if (r === undefined) throw new RangeError(`unknown resource ${JSON.stringify(name)} (known: ${this.resources.join(', ') || 'none'})`);
    return r;
  }

  /**
   * The bit of one scope.
   *
   * @example space.bit('payments', 'write')
   */
  bit(resource: string, operation: OperationName): number {
    const op = OPERATIONS.indexOf(operation);
    if (op < 0) throw new RangeError(`unknown operation ${JSON.stringify(operation)} (known: ${OPERATIONS.join(', ')})`);
    return scopeBit(this.resource(resource), op);
  }

  /**
   * A mask from scope names `resource:operation`, where either side may be
   * `*`; a bare `*` is every scope of every resource.
   *
   * @example space.mask(['crm:read', 'email:*', '*:read'])
   */
  mask(scopes: Iterable<string>): ScopeMask {
    const m = createMask();
    for (const scope of scopes) {
      const parts = scope === '*' ? ['*', '*'] : scope.split(':');
      if (parts.length !== 2) throw new RangeError(`scope ${JSON.stringify(scope)}: must be 'resource:operation'`);
      const [res, op] = parts as [string, string];
      const resources = res === '*' ? this.resources.map((_, i) => i) : [this.resource(res)];
      let ops: number[];
      if (op === '*') ops = [0, 1, 2, 3];
      else {
        const o = OPERATIONS.indexOf(op as OperationName);
        if (o < 0) throw new RangeError(`scope ${JSON.stringify(scope)}: unknown operation ${JSON.stringify(op)} (known: ${OPERATIONS.join(', ')})`);
        ops = [o];
      }
      for (const r of resources) for (const o of ops) maskAdd(m, scopeBit(r, o));
    }
    return m;
  }

  /** Every scope of every declared resource. */
  full(): ScopeMask {
    return this.mask(['*']);
  }

  /** The names of the scopes in `m`, in bit order (bits beyond the declared resources print as `#bit`). */
  names(m: ScopeMask): string[] {
    return maskBits(m).map((bit) => {
      const name = this.resources[bit >>> 2];
      return name === undefined ? `#${bit}` : `${name}:${OPERATIONS[bit & 3] as string}`;
    });
  }
}
