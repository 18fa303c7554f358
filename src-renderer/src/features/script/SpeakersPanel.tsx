// Every speaker the script names, with a colour and a voice. Choosing a voice saves at once: it is a
// deliberate click, not typing, so there is nothing to debounce.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SpeakerDirection } from '../../../../src-main/contract/delivery-effect';
import { call } from '../../client';
import { cssVars } from '../../lib/css-vars';
import { previewVoice } from '../../store/playback-actions';
import { NARRATOR } from '../../../../src-main/script/parse';
import { setNotSpeaker, setSpeakerColor, setSpeakerVoice } from '../../store/project-actions';
import { setView } from '../../store/ui-actions';
import { selectDefaultVoiceId, selectNotSpeakers, selectPreviewVoiceId, selectVoices, useParsedScript, useRoster, READING } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { PlayIcon, StopIcon } from '../../ui/Icons';
import { VoicePicker } from './VoicePicker';
import { SpeakerDirections } from './SpeakerDirections';

export function SpeakersPanel() {
  const roster = useRoster();
  const parse = useParsedScript();
  const { lines } = parse;
  const voices = useStudio(selectVoices);
  const defaultVoiceId = useStudio(selectDefaultVoiceId);
  const previewing = useStudio(selectPreviewVoiceId);
  const notSpeakers = useStudio(selectNotSpeakers);
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const l of lines) m.set(l.speaker, (m.get(l.speaker) ?? 0) + 1);
    return m;
  }, [lines]);
  const speaking = roster.filter((r) => r.inScript);
  const projectId = useStudio((s) => s.projectId);
  const [own, setOwn] = useState<SpeakerDirection[]>([]);
  const reloadOwn = useCallback(() => {
    if (!projectId) return setOwn([]);
    call('projects.directions', { id: projectId }).then(setOwn, () => setOwn([]));
  }, [projectId]);
  useEffect(reloadOwn, [reloadOwn]);

  return (
    <section className="panel-section speakers" aria-labelledby="speakers-heading">
      <div className="section-head">
        <h2 id="speakers-heading" className="section-title">
          Speakers <span className="count">{parse === READING ? '…' : speaking.length}</span>
        </h2>
      </div>
      {parse === READING ? (
        <p className="empty">Reading the script…</p>
      ) : speaking.length === 0 ? (
        <p className="empty">
          No speakers yet. Start a line with a name and a colon, like <code>Ana: Hello.</code>
        </p>
      ) : (
        <ul className="speaker-list">
          {speaking.map((r) => {
            const voiceId = r.voiceId ?? defaultVoiceId;
            const n = counts.get(r.name) ?? 0;
            return (
              <li key={r.name} className="speaker-row" data-testid={`speaker-row-${r.name}`} style={cssVars({ '--spk': r.color })}>
                <div className="speaker-head">
                  <label className="swatch swatch-speaker swatch-pick" title={`${r.name}'s colour`}>
                    <input type="color" value={r.color} aria-label={`Colour for ${r.name}`} data-testid={`speaker-color-${r.name}`} onChange={(e) => setSpeakerColor(r.name, e.target.value)} />
                  </label>
                  <span className="speaker-name">{r.name}</span>
                  <span className="speaker-meta">
                    {n} {n === 1 ? 'line' : 'lines'}
                    {r.voiceId === null ? ' · default voice' : ''}
                  </span>
                  <button
                    type="button"
                    className="icon-btn"
                    aria-label={previewing === voiceId ? 'Stop preview' : `Preview ${r.name}'s voice`}
                    title="Preview this voice"
                    onClick={() => previewVoice(voiceId)}
                  >
                    {previewing === voiceId ? <StopIcon size={12} /> : <PlayIcon size={12} />}
                  </button>
                  {r.name !== NARRATOR && (
                    <button
                      type="button"
                      className="icon-btn not-speaker-btn"
                      aria-label={`${r.name} is not a speaker`}
                      title={`"${r.name}:" is not a speaker: read those lines as text`}
                      data-testid={`not-speaker-${r.name}`}
                      onClick={() => setNotSpeaker(r.name, true)}
                    >
                      ×
                    </button>
                  )}
                </div>
                <VoicePicker speaker={r.name} value={voiceId} defaultVoiceId={defaultVoiceId} voices={voices} onChange={(id) => setSpeakerVoice(r.name, id)} onMore={() => setView('models')} />
                {projectId && <SpeakerDirections projectId={projectId} speaker={r.name} voice={voices.find((v) => v.id === voiceId)} voices={voices} own={own.filter((d) => d.speaker === r.name)} onSaved={reloadOwn} />}
              </li>
            );
          })}
        </ul>
      )}
      {notSpeakers.length > 0 && (
        <p className="not-speakers" data-testid="not-speakers">
          Read as text, not speakers:{' '}
          {notSpeakers.map((n) => (
            <button key={n} type="button" className="chip" title={`Make "${n}" a speaker again`} data-testid={`restore-speaker-${n}`} onClick={() => setNotSpeaker(n, false)}>
              {n}: <span aria-hidden="true">↺</span>
            </button>
          ))}
        </p>
      )}
    </section>
  );
}
