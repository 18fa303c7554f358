// Turns the table `espeak-ng --voices` prints into Koe voices, one per language. Parsing the
// program's own listing (rather than shipping a static list) keeps the voices in step with the
// embedded data, whatever version of the package is installed.
import type { Gender } from '../../contract/schemas';
import type { EngineVoice } from '../types';
import { LANGUAGE_NAMES, VOICE_LABELS, readableVoiceName } from './language-names';

export interface EspeakVoice extends EngineVoice {
  /** What to pass to `-v`: the voice file (e.g. `gmw/en-US`). Some language codes, such as
   *  `chr-US-Qaaa-x-west`, are not accepted by `-v`, but every file path is. */
  file: string;
}

const SUFFIX = ' — eSpeak';

function genderOf(ageGender: string): Gender {
  const g = ageGender.split('/')[1]?.toUpperCase();
  return g === 'M' ? 'male' : g === 'F' ? 'female' : 'unknown';
}

/**
 * Columns: Pty Language Age/Gender VoiceName File Other-languages. Columns are split on whitespace,
 * not by position: long codes push later columns right, and VoiceName never contains spaces.
 */
export function parseVoiceList(lines: readonly string[]): EspeakVoice[] {
  const voices: EspeakVoice[] = [];
  const taken = new Set<string>();
  for (const line of lines) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 5 || !/^\d+$/.test(cols[0]!)) continue; // the header and blank lines
    const [, code, ageGender, voiceName, file] = cols as [string, string, string, string, string];
    const language = code.toLowerCase();
    if (language === 'variant') continue;
    // Two voices can share a code (Cantonese, and Cantonese reading Latin as Jyutping); the second
    // is told apart by its file name, which is unique.
    let id = language;
    if (taken.has(id)) id = (file.split('/').pop() ?? file).toLowerCase();
    if (taken.has(id)) continue;
    taken.add(id);
    const languageName = LANGUAGE_NAMES[language] ?? readableVoiceName(voiceName);
    voices.push({
      id,
      name: (VOICE_LABELS[id] ?? (id === language ? languageName : readableVoiceName(voiceName))) + SUFFIX,
      language,
      languageName,
      gender: genderOf(ageGender),
      tags: ['system', 'offline'],
      grade: null,
      file,
    });
  }
  return voices;
}

/**
 * Languages that also get a female voice, made with espeak's own `f3` variant (espeak's language
 * voices are all male). Limited to widely used languages so the library does not double in size.
 */
const FEMALE_VARIANT_FOR = ['en-us', 'en-gb', 'es', 'es-419', 'fr-fr', 'de', 'it', 'pt-br', 'pt', 'nl', 'pl', 'ru', 'hi', 'cmn', 'ja', 'ko', 'tr', 'sv', 'ar', 'uk'];
const FEMALE_VARIANT = 'f3';

export function withFemaleVariants(voices: readonly EspeakVoice[]): EspeakVoice[] {
  const out: EspeakVoice[] = [];
  for (const v of voices) {
    out.push(v);
    if (!FEMALE_VARIANT_FOR.includes(v.id) || v.gender !== 'male') continue;
    out.push({
      ...v,
      id: `${v.id}+${FEMALE_VARIANT}`,
      name: `${v.name.slice(0, -SUFFIX.length)} (female)${SUFFIX}`,
      gender: 'female',
      tags: [...v.tags, 'variant'],
      file: `${v.file}+${FEMALE_VARIANT}`,
    });
  }
  return out;
}
