// The Models screen: what can be downloaded (Kokoro variants, voice packs, lexicons), what is on
// disk, and live progress of downloads running in the core. Downloads keep going when the user leaves
// this screen; coming back shows where they are. The recommended variant says why it is recommended.
// Of the eight Kokoro variants only the recommended one and those already on disk (or downloading)
// are listed; the rest, with their notes about precisions and runtimes, wait under "Advanced".
import { useState } from 'react';
import type { ModelAsset } from '../../../../src-main/contract/calls-models';
import { formatBytes } from '../../lib/format';
import { AssetRow } from './AssetRow';
import { ImportCard } from './ImportCard';
import { useModelList } from './useModelList';

const KIND_TITLES: Record<string, string> = {
  'kokoro-model': 'Kokoro-82M model (choose one variant)',
  'kokoro-voices': 'Kokoro voice packs',
  lexicon: 'Pronunciation lexicons (misaki, for English)',
  'pocket-tts': 'Pocket TTS (voice cloning)',
};

export function ModelsView() {
  const { list, progress, loadError, reload } = useModelList();
  const [advanced, setAdvanced] = useState(false);
  // A variant shows without Advanced when it is recommended or already has something on disk.
  const everyday = (a: ModelAsset) => a.kind !== 'kokoro-model' || a.id === list?.recommended.id || a.state !== 'missing' || a.bytesOnDisk > 0 || !!progress[a.id];
  const hidden = list ? list.assets.filter((a) => !everyday(a)).length : 0;

  const kinds = list ? [...new Set(list.assets.map((a) => a.kind))] : [];
  const totalOnDisk = list ? list.assets.reduce((n, a) => n + a.bytesOnDisk, 0) : 0;
  return (
    <div className="models-view">
      <div className="pane-head">
        <h1 className="pane-title">Models</h1>
        <span className="pane-hint">
          Downloaded once, then everything runs offline. {list ? `${formatBytes(totalOnDisk)} in ${list.modelsDir}` : ''}
        </span>
      </div>
      {loadError && (
        <p className="form-error" role="alert">
          Could not list the models: {loadError}
        </p>
      )}
      {list && (
        <section className="card model-recommend" data-testid="model-recommendation">
          <strong>Recommended for this computer: {list.assets.find((a) => a.id === list.recommended.id)?.title ?? list.recommended.id}</strong>
          <p className="muted">
            {list.recommended.reason}
          </p>
        </section>
      )}
      {kinds.map((kind) => (
        <section key={kind} className="model-group">
          <h2 className="model-group-title">{KIND_TITLES[kind] ?? kind}</h2>
          <ul className="model-list">
            {list!.assets
              .filter((a) => a.kind === kind && (advanced || everyday(a)))
              .map((a) => (
                <AssetRow key={a.id} a={a} progress={progress[a.id]} onChanged={() => void reload()} />
              ))}
          </ul>
          {kind === 'kokoro-model' && (hidden > 0 || advanced) && (
            <button type="button" className="btn btn-small btn-ghost" aria-expanded={advanced} data-testid="models-advanced" onClick={() => setAdvanced(!advanced)}>
              {advanced ? 'Show only the recommended variant' : `Advanced: all variants (${hidden} more)`}
            </button>
          )}
        </section>
      ))}
      <ImportCard onImported={() => void reload()} />
    </div>
  );
}
