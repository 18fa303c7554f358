// Importing a model file the person already has. The desktop app asks with its open dialog; a
// browser streams the chosen file to the core first (client/upload.ts), since a page cannot name a
// path on disk. Typing a path on the computer that runs the core still works for both.
import { useRef, useState } from 'react';
import { call, errorMessage } from '../../client';
import { discardUpload, uploadFile } from '../../client/upload';
import { refreshLibrary } from '../../store/library-actions';
import { selectInfo } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { formatBytes } from '../../lib/format';

const EXTENSIONS = ['onnx', 'bin', 'json', 'npz'];

type Status = { ok: boolean; text: string } | null;

export function ImportCard({ onImported }: { onImported(): void }) {
  const [path, setPath] = useState('');
  const [status, setStatus] = useState<Status>(null);
  const [upload, setUpload] = useState<{ name: string; sent: number; total: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  const face = useStudio(selectInfo)?.face;

  const importPath = async (p: string) => {
    const r = await call('models.import', { path: p });
    setStatus({ ok: true, text: `Imported ${r.imported.map((f) => f.id).join(', ')}.` });
    onImported();
    await refreshLibrary();
  };

  const run = async (what: () => Promise<void>) => {
    setBusy(true);
    setStatus(null);
    try {
      await what();
    } catch (e) {
      const cancelled = e instanceof DOMException && e.name === 'AbortError';
      setStatus(cancelled ? { ok: true, text: 'Upload cancelled; nothing was imported.' } : { ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
      setUpload(null);
      abort.current = null;
    }
  };

  const choose = () => {
    // The browser's chooser must open inside the click (user activation), before any await.
    if (face !== 'electron') {
      fileInput.current?.click(); // its change handler uploads the file
      return;
    }
    void run(async () => {
      const picked = await call('dialog.openFile', { title: 'Import a model, voice pack or lexicon', extensions: EXTENSIONS });
      if (picked.path) await importPath(picked.path);
    });
  };

  const sendFile = (file: File) =>
    void run(async () => {
      abort.current = new AbortController();
      setUpload({ name: file.name, sent: 0, total: file.size });
      const up = await uploadFile(file, (sent, total) => setUpload({ name: file.name, sent, total }), abort.current.signal);
      setUpload(null);
      try {
        await importPath(up.path);
      } finally {
        await discardUpload(up.id);
      }
    });

  return (
    <section className="card model-import">
      <h2 className="card-title">Import a file you already have</h2>
      <p className="muted small">A Kokoro model (.onnx), a voice pack (af_heart.bin) or voices-v1.0.bin, a misaki lexicon (.json), or a Pocket TTS file. It is checked before it is used.</p>
      <div className="pron-row">
        <button type="button" className="btn" data-testid="model-import-choose" disabled={busy} onClick={choose}>
          Choose a file…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept={EXTENSIONS.map((e) => `.${e}`).join(',')}
          className="visually-hidden"
          tabIndex={-1}
          data-testid="model-import-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) sendFile(f);
          }}
        />
        {upload && (
          <>
            <div className="progress-track model-upload-track" role="progressbar" aria-valuemin={0} aria-valuemax={upload.total} aria-valuenow={upload.sent} data-testid="model-import-progress">
              <div className="progress-fill" style={{ transform: `scaleX(${upload.total ? upload.sent / upload.total : 0})` }} />
            </div>
            <span className="small muted">
              {upload.name}: {formatBytes(upload.sent)} of {formatBytes(upload.total)}
            </span>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          </>
        )}
      </div>
      <form
        className="pron-row"
        onSubmit={(e) => {
          e.preventDefault();
          const p = path.trim();
          if (p)
            void run(async () => {
              await importPath(p);
              setPath('');
            });
        }}
      >
        <input
          className="input pron-grow"
          data-testid="model-import-path"
          aria-label="Path of a file on this computer"
          placeholder="or a path on this computer: /path/to/model.onnx"
          value={path}
          onChange={(e) => setPath(e.target.value)}
        />
        <button type="submit" className="btn" data-testid="model-import" disabled={busy || !path.trim()}>
          Import
        </button>
      </form>
      {status && (
        <p className={status.ok ? 'muted' : 'form-error'} role="status" data-testid="model-import-message">
          {status.text}
        </p>
      )}
    </section>
  );
}
