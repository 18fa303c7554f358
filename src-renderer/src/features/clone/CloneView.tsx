// The Clone screen: make a voice from a recording, step by step (record or import → review and
// checks → consent → done), beside the list of voices already cloned. The same steps add a style
// to a cloned voice ("Add a style…" on its row): the recording, checks and consent are a clone's,
// only the last step names the style. The steps' state is one reducer (clone-flow.ts) held here;
// the screen is unmounted when left, which also turns the microphone off.
import { useCallback, useReducer, useState } from 'react';
import type { Take } from '../../audio/recorder-take';
import { call, errorMessage } from '../../client';
import { selectTransportKind } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { setView, showNotice } from '../../store/ui-actions';
import type { CloneInfo } from '../../../../src-main/contract/calls-clone';
import { directionName } from '../../../../src-main/script/directions';
import { importVoiceFile } from './clone-actions';
import { flowReducer, initialFlow, type Source, type Step } from './clone-flow';
import { ClonedVoices } from './ClonedVoices';
import { ConsentStep } from './ConsentStep';
import { DoneStep } from './DoneStep';
import { ImportPanel } from './ImportPanel';
import { isVoiceFile, prepareFile } from './import-file';
import { MicIcon, UploadIcon } from '../../ui/Icons';
import { NeedsModel } from './NeedsModel';
import { RecordPanel } from './RecordPanel';
import { ReviewStep } from './ReviewStep';

const STEPS: { step: Step; label: string }[] = [
  { step: 'source', label: 'Record or import' },
  { step: 'review', label: 'Check' },
  { step: 'consent', label: 'Consent' },
  { step: 'done', label: 'Done' },
];

type SourceTab = 'record' | 'import';

export function CloneView() {
  const [state, dispatch] = useReducer(flowReducer, undefined, initialFlow);
  const [tab, setTab] = useState<SourceTab>('record');
  const [autoOpen, setAutoOpen] = useState(false);
  const [importing, setImporting] = useState<{ busy: string | null; error: string | null }>({ busy: null, error: null });
  const desktop = useStudio(selectTransportKind) === 'bridge';
  /** The cloned voice a style is being added to; null while making a new voice. */
  const [target, setTarget] = useState<{ voiceId: string; name: string } | null>(null);
  const [reloadKey, setReloadKey] = useState(0);

  const addStyleTo = useCallback((c: CloneInfo) => {
    dispatch({ type: 'start-over' });
    setTarget({ voiceId: c.voiceId, name: c.name });
  }, []);

  const styleAdded = useCallback((voiceName: string, style: string) => {
    dispatch({ type: 'start-over' });
    setTarget(null);
    setReloadKey((n) => n + 1);
    const direction = directionName(style);
    showNotice(`Added the style “${style}” to “${voiceName}”. ${direction ? `A line directed “(${direction})”, or given this style in the timeline,` : 'A line given this style in the timeline'} speaks with it.`);
  }, []);

  const onTake = useCallback((take: Take, note: string | null) => dispatch({ type: 'recorded', take, note }), []);

  const onFile = useCallback(async (file: File) => {
    if (isVoiceFile(file.name)) {
      setImporting({ busy: `Importing ${file.name}…`, error: null });
      try {
        const r = await importVoiceFile(file);
        setImporting({ busy: null, error: null });
        showNotice(`Imported “${r.name}”. It is in the list of your cloned voices.`);
      } catch (e) {
        setImporting({ busy: null, error: errorMessage(e) });
      }
      return;
    }
    setImporting({ busy: `Reading ${file.name}…`, error: null });
    try {
      const source = await prepareFile(file);
      setImporting({ busy: `Checking ${file.name}…`, error: null });
      const report = await call('clone.check', { source: source.send });
      setImporting({ busy: null, error: null });
      dispatch({ type: 'file-checked', source, report });
    } catch (e) {
      setImporting({ busy: null, error: errorMessage(e) });
    }
  }, []);

  const redo = useCallback((source: Source) => {
    dispatch({ type: 'back' });
    if (source.kind === 'recording') {
      setTab('record');
      setAutoOpen(true);
    } else {
      setTab('import');
    }
  }, []);

  const current = STEPS.findIndex((s) => s.step === state.step);

  return (
    <div className="clone-view" data-testid="clone-view">
      <div className="pane-head">
        <h1 className="pane-title">{target ? `Add a style to “${target.name}”` : 'Clone a voice'}</h1>
        <span className="pane-hint">{target ? 'Six seconds or more of the same person speaking in this style (whispering, excited, sad…).' : 'Six seconds or more of one person speaking. Everything stays on this computer.'}</span>
      </div>
      <div className="clone-layout">
        <section className="clone-main card" aria-label={target ? 'Add a style' : 'Clone a voice'}>
          {target && (
            <div className="clone-alert is-info style-target" data-testid="clone-style-target">
              <p>
                Adding a style to <strong>{target.name}</strong>. The recording gets the same checks and consent as a new voice.
              </p>
              <button
                type="button"
                className="btn btn-small btn-ghost"
                data-testid="clone-style-target-cancel"
                disabled={!!state.creating}
                onClick={() => {
                  dispatch({ type: 'start-over' });
                  setTarget(null);
                }}
              >
                Make a new voice instead
              </button>
            </div>
          )}
          <ol className="stepper" aria-label="Steps">
            {STEPS.map((s, i) => (
              <li key={s.step} className={`stepper-item${i === current ? ' is-current' : i < current ? ' is-done' : ''}`} aria-current={i === current ? 'step' : undefined} data-testid={`clone-step-${s.step}`}>
                <span className="stepper-num">{i + 1}</span>
                <span>{s.label}</span>
              </li>
            ))}
          </ol>

          {state.step === 'source' && (
            <>
              <NeedsModel />
              <div className="source-tabs" role="tablist" aria-label="Where the recording comes from">
                <button type="button" role="tab" aria-selected={tab === 'record'} className={`source-tab${tab === 'record' ? ' is-on' : ''}`} data-testid="clone-tab-record" onClick={() => setTab('record')}>
                  <MicIcon size={14} />
                  Record with the microphone
                </button>
                <button type="button" role="tab" aria-selected={tab === 'import'} className={`source-tab${tab === 'import' ? ' is-on' : ''}`} data-testid="clone-tab-import" onClick={() => setTab('import')}>
                  <UploadIcon size={14} />
                  Import a recording
                </button>
              </div>
              {tab === 'record' ? <RecordPanel onTake={onTake} autoOpen={autoOpen} desktop={desktop} /> : <ImportPanel busy={importing.busy} error={importing.error} onFile={(f) => void onFile(f)} />}
            </>
          )}
          {state.step === 'review' && state.source && <ReviewStep state={state} dispatch={dispatch} onRedo={redo} />}
          {state.step === 'consent' && <ConsentStep state={state} dispatch={dispatch} onOpenModels={() => setView('models')} target={target} onStyleAdded={styleAdded} />}
          {state.step === 'done' && state.created && (
            <DoneStep
              created={state.created}
              onAnother={() => {
                dispatch({ type: 'start-over' });
                setAutoOpen(false);
              }}
              onShowVoices={() => setView('voices')}
            />
          )}
        </section>
        <ClonedVoices onAddStyle={addStyleTo} reloadKey={reloadKey} />
      </div>
    </div>
  );
}
