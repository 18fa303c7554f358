// The dialogue timeline of a project: the script's lines (owned by projects-repo, synced from the
// script on save) placed as clips, with takes, track mix, markers and an undo history. Reading the
// timeline reconciles it with the script first — new lines get clips, the layout reflows (keeping
// manual clips, rippling the rest) — so the script view and the timeline can never disagree.
//
// Text edits stay with the script editor: they arrive through projects.save with its own revision
// and its own undo. A line edited in place keeps its id (see lines-sync), so its clip settings,
// takes and history steps stay; its takes go stale by isStale. Only lines the script dropped lose
// their clip, takes and history steps, which cascade away rather than failing at undo. Timeline
// edits have a separate revision so that dragging a clip does not make the open script editor's
// next autosave look like a conflict.
import { parseScript, type Chapter } from '../script/parse';
import { directionEffectsText, type DirectionOverrides } from '../script/directions';
import { chooseStyle } from '../script/style-choice';
import type { VoiceStyles } from '../library/clone-styles-repo';
import { chapterSpans } from './chapters';
import { applyLexicon } from '../speech/lexicon';
import type { LexiconEntry } from '../text/lexicon-entry';
import { createHash } from 'node:crypto';
import type { TakeInfo, TimelineOp, TimelineStep, TimelineView, RenderState } from '../contract/calls-timeline';
import { KoeError } from '../contract/errors';
import { SAMPLE_RATE } from '../contract/schemas';
import type { Library } from '../library/db';
import type { StoredLine } from '../library/projects-repo';
import { TimelineRepo, type ClipRow, type TakeRow } from '../library/timeline-repo';
import { DEFAULT_LAYOUT, estimateSamples, layoutStarts, tracksOf } from './layout';
import { clipsForMix, type ClipsForMix } from './mix-clips';
import { applyOp, forwardOf } from './ops';
import { ContextChain } from './context-lines';

export interface TimelineServiceDeps {
  library: Library;
  /** The render queue's state of a line, shown on its clip; `work` is the line as it is now. */
  renderState?(projectId: string, lineId: number, work: LineWork): { state: RenderState; error: string | null; warnings?: string[] } | null;
  /** Called after anything a timeline view shows has changed. */
  onChanged?(projectId: string, revision: number): void;
  /** Whether a voice's engine can continue from the previous line; none can when absent. */
  continuesFrom?(voiceId: string): boolean;
}

/** What the render queue needs to render a line. */
export interface LineWork {
  lineId: number;
  speaker: string;
  text: string;
  /** null: neither the speaker nor Settings name a voice. */
  voiceId: string | null;
  /** `lex`: a digest of the user pronunciations that touch this line (absent when none do). */
  /** `direction`: the line's known directions joined by "+" (absent when none). */
  /** `directionEffects`: the speaker's own effects for those directions (absent when the defaults apply). */
  /** `context`: what the line continues from and a digest of that audio (context-lines.ts; absent when nothing). */
  /** `style`: the cloned voice's style that speaks it (its own pick, or the one a direction chose); absent for the default. */
  params: { speed: number; pitch: number; lex?: string; direction?: string; directionEffects?: string; context?: string; style?: string };
  status: 'missing' | 'stale' | 'ready';
  /** The line it continues from when the project says so (context-lines.ts). */
  contextLineId?: number;
}

/** An edit, undo or redo: the timeline's new revision and the history step it made or moved. */
export interface EditResult {
  revision: number;
  step: TimelineStep;
}

interface Snapshot {
  revision: number;
  lines: StoredLine[];
  work: LineWork[];
  clips: Map<number, ClipRow>;
  selected: Map<number, TakeRow>;
  takeCount: Map<number, number>;
}

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What the script says about a line beyond its words: its directions, turn and whether it opens a topic. */
interface LineScriptMeta {
  direction?: string;
  turn?: 'cut' | 'over';
  topic?: true;
}

export function isStale(take: Pick<TakeRow, 'textHash' | 'voiceId' | 'params'>, line: Pick<LineWork, 'text' | 'voiceId' | 'params'>): boolean {
  const lexOf = (p: { lex?: string }) => p.lex ?? '';
  return (
    take.textHash !== textHash(line.text) ||
    take.voiceId !== line.voiceId ||
    take.params.speed !== line.params.speed ||
    take.params.pitch !== line.params.pitch ||
    // A pronunciation added, changed or removed for a word of this line makes its take say it the old way.
    lexOf(take.params as { lex?: string }) !== lexOf(line.params) ||
    // A direction added, changed or removed changes the delivery.
    (take.params.direction ?? '') !== (line.params.direction ?? '') ||
    // So does the speaker's own meaning of one of its directions.
    (take.params.directionEffects ?? '') !== (line.params.directionEffects ?? '') ||
    // And the audio it continues from (or whether it continues at all).
    ((take.params as { context?: string }).context ?? '') !== (line.params.context ?? '') ||
    // And the style of a cloned voice it is spoken in.
    (take.params.style ?? '') !== (line.params.style ?? '')
  );
}

function playedSamples(take: TakeRow | undefined, clip: ClipRow | undefined, work: LineWork): number {
  if (!take) return estimateSamples(work.text, work.params.speed);
  return Math.max(0, take.samples - (clip?.trimStart ?? 0) - (clip?.trimEnd ?? 0));
}

export class TimelineService {
  readonly repo: TimelineRepo;

  constructor(private readonly deps: TimelineServiceDeps) {
    this.repo = new TimelineRepo(deps.library.db);
  }

  view(projectId: string): TimelineView {
    return this.viewOf(projectId, this.sync(projectId), true);
  }

  /**
   * The view an export reads: one reconcile with the script, and the chapters only when the export
   * has them. A book's view is rebuilt from 10,000 lines, and parsing its script for chapters is tens
   * of MB of garbage that would set the export's peak memory.
   */
  exportView(projectId: string, withChapters: boolean): TimelineView {
    return this.viewOf(projectId, this.sync(projectId), withChapters);
  }

  private viewOf(projectId: string, snap: Snapshot, withChapters: boolean): TimelineView {
    const state = this.repo.state(projectId)!;
    const project = this.deps.library.projects.getProject(projectId);
    const flags = this.repo.tracks(projectId);
    const cast = new Map(project.speakers.map((s) => [s.name, s] as const));
    const clips = snap.work.map((w, i) => {
      const clip = snap.clips.get(w.lineId)!;
      const take = snap.selected.get(w.lineId);
      return {
        lineId: w.lineId,
        position: snap.lines[i]!.position,
        speaker: w.speaker,
        text: w.text,
        startSample: clip.startSample,
        samples: playedSamples(take, clip, w),
        estimated: !take,
        manual: clip.manual,
        gainDb: clip.gainDb,
        fadeInSamples: clip.fadeIn,
        fadeOutSamples: clip.fadeOut,
        trimStartSamples: clip.trimStart,
        trimEndSamples: clip.trimEnd,
        speed: snap.lines[i]!.speed,
        pauseAfterMs: snap.lines[i]!.pauseAfterMs,
        take: take ? this.takeInfo(take, w) : null,
        takeCount: snap.takeCount.get(w.lineId) ?? 0,
        ...(w.params.direction ? { direction: w.params.direction } : {}),
        style: snap.lines[i]!.style,
        styleSpoken: w.params.style ?? null,
        status: w.status,
        render: this.deps.renderState?.(projectId, w.lineId, w) ?? null,
      };
    });
    const markers = this.repo.markers(projectId);
    return {
      projectId,
      revision: snap.revision,
      sampleRate: SAMPLE_RATE,
      options: {
        baseGapMs: state.baseGapMs,
        quickGapMs: state.quickGapMs,
        continueGapMs: state.continueGapMs,
        ripple: state.ripple,
        cutInMs: state.cutInMs,
        overPercent: state.overPercent,
        questionGapMs: state.questionGapMs,
        topicGapMs: state.topicGapMs,
        contextMode: this.repo.contextMode(projectId),
      },
      master: this.repo.master(projectId),
      tracks: tracksOf(snap.work).map((name) => {
        const s = cast.get(name);
        return { speaker: name, voiceId: s?.voiceId ?? null, color: s?.color ?? '#888888', gainDb: s?.gain ?? 0, pan: s?.pan ?? 0, mute: flags.get(name)?.mute ?? false, solo: flags.get(name)?.solo ?? false };
      }),
      clips,
      markers,
      chapters: withChapters ? chapterSpans(this.chaptersOf(project.script, project.notSpeakers), clips, markers, SAMPLE_RATE) : [],
      canUndo: this.repo.historyStep(projectId, 'undo') !== null,
      canRedo: this.repo.historyStep(projectId, 'redo') !== null,
    };
  }

  // The view is read after every edit and render; a megabyte script is parsed again only when it changed.
  private chapterCache: { script: string; rules: string; chapters: Chapter[] } | null = null;

  private chaptersOf(script: string, notSpeakers: readonly string[]): Chapter[] {
    const rules = JSON.stringify(notSpeakers);
    const hit = this.chapterCache;
    if (hit && hit.script === script && hit.rules === rules) return hit.chapters;
    const chapters = parseScript(script, { notSpeakers }).chapters;
    this.chapterCache = { script, rules, chapters };
    return chapters;
  }

  takes(projectId: string, lineId: number): TakeInfo[] {
    const work = this.sync(projectId).work.find((w) => w.lineId === lineId);
    if (!work) throw new KoeError('not_found', `Line ${lineId} is not in this project; it may have been removed from the script.`);
    return this.repo.takesOf(lineId).map((t) => this.takeInfo(t, work));
  }

  /** Lines with what rendering them takes, in script order. */
  work(projectId: string): LineWork[] {
    return this.sync(projectId).work;
  }

  /** One line's work as it is now, cheaply: a render worker asks just before it starts. */
  lineWork(projectId: string, lineId: number): LineWork | null {
    // What a line continues from depends on every line before it (context-lines.ts): read them all.
    if (this.repo.contextMode(projectId) !== 'off') return this.work(projectId).find((w) => w.lineId === lineId) ?? null;
    const l = this.repo.lineWithVoice(projectId, lineId);
    if (!l) return null;
    const settings = this.deps.library.settings.getSettings();
    const voiceId = l.voiceId ?? settings.defaultVoiceId;
    const meta = this.scriptMeta(projectId, l.projectRevision)[l.position];
    const w: LineWork = { lineId, speaker: l.speaker, text: l.text, voiceId, params: this.params(projectId, voiceId, l.text, l.speed ?? settings.speed, new Map(), meta?.direction, meta?.direction ? this.deps.library.speakerDirections.bySpeaker(projectId).get(l.speaker) : undefined, l.style, new Map()), status: 'missing' };
    const take = this.repo.takesOf(lineId).find((t) => t.selected);
    if (take) w.status = isStale(take, w) ? 'stale' : 'ready';
    return w;
  }

  edit(projectId: string, revision: number, op: TimelineOp): EditResult {
    this.sync(projectId);
    const result = this.deps.library.db.transaction((): EditResult => {
      const rev = this.repo.bumpRevision(projectId, revision);
      const applied = applyOp(this.repo, projectId, op);
      const forward = forwardOf(op, applied);
      return { revision: rev, step: { id: this.repo.pushHistory(projectId, applied.lineId, forward, applied.inverse), op: forward } };
    }).immediate();
    this.deps.onChanged?.(projectId, result.revision);
    return result;
  }

  undo(projectId: string, revision: number): EditResult {
    return this.step(projectId, revision, 'undo');
  }

  redo(projectId: string, revision: number): EditResult {
    return this.step(projectId, revision, 'redo');
  }

  /** The selected take's audio of the line `w` continues from; null when it has none. */
  contextAudio(w: Pick<LineWork, 'contextLineId'>): Float32Array | null {
    if (w.contextLineId === undefined) return null;
    const take = this.repo.takesOf(w.contextLineId).find((t) => t.selected);
    return take ? this.repo.takePcm(take.id) : null;
  }

  /** What an undo and a redo would take now, cheaply: no reconcile, no view. */
  history(projectId: string): { revision: number; undo: TimelineStep | null; redo: TimelineStep | null } {
    const stepOf = (which: 'undo' | 'redo') => {
      const s = this.repo.historyStep(projectId, which);
      return s ? { id: s.id, op: s.forward } : null;
    };
    return { revision: this.repo.state(projectId)?.revision ?? 0, undo: stepOf('undo'), redo: stepOf('redo') };
  }

  /**
   * Stores a finished render as the line's selected take. Returns null, storing nothing, when the
   * line changed or went away while it rendered: that audio says words the script no longer has.
   */
  addTake(projectId: string, lineId: number, take: { engine: string; voiceId: string; params: LineWork['params']; text: string; pcm: Float32Array }): number | null {
    const id = this.deps.library.db.transaction(() => {
      const line = this.deps.library.projects.listLines(projectId).find((l) => l.id === lineId);
      if (!line || line.text !== take.text) return null;
      const audioKey = createHash('sha256').update(new Uint8Array(take.pcm.buffer, take.pcm.byteOffset, take.pcm.byteLength)).digest('hex');
      return this.repo.addTake({ lineId, engine: take.engine, voiceId: take.voiceId, params: take.params, textHash: textHash(take.text), audioKey, pcm: take.pcm });
    }).immediate();
    if (id !== null) this.deps.onChanged?.(projectId, this.repo.state(projectId)?.revision ?? 0);
    return id;
  }

  /**
   * The timeline as the exporter takes it: selected takes on their speakers' tracks. Lines without
   * a take are listed in `missing` so the caller can render them first or say which are silent.
   */
  exportTimeline(projectId: string, view: TimelineView = this.exportView(projectId, false)): ClipsForMix {
    // Takes are read when the export's pass reaches them, never all at once: a book is gigabytes.
    return clipsForMix(view, (take) => {
      const samples = this.repo.takeSamples(take.id);
      if (samples === null) return null;
      return { length: samples, load: () => this.repo.takePcm(take.id) ?? new Float32Array(0) };
    });
  }

  private step(projectId: string, revision: number, which: 'undo' | 'redo'): EditResult {
    this.sync(projectId);
    const db = this.deps.library.db;
    let dropped: number | null = null;
    try {
      const result = db.transaction((): EditResult => {
        const rev = this.repo.bumpRevision(projectId, revision);
        const step = this.repo.historyStep(projectId, which);
        if (!step) throw new KoeError('not_found', which === 'undo' ? 'There is nothing to undo.' : 'There is nothing to redo.');
        try {
          applyOp(this.repo, projectId, which === 'undo' ? step.inverse : step.forward);
        } catch (e) {
          if (e instanceof KoeError && e.code === 'not_found') dropped = step.id;
          throw e;
        }
        this.repo.markHistory(step.id, which === 'undo');
        return { revision: rev, step: { id: step.id, op: step.forward } };
      }).immediate();
      this.deps.onChanged?.(projectId, result.revision);
      return result;
    } catch (e) {
      if (dropped === null) throw e;
      // A step whose target is gone (a take removed with its line) would block every undo behind it.
      db.prepare('DELETE FROM timeline_history WHERE id = ?').run(dropped);
      throw new KoeError('conflict', `That step can no longer be ${which === 'undo' ? 'undone' : 'redone'} (${(e as Error).message}) It was removed from the history; try again.`);
    }
  }

  private takeInfo(t: TakeRow, w: LineWork): TakeInfo {
    return { id: t.id, engine: t.engine, voiceId: t.voiceId, params: t.params, samples: t.samples, createdAt: t.createdAt, selected: t.selected, stale: isStale(t, w) };
  }

  /** Brings clips in line with the script and the layout rules; one write transaction. */
  /** Render parameters of a line, with the digest of the pronunciations that apply to its words. */
  private params(projectId: string, voiceId: string | null, text: string, speed: number, dictionaries: Map<string, LexiconEntry[][]>, direction: string | undefined, own: DirectionOverrides | undefined, pick: string | null, styles: Map<string, VoiceStyles | null>): LineWork['params'] {
    const effects = direction && own ? directionEffectsText(direction.split('+'), own) : undefined;
    const style = voiceId ? this.styleOf(voiceId, styles, pick, direction, own) : undefined;
    const base: LineWork['params'] = { ...(direction ? { speed, pitch: 50, direction, ...(effects ? { directionEffects: effects } : {}) } : { speed, pitch: 50 }), ...(style ? { style } : {}) };
    const language = voiceId ? this.deps.library.voices.getVoice(voiceId)?.language : undefined;
    if (!language) return base;
    let dicts = dictionaries.get(language);
    if (!dicts) dictionaries.set(language, (dicts = this.deps.library.pronunciations.forSpeech(projectId, language)));
    if (dicts.length === 0) return base;
    const applied = applyLexicon(text, dicts);
    if (applied.text === text && applied.lexicon.length === 0) return base;
    const lex = createHash('sha256').update(JSON.stringify([applied.text, applied.lexicon])).digest('hex').slice(0, 16);
    return { ...base, lex };
  }

  /**
   * The style a cloned voice speaks a line in, so that adding, renaming or deleting a style makes the
   * takes it changes stale. A pick the voice lacks is kept (the render then says so); a pick on a
   * voice that is not a clone is ignored, as after the speaker's voice was changed.
   */
  private styleOf(voiceId: string, styles: Map<string, VoiceStyles | null>, pick: string | null, direction: string | undefined, own: DirectionOverrides | undefined): string | undefined {
    let vs = styles.get(voiceId);
    if (vs === undefined) styles.set(voiceId, (vs = this.deps.library.cloneStyles.forSpeech(voiceId)));
    if (!vs) return undefined;
    const choice = chooseStyle([vs.defaultName, ...vs.styles.map((s) => s.name)], vs.defaultName, pick, direction ? direction.split('+') : [], own ?? {});
    return choice.missing ?? choice.style ?? undefined;
  }

  // Directions and turn markers are read from the script, by line position, rather than stored on
  // the lines rows: that would take a migration, and the script is the one place they are written.
  // Parsed once per project revision, so a render worker asking for one line does not reparse a book.
  private metaCache = new Map<string, { revision: number; meta: (LineScriptMeta | undefined)[] }>();

  private scriptMeta(projectId: string, revision: number): (LineScriptMeta | undefined)[] {
    const hit = this.metaCache.get(projectId);
    if (hit && hit.revision === revision) return hit.meta;
    const project = this.deps.library.projects.getProject(projectId);
    const meta: (LineScriptMeta | undefined)[] = [];
    for (const l of parseScript(project.script, { notSpeakers: project.notSpeakers }).lines) {
      if (!l.directions && !l.turn && !l.topic) continue;
      meta[l.index] = { ...(l.directions ? { direction: l.directions.join('+') } : {}), ...(l.turn ? { turn: l.turn } : {}), ...(l.topic ? { topic: true as const } : {}) };
    }
    this.metaCache.set(projectId, { revision: project.revision, meta });
    return meta;
  }

  /** The walk that sets what each line continues from; null when the project does not. */
  private contextChain(projectId: string): ContextChain | null {
    const mode = this.repo.contextMode(projectId);
    const ask = this.deps.continuesFrom;
    if (mode === 'off' || !ask) return null;
    const known = new Map<string, boolean>();
    return new ContextChain(mode, (voiceId) => {
      let yes = known.get(voiceId);
      if (yes === undefined) known.set(voiceId, (yes = ask(voiceId)));
      return yes;
    });
  }

  private sync(projectId: string): Snapshot {
    const lib = this.deps.library;
    return lib.db.transaction((): Snapshot => {
      const project = lib.projects.getProject(projectId);
      const settings = lib.settings.getSettings();
      const lines = lib.projects.listLines(projectId);
      let state = this.repo.state(projectId);
      if (!state) {
        this.repo.createState(projectId, { ...DEFAULT_LAYOUT, baseGapMs: settings.gapMs });
        state = this.repo.state(projectId)!;
      }
      const voiceOf = new Map(project.speakers.map((s) => [s.name, s.voiceId] as const));
      const clips = this.repo.clips(projectId);
      const selected = new Map<number, TakeRow>();
      const takeCount = new Map<number, number>();
      for (const t of this.repo.takes(projectId)) {
        takeCount.set(t.lineId, (takeCount.get(t.lineId) ?? 0) + 1);
        if (t.selected) selected.set(t.lineId, t);
      }
      const dictionaries = new Map<string, LexiconEntry[][]>();
      const meta = this.scriptMeta(projectId, project.revision);
      const own = lib.speakerDirections.bySpeaker(projectId);
      const chain = this.contextChain(projectId);
      const styles = new Map<string, VoiceStyles | null>();
      const work: LineWork[] = lines.map((l) => {
        const voiceId = voiceOf.get(l.speaker) ?? settings.defaultVoiceId ?? null;
        const w: LineWork = { lineId: l.id, speaker: l.speaker, text: l.text, voiceId, params: this.params(projectId, voiceId, l.text, l.speed ?? settings.speed, dictionaries, meta[l.position]?.direction, own.get(l.speaker), l.style, styles), status: 'missing' };
        chain?.apply(w);
        const take = selected.get(l.id);
        if (take) w.status = isStale(take, w) ? 'stale' : 'ready';
        chain?.record(w, take?.audioKey);
        return w;
      });
      const starts = layoutStarts(
        lines.map((l, i) => {
          const clip = clips.get(l.id);
          return { speaker: l.speaker, text: l.text, pauseBeforeMs: l.pauseBeforeMs, pauseAfterMs: l.pauseAfterMs, samples: playedSamples(selected.get(l.id), clip, work[i]!), placedAt: clip?.startSample, manual: clip?.manual, turn: meta[l.position]?.turn, topic: meta[l.position]?.topic };
        }),
        state,
      );
      lines.forEach((l, i) => {
        const clip = clips.get(l.id);
        const start = starts[i]!;
        if (!clip) {
          const fresh: ClipRow = { lineId: l.id, startSample: start, manual: false, gainDb: 0, fadeIn: 0, fadeOut: 0, trimStart: 0, trimEnd: 0 };
          this.repo.putClip(projectId, fresh);
          clips.set(l.id, fresh);
        } else if (clip.startSample !== start) {
          this.repo.setClipStart(l.id, start);
          clip.startSample = start;
        }
      });
      return { revision: state.revision, lines, work, clips, selected, takeCount };
    }).immediate();
  }
}
