// Entry point: picks the carrier (the desktop bridge, or the WebSocket with the page's token),
// wires it into the store, and renders. Without a bridge or a token there is no way to reach the
// core, so the page explains how to open it properly instead of showing a broken studio.
import '../lib/zod-setup'; // first: before any contract schema is built
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { bridgeTransport } from '../client/bridge-transport';
import { forgetToken, rpcUrl, takeToken, tokenAccepted } from '../client/token';
import type { Transport } from '../client/transport';
import { WsTransport } from '../client/ws-transport';
import { MissingToken } from '../features/shell';
import { start, wireTransport } from '../store/boot';
// The timeline's transport and editing sheets come first: where one of their rules ties with a rule
// in a later sheet, the later sheet wins, and the screens are drawn for that order.
import '../styles/timeline-transport.css';
import '../styles/timeline-edit.css';
import '../styles/tokens.css';
import '../styles/base.css';
import '../styles/shell.css';
import '../styles/transport.css';
import '../styles/export.css';
import '../styles/files.css';
import '../styles/feedback.css';
import '../styles/editor.css';
import '../styles/script.css';
import '../styles/timeline.css';
import '../styles/meters.css';
import '../styles/voices.css';
import '../styles/clone.css';
import '../styles/settings.css';
import '../styles/pronunciations.css';
import '../styles/models.css';

async function pickTransport(): Promise<Transport | 'missing' | 'stale'> {
  if (window.koeBridge) return bridgeTransport(window.koeBridge);
  const token = takeToken();
  if (!token) return 'missing';
  if (!(await tokenAccepted(token))) {
    forgetToken();
    return 'stale';
  }
  return new WsTransport({ url: rpcUrl(token) });
}

const root = createRoot(document.getElementById('root')!);
const transport = await pickTransport();
if (typeof transport === 'string') {
  root.render(<MissingToken stale={transport === 'stale'} />);
} else {
  wireTransport(transport);
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  void start();
}
