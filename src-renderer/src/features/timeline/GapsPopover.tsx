// The Gaps popover: the pauses the layout leaves between lines and how turns overlap, and whether a
// Pocket TTS line continues from the line before it (the exchange's other setting; the toolbar has
// no room for one more control). Each field is one undoable edit in the core; the layout
// (src-main/timeline/layout.ts) and the context chain (src-main/timeline/context-lines.ts) own the rules.
import type { ContextMode, TimelineView } from '../../../../src-main/contract/calls-timeline';
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

const CONTEXT_CHOICES: readonly { mode: ContextMode; label: string }[] = [
  { mode: 'off', label: 'Off (each line alone)' },
  { mode: 'own', label: "Speaker's own last line" },
  { mode: 'reply', label: 'Line just before (reply)' },
];

function ContextRow({ mode }: { mode: ContextMode }) {
  return (
    <div className="tl-field">
      <span title="Pocket TTS and cloned voices: a line is conditioned on the last 5 s of the line it continues from">Continue from</span>
      <select className="select tl-context-select" value={mode} aria-label="Continue from the previous line" data-testid="tl-context" onChange={(e) => void editTimeline({ type: 'context', mode: e.target.value as ContextMode }, 'Continue from the previous line')}>
        {CONTEXT_CHOICES.map((c) => (
          <option key={c.mode} value={c.mode}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

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
      <h3 className="tl-gaps-sub">Continuity</h3>
      <p className="tl-gaps-hint">
        Pocket TTS and cloned voices: each line carries on from the last 5 s of the line before it. It costs an encoder run and a longer prefill per line, and a changed line re-renders the lines that continue from it. Compare takes in the clip panel.
      </p>
      <ContextRow mode={options.contextMode} />
    </div>
  );
}
