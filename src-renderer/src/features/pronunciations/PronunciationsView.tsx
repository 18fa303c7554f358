// The Pronunciations screen: the user's dictionaries (global, and the open project's). Each entry
// says how one word is spoken, as a respelling in plain letters (every voice) or as phonemes in
// Kokoro's symbols (Kokoro voices). "Say it" plays the word with the entry as typed, before saving,
// so fixing a name is a quick loop of type, listen, adjust.
import { useMemo, useState } from 'react';
import { selectDefaultVoiceId, selectProjectId } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { filterEntries } from './pronunciation-draft';
import { PronunciationForm } from './PronunciationForm';
import { PronunciationTable } from './PronunciationTable';
import { PlsPanel } from './PlsPanel';
import { usePronunciations } from './usePronunciations';

export function PronunciationsView() {
  const projectId = useStudio(selectProjectId);
  const defaultVoiceId = useStudio(selectDefaultVoiceId);
  const { entries, draft, setDraft, error, save, remove, edit, reload } = usePronunciations(projectId);
  const [filter, setFilter] = useState('');
  const [voiceId, setVoiceId] = useState<string>('');
  const shown = useMemo(() => filterEntries(entries, filter), [entries, filter]);
  const sayVoiceId = voiceId || defaultVoiceId;

  return (
    <div className="pron-view">
      <div className="pane-head">
        <h1 className="pane-title">Pronunciations</h1>
        <span className="pane-hint">How names and unusual words are spoken. Project entries win over global ones.</span>
      </div>

      <PronunciationForm draft={draft} onDraft={setDraft} error={error} onSave={() => void save()} voiceId={voiceId} onVoiceId={setVoiceId} sayVoiceId={sayVoiceId} />

      <PlsPanel projectId={projectId} entries={entries} reload={reload} />

      <div className="toolbar">
        <input className="input" type="search" placeholder="Find a word…" aria-label="Find a word" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <span className="muted">
          {entries.length} {entries.length === 1 ? 'entry' : 'entries'}
        </span>
      </div>
      {shown.length === 0 ? (
        <p className="empty" data-testid="pron-empty">
          {entries.length === 0 ? 'No pronunciations yet. Add a name above, press “Say it”, adjust, and save.' : 'No entry matches.'}
        </p>
      ) : (
        <PronunciationTable entries={shown} editingId={draft.id} sayVoiceId={sayVoiceId} onEdit={edit} onDelete={(id) => void remove(id)} />
      )}
    </div>
  );
}
