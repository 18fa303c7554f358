// Entry of the Japanese/Chinese reader thread (built as out/main/text-worker.js): the analyzers'
// dictionaries load here, so the main thread can phonemize Japanese and Mandarin without freezing
// while they load. See text/g2p/cjk-thread.ts.
import { parentPort } from 'node:worker_threads';
import { serveCjkRequests } from '../text/g2p/index';

if (parentPort) serveCjkRequests(parentPort);
