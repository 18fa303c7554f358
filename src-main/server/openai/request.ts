// The body of POST /v1/audio/speech, checked field by field into OpenAI's error shape: the first bad
// field is named in `param`, with a message that says what would be accepted.
import { z } from 'zod';
import { badRequest, ApiError } from './errors';
import { isModelName, MODELS, voiceIdFor, type EngineId } from './models';

/** OpenAI's own limit; longer texts belong in the studio, where a book is rendered in the background. */
export const MAX_INPUT_CHARS = 4096;
export const MAX_INSTRUCTIONS_CHARS = 4096;
export const RESPONSE_FORMATS = ['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'] as const;
export type ResponseFormat = (typeof RESPONSE_FORMATS)[number];
/** OpenAI's range. The engines speak 0.5×–2×; see `engineSpeed`. */
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 4;

export interface SpeechRequest {
  model: string;
  engine: EngineId;
  input: string;
  voiceId: string;
  format: ResponseFormat;
  speed: number;
  instructions: string | null;
  sse: boolean;
}

const Body = z.object({
  model: z.string({ error: 'model is required: kokoro, pocket, espeak, tts-1 or tts-1-hd' }).max(100),
  input: z
    .string({ error: 'input is required: the text to speak' })
    .max(MAX_INPUT_CHARS, `input is longer than ${MAX_INPUT_CHARS} characters`)
    .refine((s) => s.trim().length > 0, 'input is empty'),
  voice: z.union([z.string().min(1).max(128), z.object({ id: z.string().min(1).max(128) })], { error: 'voice is required: a voice id (see GET /v1/audio/voices) or an OpenAI voice name' }),
  response_format: z.enum(RESPONSE_FORMATS, { error: `response_format must be one of ${RESPONSE_FORMATS.join(', ')}` }).default('mp3'),
  speed: z.number({ error: 'speed must be a number' }).min(MIN_SPEED, `speed must be at least ${MIN_SPEED}`).max(MAX_SPEED, `speed must be at most ${MAX_SPEED}`).default(1),
  instructions: z.string({ error: 'instructions must be text' }).max(MAX_INSTRUCTIONS_CHARS, `instructions are longer than ${MAX_INSTRUCTIONS_CHARS} characters`).optional(),
  stream_format: z.enum(['audio', 'sse'], { error: 'stream_format must be audio or sse' }).default('audio'),
});

/** The request, or an ApiError naming the first field that is wrong. */
export function parseSpeechRequest(raw: unknown): SpeechRequest {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badRequest('The request body must be a JSON object.', null, 'invalid_json');
  const r = Body.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const param = typeof issue.path[0] === 'string' ? issue.path[0] : null;
    const code = param === 'input' && issue.code === 'too_big' ? 'string_above_max_length' : 'invalid_value';
    throw badRequest(issue.message, param, code);
  }
  const b = r.data;
  if (!isModelName(b.model)) throw new ApiError(404, `The model "${b.model}" does not exist. Use one of ${Object.keys(MODELS).join(', ')}.`, 'invalid_request_error', 'model_not_found', 'model');
  const engine = MODELS[b.model];
  const voice = typeof b.voice === 'string' ? b.voice : b.voice.id;
  return { model: b.model, engine, input: b.input, voiceId: voiceIdFor(engine, voice), format: b.response_format, speed: b.speed, instructions: b.instructions ?? null, sse: b.stream_format === 'sse' };
}

/**
 * The speed the engines are asked for. They speak 0.5× to 2× without artefacts; OpenAI's wider range
 * is accepted and held to that, since stretching audio further would change its pitch or smear it.
 */
export function engineSpeed(speed: number): number {
  return Math.min(2, Math.max(0.5, speed));
}
