import { describe, expect, it } from 'vitest';
import { normalizeText } from './index';

type Case = [input: string, spoken: string];

function table(name: string, cases: Case[], language?: string): void {
  describe(name, () => {
    it.each(cases)('%j', (input, spoken) => {
      expect(normalizeText(input, language)).toBe(spoken);
    });
  });
}

table('cardinal numbers', [
  ['I have 3 cats.', 'I have three cats.'],
  ['It is -5 outside.', 'It is minus five outside.'],
  ['Population: 1,234,567 people.', 'Population: one million two hundred thirty-four thousand five hundred sixty-seven people.'],
  ['Agent 007 reporting', 'Agent zero zero seven reporting'],
  ['COVID-19 and MP3', 'COVID nineteen and MP three'],
  ['12345 steps', 'twelve thousand three hundred forty-five steps'],
]);

table('ordinals', [
  ['the 1st, 2nd and 3rd', 'the first, second and third'],
  ['his 22nd birthday', 'his twenty-second birthday'],
  ['the 103rd time', 'the one hundred third time'],
  ['the 11th hour', 'the eleventh hour'],
]);

table('decimals', [
  ['Pi is 3.14.', 'Pi is three point one four.'],
  ['It weighs 0.5 of that', 'It weighs zero point five of that'],
  ['Version 2.4.1 is out', 'Version two point four point one is out'],
]);

table('currency', [
  ['It costs $5.', 'It costs five dollars.'],
  ['Only $1.50 today', 'Only one dollar and fifty cents today'],
  ['Just $1', 'Just one dollar'],
  ['It was $0.99', 'It was ninety-nine cents'],
  ['A £2.5m deal', 'A two point five million pounds deal'],
  ['A $3 billion loss', 'A three billion dollars loss'],
  ['£1.01 change', 'one pound and one penny change'],
  ['€3.50 each', 'three euros and fifty cents each'],
  ['¥500 coin', 'five hundred yen coin'],
  ['$1,234.56 total', 'one thousand two hundred thirty-four dollars and fifty-six cents total'],
  ['It costs 5€', 'It costs five euros'],
]);

table('percentages', [
  ['Up 45% today', 'Up forty-five percent today'],
  ['A 3.5% rise', 'A three point five percent rise'],
  ['Down -2%', 'Down minus two percent'],
]);

table('dates (US order by default)', [
  ['Due 12/25/2024.', 'Due December twenty-fifth, twenty twenty-four.'],
  ['Due 2024-12-25.', 'Due December twenty-fifth, twenty twenty-four.'],
  ['On March 3, 2021 we met', 'On March third, twenty twenty-one we met'],
  ['On 3 March 2021 we met', 'On the third of March, twenty twenty-one we met'],
  ['Jan. 5 is fine', 'January fifth is fine'],
  ['Born 25/12/1990', 'Born December twenty-fifth, nineteen ninety'],
]);

table('dates (day first for en-gb)', [
  ['Due 12/11/2024.', 'Due the twelfth of November, twenty twenty-four.'],
  ['Due 2024-12-25.', 'Due the twenty-fifth of December, twenty twenty-four.'],
], 'en-GB');

table('dates (explicit en-us)', [['Due 12/11/2024.', 'Due December eleventh, twenty twenty-four.']], 'en-us');

table('times', [
  ['Meet at 3:45.', 'Meet at three forty-five.'],
  ['Meet at 3:45 pm.', 'Meet at three forty-five p m.'],
  ['Train at 15:30', 'Train at fifteen thirty'],
  ['Lunch at 12:00', "Lunch at twelve o'clock"],
  ['Up at 7 a.m. on Sunday', 'Up at seven a m on Sunday'],
  ['Up at 7 a.m. Then coffee.', 'Up at seven a m. Then coffee.'],
  ['Back by 6pm', 'Back by six p m'],
  ['At 9:05 sharp', 'At nine oh five sharp'],
]);

table('years', [
  ['In 1984 we', 'In nineteen eighty-four we'],
  ['Since 2005', 'Since two thousand five'],
  ['Built in 1900', 'Built in nineteen hundred'],
  ['The 1990s were loud', 'The nineteen nineties were loud'],
  ["The '80s and the 60s", 'The eighties and the sixties'],
  ['In 1066 they fought', 'In ten sixty-six they fought'],
  ['From 1990-1995', 'From nineteen ninety to nineteen ninety-five'],
  ['It has 1,984 pages', 'It has one thousand nine hundred eighty-four pages'],
  ['About 3000 people', 'About three thousand people'],
]);

table('phone numbers', [
  ['Call (555) 123-4567.', 'Call five five five, one two three, four five six seven.'],
  ['Call +1 555 123 4567 now', 'Call plus one, five five five, one two three, four five six seven now'],
  ['Call 555-123-4567', 'Call five five five, one two three, four five six seven'],
  ['Dial 555-1234', 'Dial five five five, one two three four'],
]);

table('units', [
  ['Run 5 km', 'Run five kilometers'],
  ['Lift 10kg', 'Lift ten kilograms'],
  ['Only 1 km left', 'Only one kilometer left'],
  ['At 3 mph', 'At three miles per hour'],
  ['It is 20°C', 'It is twenty degrees Celsius'],
  ['It is 1°', 'It is one degree'],
  ['He is 5 ft tall', 'He is five feet tall'],
  ['A 12 in.', 'A twelve inches.'],
  ['12 in total', 'twelve in total'],
  ['100 MB and 2 GB', 'one hundred megabytes and two gigabytes'],
  ['At 60 Hz for 5 ms', 'At sixty hertz for five milliseconds'],
  ['Wait 10 s.', 'Wait ten seconds.'],
  ['Drive 5-10 km', 'Drive five to ten kilometers'],
  ['At 100 km/h', 'At one hundred kilometers per hour'],
]);

table('abbreviations', [
  ['Dr. Smith is here.', 'Doctor Smith is here.'],
  ['Dr Smith is here.', 'Doctor Smith is here.'],
  ['I live on Mulholland Dr. It is nice.', 'I live on Mulholland Drive. It is nice.'],
  ['42 Elm Dr, Springfield', 'forty-two Elm Drive, Springfield'],
  ['St. Louis is big', 'Saint Louis is big'],
  ['on Baker St. The door', 'on Baker Street. The door'],
  ['Mr. and Mrs. Smith met Ms. Jones', 'Mister and Missus Smith met Miz Jones'],
  ['Prof. Brown spoke', 'Professor Brown spoke'],
  ['John Smith Jr. and Sr. came', 'John Smith Junior and Senior came'],
  ['fruit, e.g. apples', 'fruit, for example apples'],
  ['one, i.e. the first', 'one, that is the first'],
  ['cats, dogs, etc.', 'cats, dogs, et cetera.'],
  ['cats vs. dogs and cats vs dogs', 'cats versus dogs and cats versus dogs'],
  ['approx. 5 people', 'approximately five people'],
  ['No. 5 wins', 'number five wins'],
  ['No. Never.', 'No. Never.'],
  ['In Jan. we ski', 'In January we ski'],
  ['Capt. Hook and the Gen', 'Captain Hook and the Gen'],
]);

table('links and e-mail addresses', [
  ['See https://example.com/path today', 'See example dot com slash path today'],
  ['Go to www.example.org.', 'Go to example dot org.'],
  ['Visit example.com/docs/install-guide', 'Visit example dot com slash docs slash install dash guide'],
  ['Mail jane.doe@example.com now', 'Mail jane dot doe at example dot com now'],
  ['Mail support_team@mail.example.co.uk', 'Mail support underscore team at mail dot example dot co dot uk'],
]);

table('symbols', [
  ['Tom & Jerry', 'Tom and Jerry'],
  ['1 + 1 = 2', 'one plus one equals two'],
  ['C++ rocks', 'C plus plus rocks'],
  ['meet @ noon', 'meet at noon'],
  ['We are #5', 'We are number five'],
  ['Love #summer', 'Love summer'],
  ['~10 people', 'about ten people'],
  ['This is *very* good', 'This is very good'],
  ['2 * 3', 'two times three'],
  ['½ cup', 'one half cup'],
]);

table('ranges and fractions', [
  ['Take 1-2 pills', 'Take one to two pills'],
  ['Pages 10–12', 'Pages ten to twelve'],
  ['Add 1/2 cup', 'Add one half cup'],
  ['Eat 3/4 of it', 'Eat three quarters of it'],
  ['Use 2 1/2 cups', 'Use two and a half cups'],
  ['Add 1½ cups', 'Add one and a half cups'],
  ['Open 24/7', 'Open twenty-four seven'],
  ['A 16:9 screen', 'A sixteen to nine screen'],
  ['Costs $5-10', 'Costs five to ten dollars'],
  ['Rose 10-20%', 'Rose ten to twenty percent'],
]);

table('clean-up', [
  ['“Smart” quotes ‘here’', '"Smart" quotes \'here\''],
  ['too    many\t\tspaces', 'too many spaces'],
  ['line one\r\nline two', 'line one\nline two'],
  ['a\n\n\n\nb', 'a\n\nb'],
  ['bell\u0007 and\u0000 nul', 'bell and nul'],
  ['  padded  ', 'padded'],
]);

table('British English', [
  ['It costs £105.', 'It costs one hundred and five pounds.'],
  ['We sold 2,300 copies', 'We sold two thousand three hundred copies'],
], 'en-gb');

table('other languages keep their digits and get clean-up only', [
  ['J’ai 3 “pommes”   et 1,5 kg.', 'J\'ai 3 "pommes" et 1,5 kg.'],
  ['Dr. Müller kommt um 15:30.', 'Dr. Müller kommt um 15:30.'],
], 'de');

table('unknown and regional tags', [['5 km', '5 km']], 'xx');

describe('language tags', () => {
  it('matches the longest registered prefix, case and separator insensitive', () => {
    expect(normalizeText('12/11/2024', 'en_GB')).toBe('the twelfth of November, twenty twenty-four');
    expect(normalizeText('12/11/2024', 'en-gb-x-rp')).toBe('the twelfth of November, twenty twenty-four');
    expect(normalizeText('5 km', 'en-029')).toBe('five kilometers');
    expect(normalizeText('5 km', '')).toBe('five kilometers');
    expect(normalizeText('5 km', 'ru')).toBe('5 km');
  });
});
