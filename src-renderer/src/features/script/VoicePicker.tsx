// A speaker's voice: a native <select> (keyboard, screen readers and tests all know how to drive
// it) grouped by language, with an optional filter box that narrows the list when a hundred voices
// are too many to scroll. The chosen voice always stays in the list, filtered or not. Only voices
// that can speak here are listed (59 Kokoro and Pocket voices waiting for a download were clutter
// in every picker); one last entry, "Get more voices…", opens Models, where they are fetched.
import { useId, useMemo, useRef, useState } from 'react';
import type { Voice } from '../../../../src-main/contract/schemas';
import { SearchIcon } from '../../ui/Icons';
import { groupByLanguage, matchesQuery } from '../voices';

interface Props {
  speaker: string;
  value: string;
  defaultVoiceId: string;
  voices: readonly Voice[];
  onChange(voiceId: string): void;
  /** Opens where more voices are got (Models). */
  onMore(): void;
}

/** What a grade beside a voice means, on hover over the picker (a native list cannot hold more). */
const GRADES = "Grades are Kokoro's own rating of each voice, from A (best) to F: how natural it sounds and how much training audio it had.";

/** The option value of "Get more voices…": not a voice id (ids have an engine prefix and a colon). */
const MORE = '__more__';

export function VoicePicker({ speaker, value, defaultVoiceId, voices, onChange, onMore }: Props) {
  const [query, setQuery] = useState('');
  const [searching, setSearching] = useState(false);
  const selectRef = useRef<HTMLSelectElement>(null);
  const id = useId();
  const groups = useMemo(() => groupByLanguage(voices.filter((v) => v.id === value || (v.available && matchesQuery(v, query)))), [voices, query, value]);
  const notInstalled = useMemo(() => voices.filter((v) => !v.available).length, [voices]);
  const known = voices.some((v) => v.id === value);
  const matches = groups.reduce((n, g) => n + g.voices.length, 0);

  return (
    <div className="voice-picker">
      {searching && (
        <input
          className="input input-small voice-picker-search"
          type="search"
          placeholder="Filter voices…"
          aria-label={`Filter voices for ${speaker}`}
          aria-controls={id}
          autoFocus
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              const first = groups.flatMap((g) => g.voices).find((v) => v.id !== value) ?? groups[0]?.voices[0];
              if (first) onChange(first.id);
              setSearching(false);
              setQuery('');
              selectRef.current?.focus();
            } else if (e.key === 'Escape') {
              e.stopPropagation();
              setSearching(false);
              setQuery('');
            }
          }}
        />
      )}
      <div className="voice-picker-row">
        <select
          id={id}
          ref={selectRef}
          className="select"
          aria-label={`Voice for ${speaker}`}
          title={GRADES}
          data-testid={`voice-picker-${speaker}`}
          value={value}
          onChange={(e) => (e.target.value === MORE ? onMore() : onChange(e.target.value))}
        >
          {!known && <option value={value}>{value} (not installed)</option>}
          {groups.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.voices.map((v) => (
                <option key={v.id} value={v.id} disabled={!v.available && v.id !== value}>
                  {v.name}
                  {v.grade ? ` — grade ${v.grade}` : ''}
                  {v.id === defaultVoiceId ? ' · default' : ''}
                  {v.available ? '' : ' (unavailable)'}
                </option>
              ))}
            </optgroup>
          ))}
          {notInstalled > 0 && <option value={MORE}>Get more voices… ({notInstalled} to download)</option>}
        </select>
        <button
          type="button"
          className={`icon-btn${searching ? ' is-on' : ''}`}
          aria-label={`Search voices for ${speaker}`}
          aria-pressed={searching}
          title={searching ? `${matches} matching` : 'Search voices'}
          onClick={() => {
            setSearching(!searching);
            setQuery('');
          }}
        >
          <SearchIcon size={14} />
        </button>
      </div>
    </div>
  );
}
