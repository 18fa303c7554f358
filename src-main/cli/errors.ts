// How the CLI reports failure: one clear line on stderr and a non-zero exit, never a stack trace
// for a user mistake. Unexpected errors still say what happened, with a hint to report them.
import { isKoeError } from '../contract/errors';
import { cliModelHint } from './model-hints';

export class UsageError extends Error {}

export function reportAndExit(e: unknown): never {
  if (e instanceof UsageError) {
    process.stderr.write(`koe: ${e.message}\nRun "koe help" for usage.\n`);
    process.exit(2);
  }
  if (isKoeError(e)) {
    process.stderr.write(`koe: ${cliModelHint(e.message)}\n`);
    process.exit(1);
  }
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`koe: unexpected error: ${msg}\n`);
  if (process.env.KOE_DEBUG) console.error(e);
  process.exit(1);
}
