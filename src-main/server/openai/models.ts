// The speech API's names for things: its models (an engine each, plus OpenAI's model names as
// aliases) and OpenAI's voice names, each mapped to a Kokoro voice of similar character, so a client
// configured for OpenAI works unchanged. The voice table is the one documented in the README.

/** Model name → the engine that speaks it. tts-1 and tts-1-hd are Kokoro, the studio's best voices. */
export const MODELS = {
  kokoro: 'kokoro',
  pocket: 'pocket',
  espeak: 'espeak',
  'tts-1': 'kokoro',
  'tts-1-hd': 'kokoro',
  'gpt-4o-mini-tts': 'kokoro',
} as const;
export type ModelName = keyof typeof MODELS;
export type EngineId = (typeof MODELS)[ModelName];

export function isModelName(x: string): x is ModelName {
  return Object.hasOwn(MODELS, x);
}

/** OpenAI voice → Kokoro preset (American and British English voices, by gender and timbre). */
export const OPENAI_VOICES: Readonly<Record<string, string>> = {
  alloy: 'af_alloy',
  ash: 'am_michael',
  ballad: 'bm_george',
  coral: 'af_heart',
  echo: 'am_echo',
  fable: 'bm_fable',
  nova: 'af_nova',
  onyx: 'am_onyx',
  sage: 'af_sarah',
  shimmer: 'af_bella',
  verse: 'am_puck',
};

/** What eSpeak NG says an OpenAI voice name with: it has one voice per language, so American English. */
const ESPEAK_DEFAULT = 'en-us';

/**
 * The library voice id a request means. A full id (`kokoro:af_heart`, `pocket:clone-…`,
 * `espeak:fr-fr`) is taken as it is; a bare name is looked up under the model's engine, OpenAI's
 * names first. Returns the id and whether the name was one of OpenAI's.
 */
export function voiceIdFor(engine: EngineId, voice: string): string {
  if (voice.includes(':')) return voice;
  const openai = OPENAI_VOICES[voice.toLowerCase()];
  if (openai) {
    if (engine === 'kokoro') return `kokoro:${openai}`;
    if (engine === 'espeak') return `espeak:${ESPEAK_DEFAULT}`;
  }
  return `${engine}:${voice}`;
}
