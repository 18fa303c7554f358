// A user pronunciation as the text front end and the engines see it. A leaf of the text floor so the
// library (which stores them), the speech layer (which applies them) and the engines (which read the
// phoneme ones) share one shape without importing each other.

/** Phonemes in Kokoro's symbols, or a plain respelling that every engine can read. */
export interface LexiconEntry {
  word: string;
  phonemes?: string;
  respelling?: string;
}
