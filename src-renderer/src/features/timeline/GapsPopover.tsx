// The Gaps popover: the pauses the layout leaves between lines and how turns overlap. Each field is
// one undoable `setGap` edit in the core; the layout (src-main/timeline/layout.ts) owns the rules.
import type { TimelineView } from '../../../../src-main/contract/calls-timeline';
import { NumberField } from './NumberField';
import { editTimeline } from './timeline-store';

type Options = TimelineView['options'];
type GapEdit = Omit<Extract<Parameters<typeof editTimeline>[0], { type: 'setGap' }>, 'type'>;

interface Field {
  label: string;
  title: string;
  testId: string;
  value: (o: Options) => number;
  edit: (n: number) => GapEdit;
  max: number;
  step: number;
  unit: string;
}

const GAPS: readonly Field[] = [
  { label: 'Between speakers', title: 'Gap between speakers', testId: 'gap-base', value: (o) => o.baseGapMs, edit: (n) => ({ baseMs: n }), max: 5000, step: 50, unit: 'ms' },
  { label: 'After a question', title: 'Gap before the answer to a question', testId: 'gap-question', value: (o) => o.questionGapMs, edit: (n) => ({ questionMs: n }), max: 5000, step: 50, unit: 'ms' },
  { label: 'Around a short line', title: 'Gap in a quick exchange (a line of three words or fewer)', testId: 'gap-quick', value: (o) => o.quickGapMs, edit: (n) => ({ quickMs: n }), max: 5000, step: 50, unit: 'ms' },
  { label: 'Same speaker goes on', title: 'Gap when the same speaker goes on', testId: 'gap-continue', value: (o) => o.continueGapMs, edit: (n) => ({ continueMs: n }), max: 5000, step: 50, unit: 'ms' },
  { label: 'New topic adds', title: 'Added before the first line after a blank line or a ## chapter heading', testId: 'gap-topic', value: (o) => o.topicGapMs, edit: (n) => ({ topicMs: n }), max: 5000, step: 50, unit: 'ms' },
];

const TURNS: readonly Field[] = [
  { label: 'A "--" line is cut off', title: 'How long before the end of a line ending in "--" the next speaker cuts in', testId: 'gap-cut-in', value: (o) => o.cutInMs, edit: (n) => ({ cutInMs: n }), max: 5000, step: 50, unit: 'ms' },
  { label: 'An [over] line starts', title: 'How far into the previous line an [over] line starts', testId: 'gap-over', value: (o) => o.overPercent, edit: (n) => ({ overPercent: n }), max: 100, step: 5, unit: '%' },
];

function Row({ f, options }: { f: Field; options: Options }) {
  return (
    <div className="tl-field">
      <span title={f.title}>{f.label}</span>
      <NumberField value={f.value(options)} min={0} max={f.max} step={f.step} unit={f.unit} label={f.title} testId={f.testId} onCommit={(n) => void editTimeline({ type: 'setGap', ...f.edit(n) }, 'Gap')} />
    </div>
  );
}

export function GapsPopover({ options, onClose }: { options: Options; onClose: () => void }) {
  return (
    <div className="popover tl-gaps-popover" id="tl-gaps-popover" role="dialog" aria-label="Natural gaps" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <h2 className="popover-title">Natural gaps</h2>
      <p className="tl-gaps-hint">The pause the layout leaves before each line. A blank line or a ## heading in the script starts a new topic. Lines placed by hand keep their place.</p>
      {GAPS.map((f) => <Row key={f.testId} f={f} options={options} />)}
      <h3 className="tl-gaps-sub">Turn-taking</h3>
      {TURNS.map((f) => <Row key={f.testId} f={f} options={options} />)}
    </div>
  );
}
