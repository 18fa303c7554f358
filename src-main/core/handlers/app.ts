// The app itself: what it is and where its data lives, and the native dialogs a face may lend.
import type { Handlers } from '../../contract/dispatch';
import type { Services } from '../services';

export function createAppHandlers(s: Pick<Services, 'info' | 'face'>): Pick<Handlers, 'app.info' | 'dialog.saveFile' | 'dialog.openFile'> {
  return {
    'app.info': async () => s.info(),
    'dialog.saveFile': async (args) => {
      if (!s.face.saveDialog) return { supported: false, path: null };
      return { supported: true, path: await s.face.saveDialog(args.defaultName, args.extensions, args.label) };
    },
    'dialog.openFile': async (args) => {
      if (!s.face.openDialog) return { supported: false, path: null };
      return { supported: true, path: await s.face.openDialog(args.title, args.extensions, args.label) };
    },
  };
}
