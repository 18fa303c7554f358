// The preload bridge: exposes the contract's two verbs (call, subscribe) to the sandboxed renderer
// over ipcRenderer. The renderer never sees ipcRenderer itself, and only contract names pass.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type KoeBridge } from '../src-main/contract/bridge';
import { CALL_NAMES, EVENT_NAMES, type EventName } from '../src-main/contract/calls';
import type { Reply } from '../src-main/contract/dispatch';

const callNames = new Set<string>(CALL_NAMES);
const eventNames = new Set<string>(EVENT_NAMES);

const bridge: KoeBridge = {
  call(name: string, args: unknown): Promise<Reply> {
    if (!callNames.has(name)) return Promise.resolve({ ok: false, error: { code: 'unknown_call', message: `There is no call named "${name}".` } });
    return ipcRenderer.invoke(IPC_CALL_CHANNEL, name, args) as Promise<Reply>;
  },
  subscribe(listener) {
    const handler = (_e: IpcRendererEvent, name: string, payload: Record<string, unknown>) => {
      if (eventNames.has(name)) listener(name as EventName, payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('koeBridge', bridge);
