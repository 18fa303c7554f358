// Entry of an export's codec thread (built as out/main/encode-worker.js): one encoder, fed blocks
// by the export job on the main thread. See audio/export/encode-thread.ts.
import { parentPort } from 'node:worker_threads';
import { serveEncoding } from '../audio/export/encode-serve';

if (parentPort) serveEncoding(parentPort);
