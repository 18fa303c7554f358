// What a `koe` command is: its name, the contract calls it makes (their `doc` strings describe it in
// `koe <command> --help`), its usage lines, and how it runs. main.ts and the help text are built
// from the list of these, so a command cannot exist without its help.
import { calls, type CallName } from '../contract/calls';

export interface Command {
  name: string;
  /** The contract calls it makes, the one that best says what it does first. */
  calls: readonly CallName[];
  /** Usage lines as `koe help` prints them (two-space indent, wrapped by hand). */
  usage: string;
  run(args: string[]): Promise<void>;
}

/** `koe <command> --help`: the usage, what each call it makes does, and the shared options. */
export function commandHelp(c: Command): string {
  const docs = c.calls.map((name) => `  ${name}: ${calls[name].doc}`).join('\n');
  return `Usage:\n${c.usage}\n${docs ? `Through the contract calls:\n${docs}\n\n` : ''}${COMMON_OPTIONS}`;
}

export const COMMON_OPTIONS = `Every command takes --data-dir <folder> (default: the desktop app's data folder, or $KOE_DATA_DIR).
`;

export function wantsHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}
