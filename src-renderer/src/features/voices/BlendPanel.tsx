// Voice blending: pick two or more Kokoro voices, set how much of each, hear the mix, save it as a
// voice of its own. The preview speaks the unsaved mix by its recipe id (`kokoro:a*0.6+b*0.4`), so
// trying ratios writes nothing; only Save creates a voice.
import { useMemo, useState } from 'react';
import type { Voice } from '../../../../src-main/contract/schemas';
import { call } from '../../client';
import { refreshLibrary } from '../../store/library-actions';
import { previewVoice } from '../../store/playback-actions';
import { showNotice } from '../../store/ui-actions';
import { CloseIcon, PlayIcon, PlusIcon } from '../../ui/Icons';

interface Part {
  voiceId: string;
  weight: number;
}

/** The recipe id the engine speaks without saving; weights as shares of their sum. */
export function blendPreviewId(parts: readonly Part[]): string | null {
  const used = parts.filter((p) => p.weight > 0 && p.voiceId);
  const sum = used.reduce((s, p) => s + p.weight, 0);
  if (used.length < 2 || sum <= 0) return null;
  return `kokoro:${used.map((p) => `${p.voiceId.replace(/^kokoro:/, '')}*${Number((p.weight / sum).toFixed(4))}`).join('+')}`;
}

export function BlendPanel({ voices, onClose }: { voices: readonly Voice[]; onClose(): void }) {
  const kokoro = useMemo(() => voices.filter((v) => v.engine === 'kokoro' && v.available && v.kind === 'system'), [voices]);
  const [parts, setParts] = useState<Part[]>(() => [
    { voiceId: kokoro[0]?.id ?? '', weight: 50 },
    { voiceId: kokoro[1]?.id ?? '', weight: 50 },
  ]);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const sum = parts.reduce((s, p) => s + p.weight, 0);
  const previewId = blendPreviewId(parts);
  const problem =
    kokoro.length < 2
      ? 'Blending needs the Kokoro model and voices: download them in Models.'
      : sum <= 0
        ? 'The weights add up to zero: give at least one voice a share above zero.'
        : parts.filter((p) => p.weight > 0).length < 2
          ? 'Give at least two voices a share above zero.'
          : null;

  const save = async () => {
    setError(null);
    try {
      const v = await call('voices.saveBlend', { name: name.trim(), parts: parts.filter((p) => p.weight > 0) });
      await refreshLibrary();
      showNotice(`Saved “${v.name}”. It is in the list like any other voice.`);
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="card blend-panel" data-testid="blend-panel" aria-label="Blend voices">
      <div className="blend-head">
        <h2 className="card-title">Blend voices</h2>
        <button type="button" className="icon-btn" aria-label="Close blending" onClick={onClose}>
          <CloseIcon size={14} />
        </button>
      </div>
      <ul className="blend-parts">
        {parts.map((p, i) => (
          <li key={i} className="blend-part">
            <select
              className="select"
              aria-label={`Voice ${i + 1}`}
              data-testid={`blend-voice-${i}`}
              value={p.voiceId}
              onChange={(e) => setParts(parts.map((q, j) => (j === i ? { ...q, voiceId: e.target.value } : q)))}
            >
              {kokoro.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name} · {v.languageName}
                </option>
              ))}
            </select>
            <input
              type="range"
              min={0}
              max={100}
              step={5}
              aria-label={`Share of voice ${i + 1}`}
              data-testid={`blend-weight-${i}`}
              value={p.weight}
              onChange={(e) => setParts(parts.map((q, j) => (j === i ? { ...q, weight: Number(e.target.value) } : q)))}
            />
            <span className="blend-share">{sum > 0 ? `${Math.round((p.weight / sum) * 100)}%` : '—'}</span>
            {parts.length > 2 && (
              <button type="button" className="icon-btn" aria-label={`Remove voice ${i + 1}`} onClick={() => setParts(parts.filter((_, j) => j !== i))}>
                <CloseIcon size={12} />
              </button>
            )}
          </li>
        ))}
      </ul>
      <div className="blend-actions">
        {parts.length < 8 && (
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setParts([...parts, { voiceId: kokoro[0]?.id ?? '', weight: 25 }])}>
            <PlusIcon size={12} />
            <span>Add a voice</span>
          </button>
        )}
        <button type="button" className="btn btn-small" data-testid="blend-preview" disabled={!previewId || !!problem} onClick={() => previewId && previewVoice(previewId)}>
          <PlayIcon size={12} />
          <span>Preview</span>
        </button>
        <input className="input" placeholder="Name, e.g. Narrator warm" aria-label="Blend name" data-testid="blend-name" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
        <button type="button" className="btn btn-small btn-primary" data-testid="blend-save" disabled={!!problem || !name.trim()} onClick={() => void save()}>
          Save as voice
        </button>
      </div>
      {(problem || error) && (
        <p className="form-error" role="alert" data-testid="blend-error">
          {error ?? problem}
        </p>
      )}
    </section>
  );
}
