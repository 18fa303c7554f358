// Opening, editing and saving projects. The editor writes the script into the store on every key;
// the Autosaver decides when `projects.save` goes out. A newer revision from another window either
// reloads quietly (nothing unsaved here) or raises the conflict banner (unsaved text here); it never
// replaces text the user typed.
import type { Project, Speaker, SpeakerInput } from '../../../src-main/contract/schemas';
import { call } from '../client';
import { Autosaver } from '../project/autosave';
import { clearDraft, decideDraft, readDraft, settleDraft, writeDraft } from '../project/drafts';
import { OFF_THREAD_CHARS, parseOffThread } from '../project/parse-off-thread';
import { scriptEditBetween, type ScriptEdit } from '../../../src-main/script/script-edit';
import { cached, parsed } from '../project/script-model';
import type { Snapshot } from '../project/snapshot';
import { assignColor, buildRoster, rosterToSave, SPEAKER_COLORS, assignVoice } from '../project/speakers';
import type { StudioData } from './slices';
import { flushEditorText } from './editor-bridge';
import { stopPlayback } from './playback-actions';
import { getStudio, setStudio } from './studio';
import { reportError, showNotice } from './ui-actions';

const LAST_PROJECT_KEY = 'koe.lastProject';

export const SAMPLE_SCRIPT = `# Lines start with a speaker's name. Give each speaker a voice on the right.
Ana: Did you hear that?
Ben: (whispering) Hear what? [pause 600ms] There's nothing there.
Ana: Then why is the light on in the studio?

Nobody answered. Somewhere down the hall, a tape machine started to roll.
`;

let autosaver: Autosaver | null = null;

export function snapshotOf(s: Pick<StudioData, 'projectName' | 'script' | 'speakers' | 'notSpeakers'>): Snapshot {
  const names = parsed(s.script, s.notSpeakers).speakers;
  return { name: s.projectName, script: s.script, speakers: rosterToSave(buildRoster(names, s.speakers)), notSpeakers: s.notSpeakers };
}

function toSpeakers(inputs: readonly SpeakerInput[]): Speaker[] {
  return inputs.map((s, i) => ({
    name: s.name,
    voiceId: s.voiceId,
    color: s.color ?? SPEAKER_COLORS[i % SPEAKER_COLORS.length]!,
    gain: s.gain ?? 0,
    pan: s.pan ?? 0,
  }));
}

function rememberLast(id: string | null): void {
  try {
    if (id) localStorage.setItem(LAST_PROJECT_KEY, id);
    else localStorage.removeItem(LAST_PROJECT_KEY);
  } catch {
    // Only a convenience: without storage the most recent project opens instead.
  }
}

function lastOpened(): string | null {
  try {
    return localStorage.getItem(LAST_PROJECT_KEY);
  } catch {
    return null;
  }
}

/** Start-up: open the project last used here, else the most recent, else a new one with a sample. */
export async function openInitialProject(): Promise<void> {
  const projects = await call('projects.list', {});
  setStudio({ projects });
  const last = lastOpened();
  const pick = projects.find((p) => p.id === last) ?? projects[0];
  if (pick) await openProject(pick.id);
  else await createProject('My first script', SAMPLE_SCRIPT);
}

export async function refreshProjects(): Promise<void> {
  try {
    setStudio({ projects: await call('projects.list', {}) });
  } catch (e) {
    reportError('project', 'Projects', e);
  }
}

export async function openProject(id: string): Promise<void> {
  if (getStudio().projectId === id && autosaver) return;
  await flushSave();
  setStudio({ loadingProject: true });
  try {
    adopt(await call('projects.get', { id }));
  } catch (e) {
    reportError('project', 'Open project', e);
  } finally {
    setStudio({ loadingProject: false });
  }
}

export async function createProject(name: string, script = ''): Promise<void> {
  await flushSave();
  try {
    const project = await call('projects.create', { name, script });
    adopt(project);
    await refreshProjects();
  } catch (e) {
    reportError('project', 'New project', e);
  }
}

export async function deleteProject(id: string): Promise<void> {
  try {
    await call('projects.delete', { id });
    clearDraft(id);
    if (getStudio().projectId === id) {
      autosaver?.dispose();
      autosaver = null;
      setStudio({ projectId: null, script: '', speakers: [], notSpeakers: [], projectName: '' });
      rememberLast(null);
    }
    await refreshProjects();
    if (!getStudio().projectId) {
      const next = getStudio().projects[0];
      if (next) await openProject(next.id);
      else await createProject('Untitled', '');
    }
  } catch (e) {
    reportError('project', 'Delete project', e);
  }
}

/**
 * A long script goes as one splice on the text the core holds: a key typed in a megabyte script
 * then costs a few bytes on the wire instead of a megabyte to serialize and send.
 */
function scriptPart(script: string, saved: string): { script: string } | { scriptEdit: ScriptEdit } {
  if (script.length < OFF_THREAD_CHARS || saved.length < OFF_THREAD_CHARS) return { script };
  const edit = scriptEditBetween(saved, script);
  return edit.insert.length > script.length / 2 ? { script } : { scriptEdit: edit };
}

/** Makes a project from the core the open one, restoring or offering any unsaved draft of it. */
function adopt(project: Project): void {
  autosaver?.dispose();
  // Line numbers of the old text mean nothing in the new one.
  if (getStudio().projectId !== project.id) stopPlayback();
  const base = { projectName: project.name, script: project.script, speakers: project.speakers, notSpeakers: project.notSpeakers };
  setStudio({
    projectId: project.id,
    ...base,
    save: { kind: 'saved', revision: project.revision },
    caret: { line: 0, column: 0 },
    draftOffer: null,
  });
  rememberLast(project.id);
  // The baseline is the normalized form of what the core holds, so merely opening saves nothing.
  // Building it parses the script: a book's parse goes to the worker, side by side with the first
  // render, and the baseline is built from it when it answers (or when first needed, if sooner).
  let saved: Snapshot | null = null;
  const baseline = (): Snapshot => (saved ??= snapshotOf(base));
  if (base.script.length >= OFF_THREAD_CHARS && !cached(base.script, base.notSpeakers)) {
    void parseOffThread(base.script, base.notSpeakers).then((r) => r && baseline());
  } else baseline();
  const id = project.id;
  autosaver = new Autosaver(project.revision, baseline, {
    read: () => {
      flushEditorText();
      return snapshotOf(getStudio());
    },
    prepare: async () => {
      flushEditorText();
      const st = getStudio();
      if (st.script.length >= OFF_THREAD_CHARS) await parseOffThread(st.script, st.notSpeakers);
    },
    save: (revision, s, saved) =>
      call('projects.save', { id, revision, name: s.name, ...scriptPart(s.script, saved.script), speakers: s.speakers, notSpeakers: s.notSpeakers ?? [] }),
    writeDraft: (s, rev) => {
      if (!writeDraft(id, s, rev)) console.warn('[koe] could not keep a local draft (storage full or off)');
    },
    settleDraft: (s, revision) => settleDraft(id, s, revision),
    onState: (save) => {
      if (getStudio().projectId === id) setStudio({ save });
    },
    onSaved: (_revision, s) => onSaved(id, s),
  });

  const draft = readDraft(id);
  const decision = draft ? decideDraft({ ...baseline(), revision: project.revision }, draft) : ({ kind: 'none' } as const);
  if (decision.kind === 'restore') {
    setStudio({ projectName: decision.snapshot.name, script: decision.snapshot.script, speakers: toSpeakers(decision.snapshot.speakers), notSpeakers: decision.snapshot.notSpeakers ?? project.notSpeakers });
    autosaver.edit();
    showNotice('Restored text you had not saved yet.');
  } else if (decision.kind === 'offer') {
    setStudio({ draftOffer: decision.draft });
  } else {
    // Compacts on open: a draft with nothing to recover goes, and the next edit starts a fresh one.
    clearDraft(id);
  }
}

function onSaved(id: string, s: Snapshot): void {
  const st = getStudio();
  if (st.projectId !== id) return;
  // Names first seen in this save now have a stored colour; keep any voice chosen since.
  const known = new Set(st.speakers.map((x) => x.name));
  const added = toSpeakers(s.speakers).filter((x) => !known.has(x.name));
  setStudio({
    speakers: added.length ? [...st.speakers, ...added] : st.speakers,
    projects: st.projects.map((p) =>
      p.id === id ? { ...p, name: s.name, updatedAt: new Date().toISOString(), lineCount: parsed(s.script, s.notSpeakers).lines.length } : p,
    ),
  });
}

export function setScript(script: string): void {
  if (getStudio().script === script) return;
  setStudio({ script });
  autosaver?.edit();
}

export function renameProject(name: string): void {
  const trimmed = name.trim();
  if (!trimmed || trimmed === getStudio().projectName) return;
  setStudio({ projectName: trimmed.slice(0, 200) });
  autosaver?.edit();
}

export function setSpeakerVoice(name: string, voiceId: string | null): void {
  const st = getStudio();
  const roster = buildRoster(parsed(st.script, st.notSpeakers).speakers, st.speakers);
  setStudio({ speakers: assignVoice(st.speakers, roster, name, voiceId) });
  autosaver?.edit();
  void autosaver?.flush();
}

export function setSpeakerColor(name: string, color: string): void {
  if (!/^#[0-9a-fA-F]{6}$/.test(color)) return;
  const st = getStudio();
  const roster = buildRoster(parsed(st.script, st.notSpeakers).speakers, st.speakers);
  setStudio({ speakers: assignColor(st.speakers, roster, name, color.toLowerCase()) });
  autosaver?.edit();
}

/** Marks a name as "not a speaker" (or, with `not` false, a speaker again); saved with the project. */
export function setNotSpeaker(name: string, not: boolean): void {
  const st = getStudio();
  const key = name.trim().toLocaleLowerCase();
  const rest = st.notSpeakers.filter((n) => n.toLocaleLowerCase() !== key);
  const next = not ? [...rest, name.trim()] : rest;
  if (next.length === st.notSpeakers.length && next.every((n, i) => n === st.notSpeakers[i])) return;
  setStudio({ notSpeakers: next });
  autosaver?.edit();
  void autosaver?.flush();
}

export function setCaret(line: number, column: number): void {
  const c = getStudio().caret;
  if (c.line !== line || c.column !== column) setStudio({ caret: { line, column } });
}

/** Saves whatever is unsaved now; resolves when saved or when saving cannot proceed. */
export async function flushSave(): Promise<void> {
  flushEditorText();
  await autosaver?.flush();
}

export function flushForUnload(): void {
  flushEditorText();
  autosaver?.flushForUnload();
}

export function connectionRestored(): void {
  autosaver?.reconnected();
}

/** Another window saved this project. */
export async function projectSavedElsewhere(id: string, revision: number): Promise<void> {
  const st = getStudio();
  if (st.projectId !== id) {
    // Another project's name or size changed: keep the switcher current.
    if (st.projects.some((p) => p.id === id)) void refreshProjects();
    return;
  }
  if (!autosaver || revision <= autosaver.baseRevision) return;
  if (autosaver.isDirty() || st.save.kind === 'saving') {
    autosaver.markConflict();
    return;
  }
  // Nothing unsaved here: follow the other window quietly.
  try {
    const project = await call('projects.get', { id });
    if (getStudio().projectId === id && !autosaver.isDirty()) adopt(project);
  } catch (e) {
    reportError('project', 'Reload project', e);
  }
}

/**
 * Conflict banner → Reload: show the other window's text. Ours is written as a draft on the old
 * revision first, so adopting the new revision turns it into the "unsaved text" offer banner.
 */
export async function reloadAfterConflict(): Promise<void> {
  const id = getStudio().projectId;
  if (!id || !autosaver) return;
  const mine = snapshotOf(getStudio());
  const base = autosaver.baseRevision;
  try {
    const project = await call('projects.get', { id });
    writeDraft(id, mine, Math.min(base, project.revision - 1));
    adopt(project);
  } catch (e) {
    reportError('project', 'Reload project', e);
  }
}

export function acceptDraftOffer(): void {
  const d = getStudio().draftOffer;
  if (!d) return;
  setStudio({ draftOffer: null, projectName: d.name || getStudio().projectName, script: d.script, speakers: toSpeakers(d.speakers), notSpeakers: d.notSpeakers ?? getStudio().notSpeakers });
  autosaver?.edit();
}

export function discardDraftOffer(): void {
  const id = getStudio().projectId;
  if (id) clearDraft(id);
  setStudio({ draftOffer: null });
}
