// Entry point: picks the carrier (the desktop bridge, or the WebSocket with the page's token),
// wires it into the store, and renders. Without a bridge or a token there is no way to reach the
// core, so the page explains how to open it properly instead of showing a broken studio.
import './lib/zod-setup'; // first: before any contract schema is built
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { bridgeTransport } from './client/bridge-transport';
import { rpcUrl, takeToken } from './client/token';
import type { Transport } from './client/transport';
import { WsTransport } from './client/ws-transport';
import { MissingToken } from './features/shell/MissingToken';
import { start, wireTransport } from './store/boot';
import './styles/tokens.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/transport.css';
import './styles/feedback.css';
import './styles/editor.css';
import './styles/script.css';
import './styles/voices.css';
import './styles/settings.css';

function pickTransport(): Transport | null {
  if (window.koeBridge) return bridgeTransport(window.koeBridge);
  const token = takeToken();
  return token ? new WsTransport({ url: rpcUrl(token) }) : null;
}

const root = createRoot(document.getElementById('root')!);
const transport = pickTransport();
if (!transport) {
  root.render(<MissingToken />);
} else {
  wireTransport(transport);
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  void start();
}
