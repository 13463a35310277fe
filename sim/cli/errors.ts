// CLI error reporting (DESIGN.md "CLI"): bad usage or invalid input exits 2
// with one line on stderr naming the field and the rule; a failed run exits 1.
// Never a stack trace, unless DELEGSIM_DEBUG is set.

/** Invalid command-line usage (a flag's value breaks its rule). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Errors that mean "the input is wrong" rather than "the run broke". */
const INPUT_ERRORS = new Set(['UsageError', 'ScenarioError', 'UnknownPolicyError']);

/** Exit code for an error: 2 for invalid input, 1 for anything else. */
export function exitCodeFor(error: unknown): number {
  return error instanceof Error && INPUT_ERRORS.has(error.name) ? 2 : 1;
}

/** One line describing the error, for stderr. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
