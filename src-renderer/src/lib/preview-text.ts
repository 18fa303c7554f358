// What a voice says when previewed: a short sentence in the voice's own language, because an
// English sentence read by a Finnish voice tells the listener nothing about how it reads Finnish.
// Languages without a sentence here fall back to English.
const SENTENCES: Record<string, string> = {
  en: 'Hello! This is how I sound reading your script.',
  fr: 'Bonjour ! Voici ma voix quand je lis votre texte.',
  de: 'Hallo! So klinge ich, wenn ich Ihr Skript vorlese.',
  es: '¡Hola! Así sueno cuando leo tu guion.',
  it: 'Ciao! Ecco come suono quando leggo il tuo copione.',
  pt: 'Olá! É assim que eu soo ao ler o seu roteiro.',
  nl: 'Hallo! Zo klink ik als ik je script voorlees.',
  sv: 'Hej! Så här låter jag när jag läser ditt manus.',
  da: 'Hej! Sådan lyder jeg, når jeg læser dit manuskript.',
  nb: 'Hei! Slik høres jeg ut når jeg leser manuset ditt.',
  fi: 'Hei! Tältä kuulostan, kun luen käsikirjoitustasi.',
  pl: 'Cześć! Tak brzmię, gdy czytam twój scenariusz.',
  cs: 'Ahoj! Takhle zním, když čtu tvůj scénář.',
  ru: 'Привет! Вот так я звучу, когда читаю ваш сценарий.',
  uk: 'Привіт! Ось так я звучу, коли читаю ваш сценарій.',
  el: 'Γεια σας! Έτσι ακούγομαι όταν διαβάζω το κείμενό σας.',
  tr: 'Merhaba! Senaryonu okurken sesim böyle.',
  ja: 'こんにちは。これが台本を読むときの私の声です。',
  cmn: '你好！这是我朗读你的脚本时的声音。',
  zh: '你好！这是我朗读你的脚本时的声音。',
  ko: '안녕하세요! 대본을 읽을 때 제 목소리는 이렇습니다.',
  hi: 'नमस्ते! आपकी स्क्रिप्ट पढ़ते समय मेरी आवाज़ ऐसी है।',
  ar: 'مرحبًا! هكذا يبدو صوتي عندما أقرأ نصك.',
  he: 'שלום! כך נשמע הקול שלי כשאני קורא את התסריט שלך.',
  id: 'Halo! Beginilah suara saya saat membaca naskah Anda.',
  vi: 'Xin chào! Đây là giọng của tôi khi đọc kịch bản của bạn.',
};

export function previewSentence(language: string): string {
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return SENTENCES[primary] ?? SENTENCES.en!;
}
