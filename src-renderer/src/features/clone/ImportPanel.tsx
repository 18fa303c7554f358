// Cloning from a recording the person already has: a file picker and a drop zone for WAV, MP3,
// M4A/AAC, Ogg and FLAC. Nothing is judged by the file name: the core reads the bytes and refuses
// what is not audio with a sentence, shown here. A dropped .koevoice file is an exported voice, not
// a recording, and is imported as one.
import { useRef, useState, type DragEvent } from 'react';
import { AlertIcon, UploadIcon } from '../../ui/Icons';
import { AUDIO_ACCEPT } from './import-file';

interface Props {
  busy: string | null;
  error: string | null;
  onFile(file: File): void;
}

export function ImportPanel({ busy, error, onFile }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file && !busy) onFile(file);
  };

  return (
    <div className="import-panel" data-testid="clone-import">
      <div
        className={`drop-zone${over ? ' is-over' : ''}${busy ? ' is-busy' : ''}`}
        data-testid="clone-drop"
        onDragEnter={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
        }}
        onDrop={drop}
      >
        <UploadIcon size={26} />
        {busy ? (
          <p className="drop-title" data-testid="clone-import-busy">
            <span className="spinner" /> {busy}
          </p>
        ) : (
          <>
            <p className="drop-title">Drop a recording here</p>
            <p className="muted small">WAV, MP3, M4A/AAC, Ogg or FLAC · one person speaking, 6–20 s is ideal (longer files: the best 20 s are used)</p>
            <button type="button" className="btn btn-primary" data-testid="clone-choose-file" onClick={() => input.current?.click()}>
              Choose a file…
            </button>
          </>
        )}
        <input
          ref={input}
          type="file"
          className="visually-hidden"
          accept={AUDIO_ACCEPT}
          data-testid="clone-file-input"
          tabIndex={-1}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) onFile(file);
          }}
        />
      </div>
      {error && (
        <div className="clone-alert is-bad" role="alert" data-testid="clone-import-error">
          <AlertIcon size={15} />
          <p>{error}</p>
        </div>
      )}
    </div>
  );
}
