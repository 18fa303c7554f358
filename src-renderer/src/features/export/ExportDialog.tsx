// The export dialog: every choice of the file at the moment of exporting (format, bitrate, sample
// rate, channels, loudness preset, stems, subtitles, chapters, where it goes), starting from what
// this project used last time. Export in it saves the choices with the project and runs the export.
import { useEffect, useRef, useState } from 'react';
import type { ExportPrefs } from '../../../../src-main/contract/schemas';
import { exportPrefsFor, startExport, type ExportRange } from '../../store/export-actions';
import { selectIsDesktop, selectProjectId } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { reportError } from '../../store/ui-actions';
import { bitrateOptions, bitrateValue, change, effectiveRate, FORMATS, kHz, PRESETS, sampleRates, summary, withBitrate } from './export-form';

interface Props {
  /** The timeline's loop, which may be exported alone. */
  range: ExportRange | null;
  rangeLabel: string | null;
  /** Opened from "Export loop": the loop is chosen to start with. */
  initialRange: boolean;
  onClose(): void;
}

function Row({ label, htmlFor, children, hint }: { label: string; htmlFor?: string; children: React.ReactNode; hint?: string }) {
  return (
    <div className="xd-row">
      <label className="xd-label" htmlFor={htmlFor}>
        {label}
      </label>
      <div className="xd-control">
        {children}
        {hint ? <span className="xd-hint">{hint}</span> : null}
      </div>
    </div>
  );
}

export function ExportDialog({ range, rangeLabel, initialRange, onClose }: Props) {
  const projectId = useStudio(selectProjectId);
  const desktop = useStudio(selectIsDesktop);
  const [prefs, setPrefs] = useState<ExportPrefs | null>(null);
  const [useRange, setUseRange] = useState(initialRange && range !== null);
  const go = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!projectId) return;
    let live = true;
    exportPrefsFor(projectId).then(
      (p) => live && setPrefs(p),
      (e) => {
        reportError('export', 'Export choices', e);
        onClose();
      },
    );
    return () => {
      live = false;
    };
  }, [projectId, onClose]);
  // Focus Export once, when the form appears (not on every change of a choice).
  const ready = prefs !== null;
  useEffect(() => {
    if (ready) go.current?.focus();
  }, [ready]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const set = (patch: Partial<ExportPrefs>) => setPrefs((p) => (p ? change(p, patch) : p));
  const acx = prefs?.preset === 'acx';
  const rates = bitrateOptions(prefs ?? ({} as ExportPrefs));
  const run = () => {
    if (!prefs) return;
    onClose();
    void startExport(prefs, useRange ? range : null);
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <form
        className="modal export-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="export-dialog-title"
        data-testid="export-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <h2 className="modal-title" id="export-dialog-title">
          Export
        </h2>
        {!prefs ? (
          <p className="muted">Reading this project's export choices…</p>
        ) : (
          <div className="xd-grid">
            <Row label="Format" htmlFor="xd-format" hint={acx ? 'ACX takes MP3.' : FORMATS.find((f) => f.id === prefs.format)?.hint}>
              <select id="xd-format" className="select" data-testid="export-format" disabled={acx} value={acx ? 'mp3' : prefs.format} onChange={(e) => set({ format: e.target.value as ExportPrefs['format'] })}>
                {FORMATS.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.label}
                  </option>
                ))}
              </select>
            </Row>
            <Row label="Loudness" htmlFor="xd-preset" hint="Normalized per ITU-R BS.1770, with a true-peak ceiling; the files are checked against the target afterwards.">
              <select id="xd-preset" className="select" data-testid="export-preset" value={prefs.preset ?? ''} onChange={(e) => set({ preset: (e.target.value || null) as ExportPrefs['preset'], loudness: null })}>
                {PRESETS.map((p) => (
                  <option key={p.id ?? 'none'} value={p.id ?? ''}>
                    {p.label}
                  </option>
                ))}
              </select>
            </Row>
            {rates && !acx && (
              <Row label="Bitrate" htmlFor="xd-bitrate" hint={prefs.format === 'mp3' ? 'Constant: every second the same size. VBR: the size follows the speech.' : undefined}>
                <select id="xd-bitrate" className="select" data-testid="export-bitrate" value={bitrateValue(prefs)} onChange={(e) => setPrefs(withBitrate(prefs, e.target.value))}>
                  {rates.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </Row>
            )}
            {(prefs.format === 'wav' || prefs.format === 'flac') && !acx && (
              <Row label="Bit depth" htmlFor="xd-depth">
                <select id="xd-depth" className="select" data-testid="export-bit-depth" value={prefs.bitDepth} onChange={(e) => set({ bitDepth: Number(e.target.value) as 16 | 24 })}>
                  <option value="24">24-bit (headroom for editing)</option>
                  <option value="16">16-bit (smaller, plays everywhere)</option>
                </select>
              </Row>
            )}
            <Row label="Sample rate" htmlFor="xd-rate">
              <select id="xd-rate" className="select" data-testid="export-sample-rate" disabled={acx} value={acx ? '' : (prefs.sampleRate ?? '')} onChange={(e) => set({ sampleRate: e.target.value ? Number(e.target.value) : null })}>
                <option value="">Automatic ({kHz(effectiveRate({ ...prefs, sampleRate: null }))})</option>
                {sampleRates().map((r) => (
                  <option key={r} value={r}>
                    {kHz(r)}
                    {r === 24000 ? ' (as rendered)' : ''}
                  </option>
                ))}
              </select>
            </Row>
            <Row label="Channels" htmlFor="xd-channels" hint={prefs.channels === 2 && !acx ? "Each speaker placed by their lane's pan." : undefined}>
              <select id="xd-channels" className="select" data-testid="export-channels" disabled={acx} value={acx ? 1 : prefs.channels} onChange={(e) => set({ channels: Number(e.target.value) as 1 | 2 })}>
                <option value="1">Mono</option>
                <option value="2">Stereo</option>
              </select>
            </Row>
            <Row label="Chapters" htmlFor="xd-chapters" hint={acx ? 'ACX takes one file per chapter.' : "From the script's chapter headings and the timeline's markers."}>
              <select id="xd-chapters" className="select" data-testid="export-chapters" disabled={acx} value={acx ? 'files' : prefs.chapters} onChange={(e) => set({ chapters: e.target.value as ExportPrefs['chapters'] })}>
                <option value="none">One file</option>
                {prefs.format === 'm4b' && <option value="marks">Chapter marks in the file</option>}
                <option value="files">One file per chapter</option>
              </select>
            </Row>
            <Row label="Subtitles" htmlFor="xd-subs">
              <select id="xd-subs" className="select" data-testid="export-subtitles" value={prefs.subtitles} onChange={(e) => set({ subtitles: e.target.value as ExportPrefs['subtitles'] })}>
                <option value="none">None</option>
                <option value="srt">SRT</option>
                <option value="vtt">WebVTT</option>
              </select>
            </Row>
            <Row label="Stems" htmlFor="xd-stems" hint={prefs.chapters === 'files' || acx ? 'Not with one file per chapter.' : 'Also one file per speaker, aligned to the mix.'}>
              <input id="xd-stems" type="checkbox" data-testid="export-stems" disabled={prefs.chapters === 'files' || acx} checked={prefs.stems && !acx} onChange={(e) => set({ stems: e.target.checked })} />
            </Row>
            {range && (
              <Row label="Range" htmlFor="xd-range">
                <select id="xd-range" className="select" data-testid="export-range" value={useRange ? 'loop' : 'all'} onChange={(e) => setUseRange(e.target.value === 'loop')}>
                  <option value="all">The whole project</option>
                  <option value="loop">The loop, {rangeLabel}</option>
                </select>
              </Row>
            )}
            <Row label="Destination">
              <span className="xd-destination" data-testid="export-destination">
                {desktop ? (acx || prefs.chapters === 'files' ? 'You name a folder next.' : 'You choose where to save next.') : "Your browser's downloads."}
              </span>
            </Row>
          </div>
        )}
        <div className="modal-actions xd-actions">
          <span className="xd-summary muted" data-testid="export-summary">
            {prefs ? summary(prefs) : ''}
          </span>
          <button type="button" className="btn" data-testid="export-dialog-cancel" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" ref={go} data-testid="export-dialog-go" disabled={!prefs}>
            Export
          </button>
        </div>
      </form>
    </div>
  );
}
