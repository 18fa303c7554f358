// The shape of one call in the contract: its argument and result schemas and a line saying what it
// does. A leaf of its own so the call tables of each area (calls-*.ts) and calls.ts, which spreads
// them together, all import it without importing each other.
import type { z } from 'zod';

export interface CallSpec<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  args: A;
  result: R;
  /** One line for `koe` API docs, `koe <command> --help` and error messages. */
  doc: string;
}

export const call = <A extends z.ZodType, R extends z.ZodType>(args: A, result: R, doc: string): CallSpec<A, R> => ({ args, result, doc });
