// Keys for the speech API: create (the secret is in this reply only), list, revoke.
import type { Handlers } from '../../contract/dispatch';
import type { Services } from '../services';

type ApiKeyCallName = Extract<keyof Handlers, `apiKeys.${string}`>;

export function createApiKeyHandlers(s: Pick<Services, 'library' | 'face'>): Pick<Handlers, ApiKeyCallName> {
  const { apiKeys } = s.library;
  return {
    'apiKeys.create': async (args) => apiKeys.create(args.name),
    'apiKeys.list': async () => apiKeys.list(),
    'apiKeys.status': async () => s.face.apiStatus?.() ?? { url: null, error: null },
    'apiKeys.revoke': async (args) => ({ revoked: apiKeys.revoke(args.id) }),
  };
}
