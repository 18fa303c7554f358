// The File menu at the left of the top bar: New, Open project (.koe), Save as .koe, Import
// manuscript, and the recent files. In a browser the two "open" items pick a file with a hidden
// file input (the desktop app asks its native dialog instead, in the store's actions).
import { useCallback, useRef, useState } from 'react';
import { useMenuDismiss } from '../../ui/useMenuDismiss';
import type { RecentFile } from '../../../../src-main/contract/calls-files';
import { clearRecentFiles, importManuscriptFile, MANUSCRIPT_EXTENSIONS, openProjectFile, openRecent, saveProjectFile } from '../../store/file-actions';
import { createProject } from '../../store/project-actions';
import { selectFileBusy, selectIsDesktop, selectProjects, selectRecentFiles } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { setView } from '../../store/ui-actions';
import { ImportReport } from './ImportReport';

function untitledName(existing: readonly { name: string }[]): string {
  const names = new Set(existing.map((p) => p.name));
  for (let n = 1; ; n++) {
    const name = n === 1 ? 'Untitled' : `Untitled ${n}`;
    if (!names.has(name)) return name;
  }
}

const recentLabel = (f: RecentFile) => `${f.fileName}${f.kind === 'manuscript' ? ' (manuscript)' : ''}`;

/** The second line: where the file is, or (a browser's file, which has no path) when it was used. */
function recentDetail(f: RecentFile): string {
  if (f.path) return f.path;
  const at = new Date(f.at);
  return Number.isNaN(at.getTime()) ? 'in this browser' : `in this browser · ${at.toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' })}`;
}

export function FileMenu() {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const root = useRef<HTMLDivElement>(null);
  const koeInput = useRef<HTMLInputElement>(null);
  const bookInput = useRef<HTMLInputElement>(null);
  const desktop = useStudio(selectIsDesktop);
  const busy = useStudio(selectFileBusy);
  const recent = useStudio(selectRecentFiles);
  const projects = useStudio(selectProjects);

  useMenuDismiss(open, root, close);

  // Each item closes the menu first; picking a file in a browser needs the click's user gesture.
  const item = (run: () => void) => () => {
    setOpen(false);
    run();
  };
  const pickKoe = () => (desktop ? void openProjectFile() : koeInput.current?.click());
  const pickBook = () => (desktop ? void importManuscriptFile() : bookInput.current?.click());

  return (
    <div className="file-menu" ref={root}>
      <button type="button" className="btn file-menu-btn" aria-haspopup="menu" aria-expanded={open} aria-controls="file-menu" data-testid="file-menu" onClick={() => setOpen(!open)}>
        File
      </button>
      {busy && (
        <span className="file-busy" role="status" data-testid="file-busy">
          {busy}…
        </span>
      )}
      {open && (
        <div className="menu" id="file-menu" role="menu" aria-label="File">
          <button type="button" role="menuitem" className="menu-item" data-testid="file-new" onClick={item(() => {
            setView('script');
            void createProject(untitledName(projects));
          })}>
            New project
          </button>
          <button type="button" role="menuitem" className="menu-item" data-testid="file-open" disabled={!!busy} onClick={item(pickKoe)}>
            Open project file (.koe)…
          </button>
          <button type="button" role="menuitem" className="menu-item" data-testid="file-save" disabled={!!busy} onClick={item(() => void saveProjectFile())}>
            {desktop ? 'Save as .koe…' : 'Save as .koe (download)'}
          </button>
          <button type="button" role="menuitem" className="menu-item" data-testid="file-import" disabled={!!busy} onClick={item(pickBook)}>
            Import manuscript (EPUB, DOCX, Markdown, text)…
          </button>
          <div className="menu-sep" role="separator" />
          <div className="menu-head" id="recent-files-head">Recent files</div>
          {recent.length === 0 ? (
            <div className="menu-empty">None yet</div>
          ) : (
            <div role="group" aria-labelledby="recent-files-head" data-testid="recent-files">
              {recent.map((f) => (
                <button
                  key={`${f.kind}:${f.path ?? ''}:${f.fileName}:${f.projectId ?? ''}`}
                  type="button"
                  role="menuitem"
                  className="menu-item menu-recent"
                  title={f.path ?? `${f.fileName} (opened or saved in the browser)`}
                  disabled={!!busy}
                  onClick={item(() => void openRecent(f, f.kind === 'koe' ? pickKoe : pickBook))}
                >
                  <span className="menu-recent-name">{recentLabel(f)}</span>
                  <span className="menu-recent-path">{recentDetail(f)}</span>
                </button>
              ))}
              <button type="button" role="menuitem" className="menu-item menu-clear" onClick={item(() => void clearRecentFiles())}>
                Clear recent files
              </button>
            </div>
          )}
        </div>
      )}
      <input
        ref={koeInput}
        type="file"
        accept=".koe"
        hidden
        data-testid="file-open-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void openProjectFile(file);
        }}
      />
      <input
        ref={bookInput}
        type="file"
        accept={MANUSCRIPT_EXTENSIONS.map((x) => `.${x}`).join(',')}
        hidden
        data-testid="file-import-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void importManuscriptFile(file);
        }}
      />
      <ImportReport />
    </div>
  );
}
