// A speaker's own meaning of a direction: Anna's `whispering` at −9 dB, Ben's `excited` faster. The
// vocabulary's effect fills the fields; Save stores the speaker's version with the project (their
// lines with that direction go stale), Default removes it. A Kokoro voice may also lean toward
// another Kokoro voice for the direction (the other engines have no blend, so it is not offered).
import { useEffect, useState } from 'react';
import type { DeliveryEffect, SpeakerDirection } from '../../../../src-main/contract/delivery-effect';
import type { Voice } from '../../../../src-main/contract/schemas';
import { DIRECTIONS } from '../../../../src-main/script/directions';
import { call } from '../../client';
import { reportError } from '../../store/ui-actions';

const NAMES = Object.keys(DIRECTIONS);

interface Draft {
  speed: string;
  pitch: string;
  gain: string;
  tilt: string;
  toward: string;
  amount: string;
}

function draftOf(e: DeliveryEffect): Draft {
  return {
    speed: String(e.speed ?? 1),
    pitch: String(e.pitchSemitones ?? 0),
    gain: String(e.gainDb ?? 0),
    tilt: String(e.tiltDb ?? 0),
    toward: e.blend?.voiceId ?? '',
    amount: String(Math.round((e.blend?.amount ?? 0.3) * 100)),
  };
}

/** The draft as an effect: fields at their neutral value are left out; the default's low cut and limiter are kept. */
function effectOf(d: Draft, base: DeliveryEffect): DeliveryEffect {
  const n = (s: string) => Number(s);
  const e: DeliveryEffect = {};
  if (n(d.speed) !== 1) e.speed = n(d.speed);
  if (n(d.pitch) !== 0) e.pitchSemitones = n(d.pitch);
  if (n(d.gain) !== 0) e.gainDb = n(d.gain);
  if (n(d.tilt) !== 0) e.tiltDb = n(d.tilt);
  if (base.lowCutHz !== undefined) e.lowCutHz = base.lowCutHz;
  if (base.limitDb !== undefined) e.limitDb = base.limitDb;
  if (d.toward && n(d.amount) > 0) e.blend = { voiceId: d.toward, amount: n(d.amount) / 100 };
  return e;
}

/** "−9 dB, ×0.9, 30% af_sky": what a speaker's version does, in the list. */
export function describeEffect(e: DeliveryEffect): string {
  const parts: string[] = [];
  if (e.gainDb !== undefined) parts.push(`${e.gainDb > 0 ? '+' : ''}${e.gainDb} dB`);
  if (e.speed !== undefined) parts.push(`×${e.speed}`);
  if (e.pitchSemitones !== undefined) parts.push(`${e.pitchSemitones > 0 ? '+' : ''}${e.pitchSemitones} st`);
  if (e.tiltDb !== undefined) parts.push(`tilt ${e.tiltDb > 0 ? '+' : ''}${e.tiltDb} dB`);
  if (e.blend) parts.push(`${Math.round(e.blend.amount * 100)}% ${e.blend.voiceId.replace(/^kokoro:/, '')}`);
  return parts.join(', ') || 'no change';
}

interface Props {
  projectId: string;
  speaker: string;
  voice: Voice | undefined;
  voices: readonly Voice[];
  own: readonly SpeakerDirection[];
  onSaved: () => void;
}

export function SpeakerDirections({ projectId, speaker, voice, voices, own, onSaved }: Props) {
  const [name, setName] = useState(NAMES[0]!);
  const mine = own.find((d) => d.direction === name)?.effect;
  const base = DIRECTIONS[name]!;
  const [draft, setDraft] = useState<Draft>(draftOf(mine ?? base));
  useEffect(() => setDraft(draftOf(mine ?? base)), [name, mine, base]);
  const kokoro = voice?.engine === 'kokoro';
  const towards = voices.filter((v) => v.engine === 'kokoro' && v.available && v.id !== voice?.id);
  const save = async (effect: DeliveryEffect | null) => {
    try {
      await call('projects.setDirection', { id: projectId, speaker, direction: name, effect });
      onSaved();
    } catch (e) {
      reportError('project', `Saving ${speaker}'s "${name}"`, e);
    }
  };
  const field = (key: keyof Draft, label: string, unit: string, step: number, min: number, max: number) => (
    <label className="dir-field">
      <span>{label}</span>
      <input type="number" value={draft[key]} step={step} min={min} max={max} aria-label={`${label} for ${name}`} data-testid={`dir-${key}-${speaker}`} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
      <span className="dir-unit">{unit}</span>
    </label>
  );
  return (
    <details className="speaker-directions" data-testid={`speaker-directions-${speaker}`}>
      <summary>
        Directions{own.length > 0 && <span className="count"> · {own.length} own</span>}
      </summary>
      {own.length > 0 && (
        <ul className="dir-own" data-testid={`dir-own-${speaker}`}>
          {own.map((d) => (
            <li key={d.direction}>
              <button type="button" className="chip" title={`Edit ${speaker}'s "${d.direction}"`} onClick={() => setName(d.direction)}>
                <em>{d.direction}</em>: {describeEffect(d.effect)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="dir-edit">
        <label className="dir-field dir-name">
          <span>Direction</span>
          <select value={name} aria-label="Direction" data-testid={`dir-name-${speaker}`} onChange={(e) => setName(e.target.value)}>
            {NAMES.map((n) => (
              <option key={n} value={n}>
                {n}
                {own.some((d) => d.direction === n) ? ' (own)' : ''}
              </option>
            ))}
          </select>
        </label>
        {field('gain', 'Level', 'dB', 1, -40, 20)}
        {field('speed', 'Speed', '×', 0.05, 0.5, 2)}
        {field('pitch', 'Pitch', 'st', 0.5, -12, 12)}
        {field('tilt', 'Tilt', 'dB', 1, -12, 12)}
        {kokoro && (
          <label className="dir-field dir-blend">
            <span>Lean toward</span>
            <select value={draft.toward} aria-label={`Kokoro voice ${name} leans toward`} data-testid={`dir-toward-${speaker}`} onChange={(e) => setDraft({ ...draft, toward: e.target.value })}>
              <option value="">no other voice</option>
              {towards.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
            <input type="number" value={draft.amount} step={5} min={0} max={100} aria-label={`How far ${name} leans toward it`} data-testid={`dir-amount-${speaker}`} disabled={!draft.toward} onChange={(e) => setDraft({ ...draft, amount: e.target.value })} />
            <span className="dir-unit">%</span>
          </label>
        )}
        <div className="dir-actions">
          <button type="button" className="btn btn-small" data-testid={`dir-save-${speaker}`} onClick={() => void save(effectOf(draft, base))}>
            Save for {speaker}
          </button>
          <button type="button" className="btn btn-small" data-testid={`dir-reset-${speaker}`} disabled={!mine} title="Use the vocabulary's effect again" onClick={() => void save(null)}>
            Default
          </button>
        </div>
      </div>
    </details>
  );
}
