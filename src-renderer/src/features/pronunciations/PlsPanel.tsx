// W3C PLS lexicons on the Pronunciations screen: import a file into the global or the project's
// dictionary, export one as a file (desktop) or a download (browser), and what happened: counts
// added, replaced and skipped, the first skipped lexemes by line, or the line and column where a
// malformed file breaks (nothing is imported then).
import { useMemo, useRef, useState } from 'react';
import type { Pronunciation } from '../../../../src-main/contract/schemas';
import { getStudio } from '../../store/studio';
import { CloseIcon } from '../../ui/Icons';
import { usePls, type PlsReport, type PlsScope } from './usePls';

interface Props {
  projectId: string | null;
  entries: Pronunciation[];
  reload(): Promise<void>;
}

const SCOPE_NAME: Record<PlsScope, string> = { global: 'the global dictionary', project: "the project's dictionary" };

export function PlsPanel({ projectId, entries, reload }: Props) {
  const { busy, report, dismiss, importPls, exportPls } = usePls(projectId, reload);
  const [scope, setScope] = useState<PlsScope>('global');
  const [language, setLanguage] = useState('');
  const file = useRef<HTMLInputElement>(null);
  const effectiveScope: PlsScope = projectId ? scope : 'global';
  const languages = useMemo(() => {
    const found = new Set(entries.filter((e) => e.scope === effectiveScope).map((e) => e.language));
    return found.size ? [...found].sort() : ['en'];
  }, [entries, effectiveScope]);
  const exportLanguage = languages.includes(language) ? language : languages.includes('en') ? 'en' : languages[0]!;

  const pick = (): void => {
    if (getStudio().info?.face === 'electron') void importPls(effectiveScope);
    else file.current?.click();
  };

  return (
    <>
      <div className="toolbar pls-panel" data-testid="pls-panel">
        <span className="muted">Lexicon files (W3C PLS)</span>
        <select className="select" aria-label="Dictionary for PLS files" data-testid="pls-scope" value={effectiveScope} onChange={(e) => setScope(e.target.value as PlsScope)}>
          <option value="global">Global dictionary</option>
          <option value="project" disabled={!projectId}>
            This project's dictionary
          </option>
        </select>
        <button type="button" className="btn btn-small" data-testid="pls-import" disabled={!!busy} onClick={pick}>
          Import PLS…
        </button>
        <input
          ref={file}
          type="file"
          hidden
          accept=".pls,.xml,application/pls+xml"
          data-testid="pls-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importPls(effectiveScope, f);
          }}
        />
        <button type="button" className="btn btn-small" data-testid="pls-export" disabled={!!busy} onClick={() => void exportPls(effectiveScope, exportLanguage)}>
          Export PLS
        </button>
        {languages.length > 1 && (
          <select className="select" aria-label="Language to export" data-testid="pls-language" value={exportLanguage} onChange={(e) => setLanguage(e.target.value)}>
            {languages.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        )}
        {busy && (
          <span className="muted" role="status">
            {busy}
          </span>
        )}
      </div>
      {report && <PlsReportBanner report={report} onDismiss={dismiss} />}
    </>
  );
}

function PlsReportBanner({ report, onDismiss }: { report: PlsReport; onDismiss(): void }) {
  const tone = report.kind === 'failed' ? 'banner-bad' : report.kind === 'imported' && report.skipped > 0 ? 'banner-warn' : 'banner-info';
  return (
    <div className={`banner ${tone} pls-report`} role="status" data-testid="pls-report" data-kind={report.kind}>
      <div className="banner-text">
        {report.kind === 'imported' && (
          <>
            <strong>
              Imported {report.fileName} into {SCOPE_NAME[report.scope]} ({report.language}):
            </strong>{' '}
            <span data-testid="pls-counts">
              {report.added} added, {report.replaced} replaced, {report.skipped} skipped.
            </span>
            {report.problems.length > 0 && (
              <ul className="pls-problems" data-testid="pls-problems">
                {report.problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
                {report.skipped > report.problems.length && <li className="muted">…and {report.skipped - report.problems.length} more.</li>}
              </ul>
            )}
          </>
        )}
        {report.kind === 'exported' && (
          <>
            <strong>Exported {report.entries === 1 ? '1 entry' : `${report.entries} entries`}</strong> to {report.fileName}
            {report.where === "your browser's downloads" ? ` in ${report.where}.` : ` (${report.where}).`}
          </>
        )}
        {report.kind === 'failed' && (
          <>
            <strong>{report.what === 'import' ? `Could not import ${report.fileName ?? 'the lexicon'}.` : 'Could not export the dictionary.'}</strong> {report.message}
          </>
        )}
      </div>
      <button type="button" className="icon-btn" aria-label="Dismiss" data-testid="pls-report-dismiss" onClick={onDismiss}>
        <CloseIcon size={14} />
      </button>
    </div>
  );
}
