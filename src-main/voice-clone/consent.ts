// The consent a clone is made under. A voice is personal: Koe clones only after someone has said,
// in words they saw, that the voice is theirs or that they have its owner's permission, and it
// keeps who said it, when, and exactly what they accepted with the voice (and in its export), so
// the record travels with every copy. There is no way to create a clone without one.
import { KoeError } from '../contract/errors';

export interface ConsentInput {
  statement: string;
  accepted: boolean;
  who: string;
}

export interface ConsentRecord {
  who: string;
  statement: string;
  /** ISO time the statement was accepted (when the clone was made, or as exported). */
  acceptedAt: string;
}

/** The statement the recorder shows; the caller may show its own, which is then what is stored. */
export const DEFAULT_CONSENT_STATEMENT =
  'This is my own voice, or I have the permission of the person whose voice this is to clone it. ' +
  'I will not use the cloned voice to deceive anyone or to impersonate someone without their consent.';

export const MIN_STATEMENT_CHARS = 20;

export const MAX_WHO_CHARS = 200;
export const MAX_STATEMENT_CHARS = 2000;
/** Control and invisible format characters (NUL, U+202E…): they make a record read differently from what it stores. */
export const HIDDEN_CHARS = /[\p{Cc}\p{Cf}]/u;

/**
 * The limits of a consent record, the same for a clone made here and one imported from a file: an
 * imported record once bypassed them (a 1,000,000-character statement, NUL and U+202E in names).
 */
function checkedWords(rawWho: string, rawStatement: string): { who: string; statement: string } {
  const who = rawWho.trim();
  const statement = rawStatement.trim().replace(/\s+/g, ' ');
  if (!who) throw new KoeError('invalid_args', 'Say who is giving consent (your name), so the record shows who agreed to the cloning.');
  if (who.length > MAX_WHO_CHARS) throw new KoeError('invalid_args', `The name giving consent is too long (${MAX_WHO_CHARS} characters at most).`);
  if (HIDDEN_CHARS.test(who)) throw new KoeError('invalid_args', 'The name giving consent contains control or invisible formatting characters.');
  if (statement.length < MIN_STATEMENT_CHARS) throw new KoeError('invalid_args', `The consent statement is missing or too short; it must say what is being agreed to (at least ${MIN_STATEMENT_CHARS} characters).`);
  if (statement.length > MAX_STATEMENT_CHARS) throw new KoeError('invalid_args', `The consent statement is too long (${MAX_STATEMENT_CHARS} characters at most).`);
  if (HIDDEN_CHARS.test(statement)) throw new KoeError('invalid_args', 'The consent statement contains control or invisible formatting characters.');
  return { who, statement };
}

export function checkConsent(input: Partial<ConsentInput> | null | undefined, now: () => string = () => new Date().toISOString()): ConsentRecord {
  if (!input || input.accepted !== true) {
    throw new KoeError('invalid_args', 'Cloning a voice needs consent: confirm that the voice is yours or that its owner agreed to it being cloned.');
  }
  return { ...checkedWords(input.who ?? '', input.statement ?? ''), acceptedAt: now() };
}

/** A stored or imported record must be complete; an export without one is refused on import. */
export function parseConsentRecord(v: unknown): ConsentRecord {
  const r = v as Partial<ConsentRecord> | null;
  if (!r || typeof r.who !== 'string' || !r.who.trim() || typeof r.statement !== 'string' || r.statement.trim().length < MIN_STATEMENT_CHARS || typeof r.acceptedAt !== 'string' || Number.isNaN(Date.parse(r.acceptedAt))) {
    throw new KoeError('invalid_args', 'This voice has no valid consent record (who agreed, when, and to what); Koe does not import cloned voices without one.');
  }
  return { ...checkedWords(r.who, r.statement), acceptedAt: r.acceptedAt };
}
