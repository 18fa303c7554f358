// Worker entry for the real-thread tests: hosts the stand-in tone engine.
import { hostEngines } from '../../src-main/engines/worker/host';
import { toneEngine } from './worker-fake-engines';

hostEngines({ tone: () => toneEngine() });
