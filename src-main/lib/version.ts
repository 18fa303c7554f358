// The app version, injected at build time from package.json so every face reports the same one.
declare const __KOE_VERSION__: string | undefined;
export const VERSION: string = typeof __KOE_VERSION__ === 'string' ? __KOE_VERSION__ : '0.0.0-dev';
