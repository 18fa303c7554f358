// Keys for the OpenAI-compatible speech API (`/v1/…` on the server face): created, listed and revoked
// from Settings and `koe keys`. A key's secret leaves the core once, in the reply to its creation,
// and is never listed again; the library keeps only its hash.
import { z } from 'zod';
import type { CallSpec } from './call-spec';
import { call } from './call-spec';

export const ApiKey = z.object({
  id: z.string(),
  name: z.string(),
  /** The key's first characters, so keys can be told apart without showing them. */
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof ApiKey>;

export const ApiKeyName = z.string().trim().min(1, 'a key needs a name').max(100, 'a key name is at most 100 characters');

export const apiKeyCalls = {
  'apiKeys.create': call(
    z.object({ name: ApiKeyName }).strict(),
    z.object({ key: ApiKey, secret: z.string() }),
    'Create an API key for /v1; the secret is in this reply only.',
  ),
  'apiKeys.list': call(z.object({}).strict(), z.array(ApiKey), 'API keys that work now, newest first.'),
  'apiKeys.status': call(
    z.object({}).strict(),
    z.object({ url: z.string().nullable(), error: z.string().nullable() }),
    "The desktop app's speech API listener: where it listens, or why it does not (null url when off or not this face's to run).",
  ),
  'apiKeys.revoke': call(z.object({ id: z.string().min(1).max(64) }).strict(), z.object({ revoked: z.boolean() }), 'Revoke an API key; requests with it fail at once.'),
} satisfies Record<string, CallSpec>;
