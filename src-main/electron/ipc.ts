// The Electron IPC table, derived from the contract: one channel for calls, one for events. Every
// call is checked to come from our own window's top frame, then validated by the shared dispatcher.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../contract/bridge';
import { dispatch, type CallContext } from '../contract/dispatch';
import type { Core } from '../core/core';
import { isTrustedUrl } from './security';

export function setupIpc(core: Core): void {
  const contexts = new Map<number, CallContext>();

  const contextFor = (contents: WebContents): CallContext => {
    let ctx = contexts.get(contents.id);
    if (!ctx) {
      const origin = `window-${contents.id}`;
      ctx = {
        origin,
        emit(name, payload) {
          if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, name, payload);
        },
      };
      contexts.set(contents.id, ctx);
      core.attach(ctx);
      contents.once('destroyed', () => {
        contexts.delete(contents.id);
        core.detach(origin);
      });
    }
    return ctx;
  };

  ipcMain.handle(IPC_CALL_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, args: unknown) => {
    const frame = event.senderFrame;
    if (!frame || frame !== event.sender.mainFrame || !isTrustedUrl(frame.url)) {
      return { ok: false, error: { code: 'unsupported', message: 'Calls are only accepted from the Koe Studio window.' } };
    }
    return dispatch(core.handlers, name, args, contextFor(event.sender));
  });
}
