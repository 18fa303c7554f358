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

export function checkConsent(input: Partial<ConsentInput> | null | undefined, now: () => string = () => new Date().toISOString()): ConsentRecord {
  if (!input || input.accepted !== true) {
    throw new KoeError('invalid_args', 'Cloning a voice needs consent: confirm that the voice is yours or that its owner agreed to it being cloned.');
  }
  const who = (input.who ?? '').trim();
  const statement = (input.statement ?? '').trim().replace(/\s+/g, ' ');
  if (!who) throw new KoeError('invalid_args', 'Say who is giving consent (your name), so the record shows who agreed to the cloning.');
  if (who.length > 200) throw new KoeError('invalid_args', 'The name giving consent is too long (200 characters at most).');
  if (statement.length < MIN_STATEMENT_CHARS) throw new KoeError('invalid_args', `The consent statement is missing or too short; it must say what is being agreed to (at least ${MIN_STATEMENT_CHARS} characters).`);
  if (statement.length > 2000) throw new KoeError('invalid_args', 'The consent statement is too long (2000 characters at most).');
  return { who, statement, acceptedAt: now() };
}

/** A stored or imported record must be complete; an export without one is refused on import. */
export function parseConsentRecord(v: unknown): ConsentRecord {
  const r = v as Partial<ConsentRecord> | null;
  if (!r || typeof r.who !== 'string' || !r.who.trim() || typeof r.statement !== 'string' || r.statement.trim().length < MIN_STATEMENT_CHARS || typeof r.acceptedAt !== 'string' || Number.isNaN(Date.parse(r.acceptedAt))) {
    throw new KoeError('invalid_args', 'This voice has no valid consent record (who agreed, when, and to what); Koe does not import cloned voices without one.');
  }
  return { who: r.who.trim(), statement: r.statement.trim(), acceptedAt: r.acceptedAt };
}
