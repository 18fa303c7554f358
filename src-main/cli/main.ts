// The `koe` command: render, export, import, voices, text, models, clone, any contract call, and serve —
// over the same core and handler table as the app. The command list is the one table below; help
// is built from it and from the contract's own descriptions of the calls each command makes.
import { VERSION } from '../lib/version';
import { COMMON_OPTIONS, commandHelp, wantsHelp, type Command } from './command';
import { callCommand, callsCommand } from './commands/call';
import { cloneCommand } from './commands/clone';
import { doctorCommand } from './commands/doctor';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { keysCommand } from './commands/keys';
import { modelsCommand } from './commands/models';
import { renderCommand } from './commands/render';
import { serveCommand } from './commands/serve';
import { normalizeCommand, phonemizeCommand } from './commands/text';
import { voicesCommand } from './commands/voices';
import { reportAndExit, UsageError } from './errors';

const COMMANDS: readonly Command[] = [renderCommand, exportCommand, importCommand, voicesCommand, normalizeCommand, phonemizeCommand, serveCommand, keysCommand, modelsCommand, cloneCommand, doctorCommand, callCommand, callsCommand];

const HELP = `koe — Koe Studio on the command line

Usage:
${COMMANDS.map((c) => c.usage).join('')}  koe <command> --help | koe help | koe --version

${COMMON_OPTIONS}Scripts use "Name: text" lines; lines without a name belong to the Narrator.
`;

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    process.stdout.write(topic ? commandHelp(topic) : HELP);
    return;
  }
  if (name === '--version' || name === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command "${name}"`);
  if (wantsHelp(rest)) {
    process.stdout.write(commandHelp(command));
    return;
  }
  await command.run(rest);
}

main(process.argv.slice(2)).catch(reportAndExit);
