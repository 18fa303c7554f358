// Settings → Export: the choices a project's first export dialog starts from (format, loudness,
// channels, stems, subtitles, bit depth); after that the dialog remembers each project's own.
// Channels also set timeline playback. Each change is saved at once.
import type { Settings } from '../../../../src-main/contract/schemas';
import { updateSettings } from '../../store/library-actions';
import { Field } from './Field';

export function ExportSettings({ settings }: { settings: Settings }) {
  return (
    <section className="card" aria-labelledby="set-export">
      <h2 id="set-export" className="card-title">Export</h2>
      <p className="muted">Where each project's Export dialog starts; it then remembers the project's own choices.</p>
      <Field label="Format" hint="WAV for editing, FLAC lossless and smaller, MP3 or Opus to publish." htmlFor="set-format">
        <select id="set-format" className="select" data-testid="settings-export-format" value={settings.exportFormat} onChange={(e) => void updateSettings({ exportFormat: e.target.value as Settings['exportFormat'] })}>
          <option value="wav">WAV</option>
          <option value="flac">FLAC</option>
          <option value="mp3">MP3</option>
          <option value="opus">Opus</option>
        </select>
      </Field>
      <Field label="Loudness" hint="Normalized per ITU-R BS.1770 with a −1 dBTP true-peak ceiling." htmlFor="set-loudness">
        <select
          id="set-loudness"
          className="select"
          data-testid="settings-export-loudness"
          value={settings.exportLoudness === null ? '' : String(settings.exportLoudness)}
          onChange={(e) => void updateSettings({ exportLoudness: e.target.value === '' ? null : (Number(e.target.value) as -16 | -14 | -23) })}
        >
          <option value="">As rendered</option>
          <option value="-16">−16 LUFS (podcast)</option>
          <option value="-14">−14 LUFS (streaming)</option>
          <option value="-23">−23 LUFS (broadcast)</option>
        </select>
      </Field>
      <Field label="Channels" hint="Stereo places each speaker by their pan (Timeline lanes); playback follows." htmlFor="set-channels">
        <select id="set-channels" className="select" data-testid="settings-export-channels" value={settings.exportChannels} onChange={(e) => void updateSettings({ exportChannels: Number(e.target.value) as 1 | 2 })}>
          <option value="1">Mono</option>
          <option value="2">Stereo (with pan)</option>
        </select>
      </Field>
      <Field label="Stems" hint="Also one file per speaker, aligned to the mix.">
        <input type="checkbox" data-testid="settings-export-stems" checked={settings.exportStems} onChange={(e) => void updateSettings({ exportStems: e.target.checked })} />
      </Field>
      <Field label="Subtitles" hint="Timed from the rendered audio, with speaker names." htmlFor="set-subs">
        <select id="set-subs" className="select" data-testid="settings-export-subtitles" value={settings.exportSubtitles} onChange={(e) => void updateSettings({ exportSubtitles: e.target.value as Settings['exportSubtitles'] })}>
          <option value="none">None</option>
          <option value="srt">SRT</option>
          <option value="vtt">WebVTT</option>
        </select>
      </Field>
      <Field label="Bit depth (WAV, FLAC)" hint="24-bit keeps more headroom for editing; 16-bit is smaller and plays everywhere.">
        <div className="segmented" role="radiogroup" aria-label="WAV bit depth">
          {([16, 24] as const).map((b) => (
            <label key={b} className={`segment${settings.exportBitDepth === b ? ' is-on' : ''}`}>
              <input
                type="radio"
                name="bit-depth"
                value={b}
                checked={settings.exportBitDepth === b}
                data-testid={`settings-bit-depth-${b}`}
                onChange={() => void updateSettings({ exportBitDepth: b })}
              />
              {b}-bit
            </label>
          ))}
        </div>
      </Field>
    </section>
  );
}
