// Files the studio opens and saves besides its library: manuscripts imported as projects, the list
// of recently used files (the File menu's), and revealing a written file in the system's file
// manager. .koe project files themselves are timeline calls (project.exportKoe / importKoe).
import { z } from 'zod';
import { Id, MAX_SCRIPT_CHARS } from './schemas';
import type { CallSpec } from './call-spec';

const AbsolutePath = z.string().min(1).max(4096);
const LexiconLanguage = z.string().trim().toLowerCase().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, 'language looks like "en" or "en-gb"');
/** A file the desktop writes where the person chose, or a one-time download for a browser. */
const Destination = z.discriminatedUnion('kind', [z.object({ kind: z.literal('file'), path: AbsolutePath }).strict(), z.object({ kind: z.literal('download') }).strict()]);

export const RecentFile = z.object({
  kind: z.enum(['koe', 'manuscript']),
  fileName: z.string().min(1).max(255),
  /** Where it is on this machine; null when it came through a browser (an upload or a download). */
  path: AbsolutePath.nullable(),
  /** The project it was opened as or saved from. */
  projectId: Id.nullable(),
  at: z.string(),
});
export type RecentFile = z.infer<typeof RecentFile>;

export const MAX_RECENT_FILES = 10;

const DroppedKind = z.enum(['image', 'table', 'footnote', 'code', 'math']);

export const fileCalls = {
  'manuscript.import': {
    args: z
      .object({
        /** An EPUB, DOCX, Markdown or plain-text file (a browser uploads it first, see PUT /upload). */
        path: AbsolutePath,
        /** The name the file had (an upload's path keeps it too); used for messages and as a fallback title. */
        fileName: z.string().min(1).max(255).optional(),
        /** The new project's name; absent: the book's title. */
        name: z.string().trim().min(1).max(200).optional(),
      })
      .strict(),
    result: z.object({
      projectId: z.string(),
      name: z.string(),
      format: z.enum(['epub', 'docx', 'markdown', 'text', 'ssml']),
      /** Each chapter as found, with how many script lines it became. */
      chapters: z.array(z.object({ title: z.string(), lines: z.number().int() })),
      /** What a script cannot speak and was left out, with the chapters it was in. */
      dropped: z.array(z.object({ kind: DroppedKind, count: z.number().int(), chapters: z.array(z.string()) })),
      /** Sentences for the person: what was dropped, no headings found, an encoding guessed. */
      notices: z.array(z.string()),
    }),
    doc: 'Import a manuscript (EPUB, DOCX, Markdown or plain text) as a new project: one "## Title" chapter per chapter found, every paragraph the Narrator\'s. SSML (.ssml, or a <speak> root) becomes a script with its voices as speakers and its markup as inline markup; what it cannot carry is listed in notices.',
  },
  'pronunciations.importPls': {
    args: z
      .object({
        path: AbsolutePath,
        scope: z.enum(['global', 'project']),
        projectId: Id.optional(),
        /** The dictionary's language; absent: the lexicon's xml:lang, else "en". */
        language: LexiconLanguage.optional(),
      })
      .strict()
      .refine((a) => a.scope === 'global' || !!a.projectId, { message: 'a project dictionary needs projectId' }),
    result: z.object({
      language: z.string(),
      added: z.number().int(),
      replaced: z.number().int(),
      /** Lexemes that could not be used (another alphabet, symbols Kokoro lacks), and the first few described. */
      skipped: z.number().int(),
      problems: z.array(z.string()),
    }),
    doc: 'Import a W3C PLS lexicon (IPA phonemes or aliases) into the global or a project pronunciation dictionary, all or nothing.',
  },
  'pronunciations.exportPls': {
    args: z
      .object({ destination: Destination, scope: z.enum(['global', 'project']), projectId: Id.optional(), language: LexiconLanguage.optional() })
      .strict()
      .refine((a) => a.scope === 'global' || !!a.projectId, { message: 'a project dictionary needs projectId' }),
    result: z.object({ path: z.string().nullable(), downloadUrl: z.string().nullable(), fileName: z.string(), entries: z.number().int() }),
    doc: 'Write the global or a project pronunciation dictionary (one language, default "en") as a W3C PLS file, phonemes as IPA: to a path, or as a download for a browser.',
  },
  'ssml.toScript': {
    args: z.object({ ssml: z.string().min(1).max(MAX_SCRIPT_CHARS) }).strict(),
    result: z.discriminatedUnion('ok', [
      z.object({
        ok: z.literal(true),
        script: z.string(),
        /** What was approximated or left out, each naming the element and its line in the SSML. */
        notices: z.array(z.string()),
      }),
      z.object({
        ok: z.literal(false),
        /** Why it is not SSML a script can come from, in words. */
        message: z.string(),
        /** Where the XML stops being well-formed (1-based); null when it is well-formed but unusable (no words). */
        line: z.number().int().nullable(),
        column: z.number().int().nullable(),
      }),
    ]),
    doc: "Convert SSML text to Koe script text, as a file import would (the editor's paste uses it). Malformed or empty SSML is an answer, not an error: ok false with the place, so a face can keep the text as it was.",
  },
  'recentFiles.list': { args: z.object({}).strict(), result: z.array(RecentFile), doc: 'Project files and manuscripts opened or saved lately, newest first.' },
  'recentFiles.add': {
    args: RecentFile.omit({ at: true }).strict(),
    result: z.array(RecentFile),
    doc: `Put a file at the top of the recent list (at most ${MAX_RECENT_FILES} are kept).`,
  },
  'recentFiles.clear': { args: z.object({}).strict(), result: z.array(RecentFile), doc: 'Empty the recent list.' },
  'file.reveal': {
    args: z.object({ path: AbsolutePath }).strict(),
    result: z.object({ supported: z.boolean(), revealed: z.boolean() }),
    doc: 'Show a written file in the system file manager (desktop only; elsewhere `supported` is false).',
  },
  'file.open': {
    args: z.object({ path: AbsolutePath }).strict(),
    result: z.object({ supported: z.boolean(), opened: z.boolean() }),
    doc: "Open a written file in the system's default app, e.g. play an export (desktop only; elsewhere `supported` is false).",
  },
} satisfies Record<string, CallSpec>;
