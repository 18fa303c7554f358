// The cloned-voices list's state: clone.list, reloaded whenever the library's voices change (so
// edits made anywhere show here), and one runner for every management verb, which keeps the list
// busy while a verb runs and turns its outcome into the status line.
import { useEffect, useState } from 'react';
import type { CloneInfo } from '../../../../src-main/contract/calls-clone';
import { errorMessage } from '../../client';
import { selectVoices } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { importVoiceFile, listClones } from './clone-actions';
import { isVoiceFile } from './import-file';

export type ListStatus = { kind: 'ok' | 'bad'; text: string } | null;
/** Runs one verb; the text it returns (if any) becomes the status line, a throw becomes the error. */
export type RunVerb = (what: () => Promise<string | null>) => Promise<void>;

/** `reloadKey`: bumped by the screen when something it did changed a clone (a style added). */
export function useCloneList(reloadKey = 0) {
  const voices = useStudio(selectVoices);
  const [clones, setClones] = useState<CloneInfo[] | null>(null);
  const [status, setStatus] = useState<ListStatus>(null);
  const [busy, setBusy] = useState(false);
  // Style edits change no library voice, so the list reloads after every verb as well.
  const [ran, setRan] = useState(0);

  useEffect(() => {
    let live = true;
    listClones().then(
      (list) => live && setClones(list),
      (e: unknown) => live && setStatus({ kind: 'bad', text: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [voices, ran, reloadKey]);

  const run: RunVerb = async (what) => {
    setBusy(true);
    setStatus(null);
    try {
      const text = await what();
      if (text) setStatus({ kind: 'ok', text });
    } catch (e) {
      setStatus({ kind: 'bad', text: errorMessage(e) });
    } finally {
      setBusy(false);
      setRan((n) => n + 1);
    }
  };

  const importFile = (file: File) =>
    void run(async () => {
      if (!isVoiceFile(file.name)) throw new Error(`${file.name} is not a Koe voice file (.koevoice). To clone from a recording, use Record or Import a recording.`);
      const r = await importVoiceFile(file);
      return `Imported “${r.name}”${r.reencoded ? ', re-encoded for the model on this machine' : ''}.`;
    });

  return { clones, status, busy, run, importFile };
}
