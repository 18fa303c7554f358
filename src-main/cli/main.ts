// The `koe` command: render, export, voices, normalize, phonemize and serve over the same core as the app.
import { UsageError, reportAndExit } from './errors';
import { HELP, runNormalize, runPhonemize, runRender, runVoices } from './commands';
import { runServe } from './serve';
import { runModels } from './models';
import { runClone } from './clone';
import { runExportKoe } from './export';
import { VERSION } from '../core/version';

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(HELP);
      return;
    case '--version':
    case 'version':
      process.stdout.write(`${VERSION}\n`);
      return;
    case 'render':
      return runRender(rest);
    case 'export':
      return runExportKoe(rest);
    case 'voices':
      return runVoices(rest);
    case 'normalize':
      return runNormalize(rest);
    case 'phonemize':
      return runPhonemize(rest);
    case 'serve':
      return runServe(rest);
    case 'models':
      return runModels(rest);
    case 'clone':
      return runClone(rest);
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).catch(reportAndExit);
