// Worker entry for the real-thread tests: hosts the stand-in tone engine.
import { hostEngines } from '../host';
import { toneEngine } from './fake-engines';

hostEngines({ tone: () => toneEngine() });
