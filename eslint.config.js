// ESLint: typescript-eslint's recommended checks and the floors of the house (ARCHITECTURE.md):
// which room may import which. A rule here is the architecture; change the picture in
// ARCHITECTURE.md and this table together. Import cycles inside a room are dependency-cruiser's
// job (.dependency-cruiser.cjs): ESLint's cycle rules skip type-only imports.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Rooms of src-main, lowest floor first. A room may import itself and the rooms it lists; anything
 * else is an error. Floors only point down, so there is no way to write a cycle between rooms.
 */
const MAIN = {
  contract: [],
  lib: [],
  fs: ['contract', 'lib'],
  'espeak-ng': ['contract', 'lib'],
  audio: ['contract', 'lib', 'fs'],
  script: ['contract', 'lib'],
  text: ['contract', 'lib', 'espeak-ng', 'script'],
  library: ['contract', 'lib', 'fs', 'script', 'text'],
  // Manuscripts (EPUB, DOCX, Markdown, plain text) read into a script with chapters.
  manuscript: ['contract', 'lib', 'script'],
  models: ['contract', 'lib', 'fs', 'library'],
  // The engine floor: the interface and router, then the shared hosts, then one room per engine.
  // Engines never import each other; the hosts never import an engine.
  'engines-base': ['contract', 'lib', 'audio', 'text'],
  'engine-host': ['contract', 'lib', 'fs', 'audio', 'engines-base'],
  'engine-espeak': ['contract', 'lib', 'fs', 'audio', 'text', 'espeak-ng', 'engines-base', 'engine-host'],
  'engine-kokoro': ['contract', 'lib', 'fs', 'audio', 'text', 'espeak-ng', 'models', 'engines-base', 'engine-host'],
  'engine-pocket': ['contract', 'lib', 'fs', 'audio', 'text', 'models', 'engines-base', 'engine-host'],
  'engine-flite': ['contract', 'lib', 'audio', 'engines-base', 'engine-host'],
  // speech reads the direction vocabulary (script/directions.ts) to shape a directed line.
  speech: ['contract', 'lib', 'audio', 'script', 'text', 'library', 'engines-base'],
  'voice-clone': ['contract', 'lib', 'fs', 'audio', 'library', 'engines-base', 'engine-pocket'],
  timeline: ['contract', 'lib', 'fs', 'audio', 'script', 'text', 'library', 'engines-base', 'speech'],
  // What an export delivers: presets, chapters, cover, one file or one per chapter, the check report.
  delivery: ['contract', 'lib', 'fs', 'audio'],
  // Wiring: builds every service and the handler table; the only room that sees all of them.
  core: ['contract', 'lib', 'fs', 'audio', 'script', 'text', 'library', 'models', 'engines-base', 'engine-host', 'engine-espeak', 'engine-kokoro', 'engine-pocket', 'engine-flite', 'speech', 'voice-clone', 'timeline', 'delivery', 'manuscript'],
  // Faces: talk to the core through its handler table.
  server: ['contract', 'lib', 'fs', 'audio', 'core'],
  cli: ['contract', 'lib', 'script', 'core', 'server'],
  electron: ['contract', 'lib', 'core', 'server'],
  preload: ['contract'],
};

/**
 * Rooms of the renderer (src-renderer/src), lowest floor first. It reaches the core only through the
 * contract (and shares the script parser); features meet each other only through an index.ts.
 */
const RENDERER = {
  'ui-lib': ['contract'],
  'ui-client': ['ui-lib', 'contract'],
  'ui-project': ['ui-lib', 'contract', 'script'],
  'ui-audio': ['ui-project', 'ui-client', 'ui-lib', 'contract'],
  'ui-store': ['ui-audio', 'ui-project', 'ui-client', 'ui-lib', 'contract', 'script'],
  'ui-keyboard': ['ui-store', 'ui-lib', 'contract'],
  'ui-kit': ['ui-lib'],
  'ui-styles': [],
  'ui-feature': ['ui-kit', 'ui-keyboard', 'ui-store', 'ui-audio', 'ui-project', 'ui-client', 'ui-lib', 'contract', 'script'],
  'ui-app': ['ui-kit', 'ui-keyboard', 'ui-store', 'ui-client', 'ui-lib', 'ui-styles', 'contract'],
};
const RENDERER_DIRS = { 'ui-lib': 'lib', 'ui-client': 'client', 'ui-project': 'project', 'ui-audio': 'audio', 'ui-store': 'store', 'ui-keyboard': 'keyboard', 'ui-kit': 'ui', 'ui-styles': 'styles', 'ui-app': 'app' };

const rendererElements = [
  { type: 'ui-feature', pattern: 'src-renderer/src/features/*', capture: ['name'] },
  ...Object.entries(RENDERER_DIRS).map(([type, dir]) => ({ type, pattern: `src-renderer/src/${dir}` })),
];

const ENGINE_ROOMS = { 'engine-espeak': 'espeak', 'engine-kokoro': 'kokoro', 'engine-pocket': 'pocket', 'engine-flite': 'flite' };

const mainElements = [
  ...Object.entries(ENGINE_ROOMS).map(([type, dir]) => ({ type, pattern: `src-main/engines/${dir}` })),
  { type: 'engine-host', pattern: 'src-main/engines/(onnx|worker)' },
  { type: 'engines-base', pattern: 'src-main/engines' },
  ...Object.keys(MAIN)
    .filter((t) => !t.startsWith('engine') && t !== 'preload')
    .map((type) => ({ type, pattern: `src-main/${type}` })),
  { type: 'preload', pattern: 'src-preload' },
];

const allow = (rooms, self = true) =>
  Object.entries(rooms).map(([from, to]) => ({
    from: { element: { type: from } },
    allow: { to: { element: { types: { anyOf: self ? [from, ...to] : to } } } },
  }));

/** A feature imports its own files, and other features only through their index.ts (so do the app's screens). */
const featurePolicies = [
  ...allow({ 'ui-feature': RENDERER['ui-feature'] }, false),
  { from: { element: { type: 'ui-feature' } }, allow: { to: { element: { type: 'ui-feature', captured: { name: '{{ from.element.captured.name }}' } } } } },
  { from: { element: { types: { anyOf: ['ui-feature', 'ui-app'] } } }, allow: { to: { element: { type: 'ui-feature', fileInternalPath: 'index.ts' } } } },
];
const rendererRooms = Object.fromEntries(Object.entries(RENDERER).filter(([room]) => room !== 'ui-feature'));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'models/**', 'test-results/**', 'playwright-report/**', '**/*.d.ts', 'src-renderer/public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Text cleaning strips control characters on purpose (file names, pasted scripts, tags).
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests may hold loosely typed replies and fixtures.
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts', 'test-support/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error' },
  },
  // The floors, for production code in src-main and src-preload. Tests may import any floor (they
  // check how rooms work together), but production never imports test or bench helpers.
  {
    files: ['src-main/**/*.ts', 'src-preload/**/*.ts'],
    ignores: ['**/*.test.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { project: ['tsconfig.node.json'] } },
      'boundaries/elements': mainElements,
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies: allow(MAIN) }],
      'boundaries/no-unknown-dependencies': 'error',
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only src-main/electron and the preload import electron.' }], patterns: [{ group: ['**/test-support/**', '**/bench/**'], message: 'Production code never imports test or bench helpers.' }] }],
    },
  },
  {
    files: ['src-main/electron/**/*.ts', 'src-preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  // The renderer's floors; it imports nothing from src-main but the contract and the script parser.
  {
    files: ['src-renderer/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { project: ['tsconfig.web.json'] } },
      'boundaries/elements': [...rendererElements, { type: 'contract', pattern: 'src-main/contract' }, { type: 'script', pattern: 'src-main/script' }],
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies: [...allow(rendererRooms), ...featurePolicies] }],
      'boundaries/no-unknown-dependencies': 'error',
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The renderer reaches the core through the contract client, never electron.' }] }],
    },
  },
);
