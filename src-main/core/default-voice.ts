// Which voice a new library speaks English with. The embedded voices ranked by how well a speech
// recognizer understood them (`npm run bench`, intelligibility: pocketsphinx's word error rate on
// 20 everyday sentences, lower is clearer); the first one this install can speak becomes the default
// on first launch. eSpeak NG comes last: it always works, so it is the fall-back when Flite is absent.
// A ranking by a recognizer favours human-like speech (and Flite shares the recognizer's CMU
// dictionary), so only the order is used, never the figures as a quality score.
import type { Library } from '../library/db';

/**
 * Word error rates the bench measured (2026-12-06, Debian pocketsphinx 0.8 en-us; eSpeak NG's other
 * English voices scored 0.77–0.84), clearest first. Update from bench-results.json when an engine
 * changes.
 */
export const ENGLISH_CLARITY: readonly { voiceId: string; wer: number }[] = [
  { voiceId: 'flite:rms', wer: 0.182 },
  { voiceId: 'flite:awb', wer: 0.233 },
  { voiceId: 'flite:kal16', wer: 0.333 },
  { voiceId: 'flite:slt', wer: 0.352 },
  { voiceId: 'espeak:en-us', wer: 0.704 },
];

export const FALLBACK_VOICE = 'espeak:en-us';

/** The clearest ranked voice that is in the library and available now. */
export function clearestEnglishVoice(isAvailable: (voiceId: string) => boolean): string {
  return ENGLISH_CLARITY.find((v) => isAvailable(v.voiceId))?.voiceId ?? FALLBACK_VOICE;
}

/**
 * On a new library only (`firstLaunch`, judged before any voice was listed) and only if nobody chose
 * a default yet: stores the clearest voice as the default. A library that exists keeps its voice.
 */
export function chooseFirstDefaultVoice(library: Library, firstLaunch: boolean): void {
  if (!firstLaunch) return;
  if (library.settings.hasSetting('defaultVoiceId')) return;
  const voice = clearestEnglishVoice((id) => library.voices.getVoice(id)?.available === true);
  library.settings.setSettings({ defaultVoiceId: voice });
}
