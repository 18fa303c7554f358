// The Pronunciations screen: the user's dictionaries (global, and the open project's). Each entry
// says how one word is spoken, as a respelling in plain letters (every voice) or as phonemes in
// Kokoro's symbols (Kokoro voices). "Say it" plays the word with the entry as typed, before saving,
// so fixing a name is a quick loop of type, listen, adjust.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Pronunciation } from '../../../../src-main/contract/schemas';
import { call, RpcClientError } from '../../client';
import { sayPronunciation } from '../../store/playback-actions';
import { selectDefaultVoiceId, selectProjectId, selectProjectName, selectVoices } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { PlayIcon, TrashIcon } from '../../ui/Icons';

type Mode = 'respelling' | 'phonemes';
interface Draft {
  id?: number;
  word: string;
  language: string;
  mode: Mode;
  value: string;
  scope: 'global' | 'project';
}

const LANGUAGES = [
  { code: 'en', label: 'English (all)' },
  { code: 'en-us', label: 'English (US)' },
  { code: 'en-gb', label: 'English (UK)' },
  { code: 'es', label: 'Spanish' },
  { code: 'fr', label: 'French' },
  { code: 'it', label: 'Italian' },
  { code: 'pt', label: 'Portuguese' },
  { code: 'hi', label: 'Hindi' },
  { code: 'de', label: 'German' },
];
const EMPTY: Draft = { word: '', language: 'en', mode: 'respelling', value: '', scope: 'global' };

function entryOf(d: Draft): { word: string; phonemes?: string; respelling?: string } {
  return d.mode === 'phonemes' ? { word: d.word.trim(), phonemes: d.value.trim() } : { word: d.word.trim(), respelling: d.value.trim() };
}

export function PronunciationsView() {
  const projectId = useStudio(selectProjectId);
  const projectName = useStudio(selectProjectName);
  const defaultVoiceId = useStudio(selectDefaultVoiceId);
  const voices = useStudio(selectVoices);
  const [entries, setEntries] = useState<Pronunciation[]>([]);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [voiceId, setVoiceId] = useState<string>('');

  const reload = useCallback(async () => {
    try {
      setEntries(await call('pronunciations.list', projectId ? { projectId } : {}));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [projectId]);
  useEffect(() => void reload(), [reload]);

  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q ? entries.filter((e) => e.word.toLowerCase().includes(q) || (e.respelling ?? e.phonemes ?? '').toLowerCase().includes(q)) : entries;
  }, [entries, filter]);

  const canSave = draft.word.trim() !== '' && draft.value.trim() !== '';
  const save = async () => {
    setError(null);
    try {
      const e = entryOf(draft);
      await call('pronunciations.set', {
        ...(draft.id !== undefined ? { id: draft.id } : {}),
        scope: draft.scope,
        ...(draft.scope === 'project' && projectId ? { projectId } : {}),
        language: draft.language,
        word: e.word,
        phonemes: e.phonemes ?? null,
        respelling: e.respelling ?? null,
      });
      setDraft({ ...EMPTY, language: draft.language, scope: draft.scope, mode: draft.mode });
      await reload();
    } catch (e) {
      setError(e instanceof RpcClientError || e instanceof Error ? e.message : String(e));
    }
  };
  const remove = async (id: number) => {
    setError(null);
    try {
      await call('pronunciations.delete', { id });
      if (draft.id === id) setDraft(EMPTY);
      await reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const edit = (p: Pronunciation) =>
    setDraft({ id: p.id, word: p.word, language: p.language, mode: p.phonemes ? 'phonemes' : 'respelling', value: p.phonemes ?? p.respelling ?? '', scope: p.scope });

  return (
    <div className="pron-view">
      <div className="pane-head">
        <h1 className="pane-title">Pronunciations</h1>
        <span className="pane-hint">How names and unusual words are spoken. Project entries win over global ones.</span>
      </div>

      <form
        className="card pron-form"
        data-testid="pron-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (canSave) void save();
        }}
      >
        <div className="pron-row">
          <label className="pron-field">
            <span>Word</span>
            <input className="input" data-testid="pron-word" placeholder="Koe" value={draft.word} maxLength={64} onChange={(e) => setDraft({ ...draft, word: e.target.value })} />
          </label>
          <div className="pron-field">
            <span>Written as</span>
            <div className="segmented" role="radiogroup" aria-label="Written as">
              {(['respelling', 'phonemes'] as const).map((m) => (
                <label key={m} className={`segment${draft.mode === m ? ' is-on' : ''}`}>
                  <input type="radio" name="pron-mode" value={m} checked={draft.mode === m} data-testid={`pron-mode-${m}`} onChange={() => setDraft({ ...draft, mode: m })} />
                  {m === 'respelling' ? 'Respelling' : 'Phonemes'}
                </label>
              ))}
            </div>
          </div>
          <label className="pron-field pron-grow">
            <span>{draft.mode === 'respelling' ? 'Say it like (plain letters, any voice)' : 'Phonemes (Kokoro symbols, e.g. kˈOə)'}</span>
            <input
              className={`input${draft.mode === 'phonemes' ? ' mono' : ''}`}
              data-testid="pron-value"
              placeholder={draft.mode === 'respelling' ? 'koh-eh' : 'kˈOə'}
              value={draft.value}
              maxLength={200}
              onChange={(e) => setDraft({ ...draft, value: e.target.value })}
            />
          </label>
        </div>
        <div className="pron-row">
          <label className="pron-field">
            <span>Language</span>
            <select className="select" data-testid="pron-language" value={draft.language} onChange={(e) => setDraft({ ...draft, language: e.target.value })}>
              {LANGUAGES.map((l) => (
                <option key={l.code} value={l.code}>
                  {l.label}
                </option>
              ))}
            </select>
          </label>
          <label className="pron-field">
            <span>Dictionary</span>
            <select className="select" data-testid="pron-scope" value={draft.scope} onChange={(e) => setDraft({ ...draft, scope: e.target.value as Draft['scope'] })}>
              <option value="global">Global (every project)</option>
              <option value="project" disabled={!projectId}>
                This project{projectName ? ` (${projectName})` : ''}
              </option>
            </select>
          </label>
          <label className="pron-field">
            <span>Voice for “Say it”</span>
            <select className="select" data-testid="pron-voice" value={voiceId} onChange={(e) => setVoiceId(e.target.value)}>
              <option value="">Default voice</option>
              {voices
                .filter((v) => v.available && v.language.startsWith(draft.language.split('-')[0]!))
                .map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
            </select>
          </label>
          <div className="pron-actions">
            <button type="button" className="btn" data-testid="pron-say" disabled={!canSave} onClick={() => sayPronunciation(entryOf(draft), voiceId || defaultVoiceId)}>
              <PlayIcon size={12} />
              <span>Say it</span>
            </button>
            {draft.id !== undefined && (
              <button type="button" className="btn btn-ghost" onClick={() => setDraft(EMPTY)}>
                Cancel edit
              </button>
            )}
            <button type="submit" className="btn btn-primary" data-testid="pron-save" disabled={!canSave}>
              {draft.id !== undefined ? 'Save changes' : 'Add'}
            </button>
          </div>
        </div>
        {error && (
          <p className="form-error" role="alert" data-testid="pron-error">
            {error}
          </p>
        )}
      </form>

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
        <table className="pron-table" data-testid="pron-table">
          <thead>
            <tr>
              <th>Word</th>
              <th>Spoken as</th>
              <th>Language</th>
              <th>Dictionary</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={p.id} data-testid={`pron-entry-${p.word}`} className={draft.id === p.id ? 'is-editing' : ''}>
                <td className="pron-word">{p.word}</td>
                <td className={p.phonemes ? 'mono' : ''}>
                  {p.phonemes ?? p.respelling}
                  <span className="muted"> · {p.phonemes ? 'phonemes' : 'respelling'}</span>
                </td>
                <td>{LANGUAGES.find((l) => l.code === p.language)?.label ?? p.language}</td>
                <td>
                  <span className={`badge${p.scope === 'project' ? ' badge-kind' : ''}`}>{p.scope === 'project' ? 'This project' : 'Global'}</span>
                </td>
                <td>
                  <div className="pron-row-actions">
                  <button
                    type="button"
                    className="icon-btn"
                    aria-label={`Say ${p.word}`}
                    onClick={() => sayPronunciation({ word: p.word, ...(p.phonemes ? { phonemes: p.phonemes } : { respelling: p.respelling ?? '' }) }, voiceId || defaultVoiceId)}
                  >
                    <PlayIcon size={12} />
                  </button>
                  <button type="button" className="btn btn-small" onClick={() => edit(p)}>
                    Edit
                  </button>
                  <button type="button" className="icon-btn" aria-label={`Delete ${p.word}`} data-testid={`pron-delete-${p.word}`} onClick={() => void remove(p.id)}>
                    <TrashIcon size={14} />
                  </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
