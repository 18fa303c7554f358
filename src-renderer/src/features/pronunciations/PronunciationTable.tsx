// The saved entries as a table: the word, how it is spoken, language and dictionary, with Say, Edit
// and Delete on each row. The row being edited in the form is marked.
import type { Pronunciation } from '../../../../src-main/contract/schemas';
import { sayPronunciation } from '../../store/playback-actions';
import { PlayIcon, TrashIcon } from '../../ui/Icons';
import { languageLabel, spokenOf } from './pronunciation-draft';

interface Props {
  entries: Pronunciation[];
  editingId: number | undefined;
  sayVoiceId: string;
  onEdit(p: Pronunciation): void;
  onDelete(id: number): void;
}

export function PronunciationTable({ entries, editingId, sayVoiceId, onEdit, onDelete }: Props) {
  return (
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
        {entries.map((p) => (
          <tr key={p.id} data-testid={`pron-entry-${p.word}`} className={editingId === p.id ? 'is-editing' : ''}>
            <td className="pron-word">{p.word}</td>
            <td className={p.phonemes ? 'mono' : ''}>
              {p.phonemes ?? p.respelling}
              <span className="muted"> · {p.phonemes ? 'phonemes' : 'respelling'}</span>
            </td>
            <td>{languageLabel(p.language)}</td>
            <td>
              <span className={`badge${p.scope === 'project' ? ' badge-kind' : ''}`}>{p.scope === 'project' ? 'This project' : 'Global'}</span>
            </td>
            <td>
              <div className="pron-row-actions">
                <button type="button" className="icon-btn" aria-label={`Say ${p.word}`} onClick={() => sayPronunciation(spokenOf(p), sayVoiceId)}>
                  <PlayIcon size={12} />
                </button>
                <button type="button" className="btn btn-small" onClick={() => onEdit(p)}>
                  Edit
                </button>
                <button type="button" className="icon-btn" aria-label={`Delete ${p.word}`} data-testid={`pron-delete-${p.word}`} onClick={() => onDelete(p.id)}>
                  <TrashIcon size={14} />
                </button>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
