// The Voices screen: the whole library, searchable and filterable, each voice with a preview.
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import type { Gender } from '../../../../src-main/contract/schemas';
import { call } from '../../client';
import { refreshLibrary, updateSettings } from '../../store/library-actions';
import { previewVoice } from '../../store/playback-actions';
import { setSpeakerVoice } from '../../store/project-actions';
import { selectDefaultVoiceId, selectPreviewVoiceId, selectVoices, selectVoicesLoaded, useRoster } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { reportError, setView, showNotice } from '../../store/ui-actions';
import { SearchIcon } from '../../ui/Icons';
import { BlendPanel } from './BlendPanel';
import { VoiceCard } from './VoiceCard';
import { filterVoices, languagesOf } from './voice-filter';

const GENDERS: { value: Gender | ''; label: string }[] = [
  { value: '', label: 'Any gender' },
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'neutral', label: 'Neutral' },
  { value: 'unknown', label: 'Unspecified' },
];

export function VoicesView() {
  const voices = useStudio(selectVoices);
  const loaded = useStudio(selectVoicesLoaded);
  const defaultVoiceId = useStudio(selectDefaultVoiceId);
  const previewing = useStudio(selectPreviewVoiceId);
  const roster = useRoster();
  const [query, setQuery] = useState('');
  const [language, setLanguage] = useState('');
  const [gender, setGender] = useState<Gender | ''>('');
  const [blending, setBlending] = useState(false);
  const deferredQuery = useDeferredValue(query);

  const languages = useMemo(() => languagesOf(voices), [voices]);
  const shown = useMemo(() => filterVoices(voices, { query: deferredQuery, language, gender }), [voices, deferredQuery, language, gender]);
  const speakers = useMemo(() => roster.filter((r) => r.inScript).map((r) => r.name), [roster]);

  const onUseFor = useCallback((speaker: string, id: string) => {
    setSpeakerVoice(speaker, id);
    showNotice(`${speaker} now speaks with ${voices.find((v) => v.id === id)?.name ?? id}.`);
  }, [voices]);
  const onMakeDefault = useCallback((id: string) => void updateSettings({ defaultVoiceId: id }), []);
  const onDelete = useCallback((id: string) => {
    const v = voices.find((x) => x.id === id);
    if (!window.confirm(`Delete “${v?.name ?? id}”? Speakers using it will need another voice.`)) return;
    // A clone is deleted through its own call, which also removes its reference recording.
    const deleting = v?.kind === 'clone' ? call('clone.delete', { voiceId: id }) : call('voices.delete', { id });
    void deleting
      .then(() => refreshLibrary())
      .catch((e: unknown) => reportError('settings', 'Delete voice', e));
  }, [voices]);

  return (
    <div className="voices-view">
      <div className="pane-head">
        <h1 className="pane-title">Voices</h1>
        <span className="pane-hint">
          {shown.length === voices.length ? `${voices.length} voices` : `${shown.length} of ${voices.length} voices`}
        </span>
        {!blending && (
          <button type="button" className="btn btn-small pane-action" data-testid="blend-open" onClick={() => setBlending(true)}>
            Blend voices…
          </button>
        )}
        <button type="button" className={`btn btn-small btn-primary${blending ? ' pane-action' : ''}`} data-testid="voices-clone-open" onClick={() => setView('clone')}>
          Clone a voice…
        </button>
      </div>
      {blending && <BlendPanel voices={voices} onClose={() => setBlending(false)} />}
      <div className="toolbar" role="search">
        <label className="search-field">
          <SearchIcon size={14} />
          <input
            className="input"
            type="search"
            placeholder="Search by name, language or tag"
            aria-label="Search voices"
            data-testid="voice-search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </label>
        <select className="select" aria-label="Language" data-testid="voice-filter-language" value={language} onChange={(e) => setLanguage(e.target.value)}>
          <option value="">All languages</option>
          {languages.map((l) => (
            <option key={l.code} value={l.code}>
              {l.name} ({l.code}) · {l.count}
            </option>
          ))}
        </select>
        <select className="select" aria-label="Gender" data-testid="voice-filter-gender" value={gender} onChange={(e) => setGender(e.target.value as Gender | '')}>
          {GENDERS.map((g) => (
            <option key={g.value} value={g.value}>
              {g.label}
            </option>
          ))}
        </select>
        {(query || language || gender) && (
          <button type="button" className="btn btn-ghost" onClick={() => { setQuery(''); setLanguage(''); setGender(''); }}>
            Clear filters
          </button>
        )}
      </div>
      {!loaded ? (
        <p className="empty">Loading voices…</p>
      ) : shown.length === 0 ? (
        <p className="empty" data-testid="voices-empty">No voice matches. Try another word, or clear the filters.</p>
      ) : (
        <ul className="voice-grid" aria-label="Voices">
          {shown.map((v) => (
            <VoiceCard
              key={v.id}
              voice={v}
              isDefault={v.id === defaultVoiceId}
              previewing={previewing === v.id}
              speakers={speakers}
              onPreview={previewVoice}
              onUseFor={onUseFor}
              onMakeDefault={onMakeDefault}
              onDelete={onDelete}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
