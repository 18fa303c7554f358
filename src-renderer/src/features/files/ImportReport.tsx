// What an import found: the chapters (each a "## Title" line in the script now) and what was left
// out, shown once after the import so nothing disappears without the person being told.
import { useEffect, useRef } from 'react';
import { closeImportReport } from '../../store/file-actions';
import { selectImportReport } from '../../store/selectors';
import { useStudio } from '../../store/studio';

const FORMAT = { epub: 'EPUB', docx: 'Word document', markdown: 'Markdown', text: 'plain text', ssml: 'SSML' } as const;

export function ImportReport() {
  const report = useStudio(selectImportReport);
  const ok = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!report) return;
    ok.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') closeImportReport();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [report]);
  if (!report) return null;
  const lines = report.chapters.reduce((n, c) => n + c.lines, 0);
  return (
    <div className="modal-backdrop">
      <div className="modal import-report" role="dialog" aria-modal="true" aria-labelledby="import-report-title" data-testid="import-report">
        <h2 className="modal-title" id="import-report-title">
          Imported “{report.name}”
        </h2>
        <p className="muted">
          {report.fileName} · {FORMAT[report.format]} · {report.chapters.length} chapter{report.chapters.length === 1 ? '' : 's'} · {lines.toLocaleString()} line{lines === 1 ? '' : 's'}, all read by the Narrator.
        </p>
        <ol className="import-chapters" data-testid="import-chapters">
          {report.chapters.map((c, i) => (
            <li key={i}>
              <span className="import-chapter-title">{c.title}</span>
              <span className="muted">
                {c.lines} line{c.lines === 1 ? '' : 's'}
              </span>
            </li>
          ))}
        </ol>
        {report.notices.length > 0 && (
          <ul className="import-notices" data-testid="import-notices">
            {report.notices.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        )}
        <p className="muted import-hint">Quoted dialogue stays with the Narrator; give lines to other speakers by tagging them (“Ana: …”) in the script.</p>
        <div className="modal-actions">
          <button type="button" className="btn btn-primary" ref={ok} data-testid="import-report-ok" onClick={closeImportReport}>
            OK
          </button>
        </div>
      </div>
    </div>
  );
}
