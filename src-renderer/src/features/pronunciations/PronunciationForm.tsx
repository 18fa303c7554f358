// The form that adds or edits one entry: the word, how it is written (respelling or phonemes), its
// language and dictionary, and "Say it" with a chosen voice before saving.
import { selectProjectId, selectProjectName, selectVoices } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { sayPronunciation } from '../../store/playback-actions';
import { PlayIcon } from '../../ui/Icons';
import { EMPTY_DRAFT, entryOf, LANGUAGES, type Draft } from './pronunciation-draft';

interface Props {
  draft: Draft;
  onDraft(draft: Draft): void;
  error: string | null;
  onSave(): void;
  /** The voice picked for "Say it" ('' is the default voice), and the one that will speak. */
  voiceId: string;
  onVoiceId(voiceId: string): void;
  sayVoiceId: string;
}

export function PronunciationForm({ draft, onDraft, error, onSave, voiceId, onVoiceId, sayVoiceId }: Props) {
  const projectId = useStudio(selectProjectId);
  const projectName = useStudio(selectProjectName);
  const voices = useStudio(selectVoices);
  const canSave = draft.word.trim() !== '' && draft.value.trim() !== '';
  return (
    <form
      className="card pron-form"
      data-testid="pron-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (canSave) onSave();
      }}
    >
      <div className="pron-row">
        <label className="pron-field">
          <span>Word</span>
          <input className="input" data-testid="pron-word" placeholder="Koe" value={draft.word} maxLength={64} onChange={(e) => onDraft({ ...draft, word: e.target.value })} />
        </label>
        <div className="pron-field">
          <span>Written as</span>
          <div className="segmented" role="radiogroup" aria-label="Written as">
            {(['respelling', 'phonemes'] as const).map((m) => (
              <label key={m} className={`segment${draft.mode === m ? ' is-on' : ''}`}>
                <input type="radio" name="pron-mode" value={m} checked={draft.mode === m} data-testid={`pron-mode-${m}`} onChange={() => onDraft({ ...draft, mode: m })} />
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
            onChange={(e) => onDraft({ ...draft, value: e.target.value })}
          />
        </label>
      </div>
      <div className="pron-row">
        <label className="pron-field">
          <span>Language</span>
          <select className="select" data-testid="pron-language" value={draft.language} onChange={(e) => onDraft({ ...draft, language: e.target.value })}>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
        <label className="pron-field">
          <span>Dictionary</span>
          <select className="select" data-testid="pron-scope" value={draft.scope} onChange={(e) => onDraft({ ...draft, scope: e.target.value as Draft['scope'] })}>
            <option value="global">Global (every project)</option>
            <option value="project" disabled={!projectId}>
              This project{projectName ? ` (${projectName})` : ''}
            </option>
          </select>
        </label>
        <label className="pron-field">
          <span>Voice for “Say it”</span>
          <select className="select" data-testid="pron-voice" value={voiceId} onChange={(e) => onVoiceId(e.target.value)}>
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
          <button type="button" className="btn" data-testid="pron-say" disabled={!canSave} onClick={() => sayPronunciation(entryOf(draft), sayVoiceId)}>
            <PlayIcon size={12} />
            <span>Say it</span>
          </button>
          {draft.id !== undefined && (
            <button type="button" className="btn btn-ghost" onClick={() => onDraft(EMPTY_DRAFT)}>
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
  );
}
