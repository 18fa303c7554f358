import { describe, expect, it } from 'vitest';
import { parseVoiceList, withFemaleVariants } from './voice-list';

// Lines as `espeak-ng --voices` prints them, including the ones that break fixed-width parsing.
const LISTING = [
  'Pty Language       Age/Gender VoiceName          File                 Other Languages',
  ' 5  af              --/M      Afrikaans          gmw/af               ',
  ' 5  chr-US-Qaaa-x-west --/M      Cherokee_          iro/chr              ',
  ' 5  cmn             --/M      Chinese_(Mandarin,_latin_as_English) sit/cmn              (zh-cmn 5)(zh 5)',
  ' 2  en-us           --/M      English_(America)  gmw/en-US            (en 3)',
  ' 5  mi              --/M      Māori             poz/mi               ',
  ' 5  xx-new          --/F      Brand_New_Tongue   xyz/xx-new           ',
  ' 5  zz              --/-      Zed                xyz/zz               ',
  ' 5  yue             --/M      Chinese_(Cantonese) sit/yue              (zh-yue 5)(zh 8)',
  ' 5  yue             --/M      Chinese_(Cantonese,_latin_as_Jyutping) sit/yue-Latn-jyutping (zh-yue 5)(zh 8)',
  ' 5  variant         --/F      Alicia             !v/Alicia            ',
  '',
];

describe('parseVoiceList', () => {
  const voices = parseVoiceList(LISTING);
  const byId = new Map(voices.map((v) => [v.id, v]));

  it('reads one voice per row, skipping the header, blanks and variants', () => {
    expect(voices.map((v) => v.id)).toEqual(['af', 'chr-us-qaaa-x-west', 'cmn', 'en-us', 'mi', 'xx-new', 'zz', 'yue', 'yue-latn-jyutping']);
  });

  it('keeps the voice file for -v, since some codes are not accepted there', () => {
    expect(byId.get('chr-us-qaaa-x-west')!.file).toBe('iro/chr');
    expect(byId.get('en-us')!.file).toBe('gmw/en-US');
  });

  it('names voices from the table, falling back to the VoiceName column', () => {
    expect(byId.get('en-us')).toMatchObject({ name: 'English (US) — eSpeak', languageName: 'English (US)', language: 'en-us' });
    expect(byId.get('chr-us-qaaa-x-west')!.languageName).toBe('Cherokee');
    expect(byId.get('mi')!.languageName).toBe('Māori');
    expect(byId.get('xx-new')).toMatchObject({ name: 'Brand New Tongue — eSpeak', languageName: 'Brand New Tongue' });
  });

  it('gives a second voice with the same code an id from its file', () => {
    expect(byId.get('yue')).toMatchObject({ language: 'yue', name: 'Chinese (Cantonese) — eSpeak' });
    expect(byId.get('yue-latn-jyutping')).toMatchObject({ language: 'yue', languageName: 'Chinese (Cantonese)', name: 'Chinese (Cantonese, Jyutping) — eSpeak' });
  });

  it('reads gender from the Age/Gender column', () => {
    expect(byId.get('af')!.gender).toBe('male');
    expect(byId.get('xx-new')!.gender).toBe('female');
    expect(byId.get('zz')!.gender).toBe('unknown');
  });

  it('tags every voice as an offline system voice without a grade', () => {
    for (const v of voices) expect(v).toMatchObject({ tags: ['system', 'offline'], grade: null });
  });
});

describe('withFemaleVariants', () => {
  const voices = withFemaleVariants(parseVoiceList(LISTING));
  it('adds a female voice after each listed major language, driven by the f3 variant', () => {
    const ids = voices.map((v) => v.id);
    expect(ids).toContain('en-us+f3');
    expect(ids).toContain('cmn+f3');
    expect(ids).not.toContain('af+f3'); // not in the curated list
    expect(ids.indexOf('en-us+f3')).toBe(ids.indexOf('en-us') + 1);
    const f = voices.find((v) => v.id === 'en-us+f3')!;
    expect(f).toMatchObject({ gender: 'female', file: 'gmw/en-US+f3', language: 'en-us' });
    expect(f.name).toMatch(/\(female\) — eSpeak$/);
  });
  it('leaves a voice that is already female alone', () => {
    expect(voices.filter((v) => v.id.startsWith('xx-new'))).toHaveLength(1);
  });
});
