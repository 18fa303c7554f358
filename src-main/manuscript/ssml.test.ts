import { describe, expect, it } from 'vitest';
import { importManuscript } from './import';
import { looksLikeSsml, ssmlToScript } from './ssml';
import { parseScript } from '../script/parse';

const SSML = `<?xml version="1.0"?>
<speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="en-US">
  <p><s>Welcome to <sub alias="Koe Studio">KS</sub>.</s> <s>Take a breath.<break time="800ms"/>Ready?</s></p>
  <voice name="Ana"><p>I said <emphasis>now</emphasis>, <prosody rate="slow">not later</prosody>.</p></voice>
  <voice name="Ben"><p>Say <phoneme alphabet="ipa" ph="ˈkoʊ.eɪ">Koe</phoneme> on the <say-as interpret-as="ordinal">3</say-as> of
  <say-as interpret-as="date" format="mdy">6/1/2024</say-as>, call <say-as interpret-as="telephone">555-1234</say-as>,
  spell <say-as interpret-as="characters">abc</say-as>, count <say-as interpret-as="cardinal">1,024</say-as>,
  at <say-as interpret-as="time">3:45pm</say-as>.</p></voice>
</speak>`;

describe('SSML import', () => {
  it('maps every supported element onto the script and its inline markup', () => {
    const { script, notices } = ssmlToScript(SSML, 'x.ssml');
    expect(notices).toEqual([]);
    expect(script).toBe(
      [
        'Narrator: Welcome to Koe Studio. Take a breath. [pause 800ms] Ready?',
        '',
        'Ana: I said *now*, [rate 0.8]not later[/rate].',
        '',
        'Ben: Say [Koe](/ˈkoʊ.eɪ/) on the 3rd of June 1, 2024, call 5 5 5, 1 2 3 4, spell A B C, count 1024, at 3:45pm.',
      ].join('\n') + '\n',
    );
    const parsed = parseScript(script);
    expect(parsed.speakers).toEqual(['Narrator', 'Ana', 'Ben']);
    expect(parsed.lines.map((l) => l.pauseBeforeMs)).toEqual([0, 800, 0, 0]);
  });

  it('reports what it cannot carry, naming element and line, and keeps the words', () => {
    const { script, notices } = ssmlToScript(
      '<speak>\n<prosody pitch="+2st" volume="loud">Loud words</prosody>\n<audio src="x.wav">a chime</audio><mark name="m1"/> <say-as interpret-as="unit">5kg</say-as> <foo>bar</foo></speak>',
      'y.ssml',
    );
    expect(script).toBe('Loud words a chime 5kg bar\n');
    expect(notices).toEqual([
      '<prosody pitch="+2st"> on line 2 has no equivalent in a Koe script (pitch is set per line in the studio); the words are kept.',
      '<prosody volume="loud"> on line 2 has no equivalent in a Koe script (pitch is set per line in the studio); the words are kept.',
      '<audio> (first on line 3) is not supported; its text was kept as ordinary words.',
      '<mark> (first on line 3) is not spoken and has no place in a script; it was left out.',
      '<say-as interpret-as="unit"> on line 3 is not supported for “5kg”; it is read as written.',
      '<foo> (first on line 3) is not an SSML element Koe Studio knows; its text was kept as ordinary words.',
    ]);
  });

  it('refuses malformed SSML with the place, and XML that is not SSML', () => {
    expect(() => ssmlToScript('<speak><p>open</speak>', 'bad.ssml')).toThrow(/bad\.ssml is not well-formed SSML \(line 1, column \d+: .*\)\. Nothing was imported\./);
    expect(() => ssmlToScript('<html><p>x</p></html>', 'page.ssml')).toThrow('page.ssml is XML but not SSML: its root element is <html>, not <speak>. Nothing was imported.');
    expect(() => ssmlToScript('<speak>  </speak>', 'empty.ssml')).toThrow('empty.ssml has no words to speak. Nothing was imported.');
  });

  it('is found by the manuscript import by its name or its <speak> root', async () => {
    expect(looksLikeSsml('<?xml version="1.0"?>\n<!-- c -->\n<speak>hi</speak>')).toBe(true);
    expect(looksLikeSsml('Hello <speak>')).toBe(false);
    const r = await importManuscript(new TextEncoder().encode(SSML), 'lines.txt');
    expect(r.format).toBe('ssml');
    expect(r.title).toBe('lines');
    expect(r.script).toContain('Ben: Say [Koe](/ˈkoʊ.eɪ/)');
  });
});
