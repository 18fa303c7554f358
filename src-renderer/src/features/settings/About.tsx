// Settings → About Koe Studio: the facts a bug report needs (version, face, folders, engines) and the
// credits of the models and data the studio speaks with.
import type { ReactNode } from 'react';
import { selectInfo } from '../../store/selectors';
import { useStudio } from '../../store/studio';

export function About() {
  const info = useStudio(selectInfo);
  if (!info) return null;
  const rows: [string, ReactNode][] = [
    ['Version', info.version],
    ['Running as', info.face === 'electron' ? 'Desktop app' : info.face === 'server' ? 'Local server (browser)' : 'Command line'],
    ['Data folder', <code key="d" className="path">{info.dataDir}</code>],
    ['Models folder', <code key="m" className="path">{info.modelsDir}</code>],
    ['Engines', info.engines.map((e) => `${e.name} (${e.ready ? 'ready' : 'not ready'})`).join(', ')],
  ];
  return (
    <section className="card" aria-labelledby="set-about" data-testid="settings-about">
      <h2 id="set-about" className="card-title">About Koe Studio</h2>
      <dl className="facts">
        {rows.map(([k, v]) => (
          <div key={k} className="fact">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small">
        Free software under the GNU GPL v3 or later. Speech by eSpeak NG and CMU Flite (Carnegie Mellon University); Kokoro-82M by hexgrad (Apache-2.0) with misaki's lexicons
        (Apache-2.0); voice cloning by Pocket TTS by Kyutai Labs, ONNX export by thewh1teagle (CC BY 4.0). Everything runs on this
        computer; nothing is sent anywhere.
      </p>
    </section>
  );
}
