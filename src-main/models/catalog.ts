// What can be downloaded: Kokoro v1.0 ONNX variants, its 54 voice packs and misaki's English
// lexicons, with the size, checksum, licence and source of every file. Sizes and checksums come from
// the hosts' published LFS pointers (see shared/ENGINES.md 1.1); a file without a published checksum
// is trusted only after its exact size and a test load, never on its name alone. Where not even the
// size is published (Pocket TTS), the download takes it from the host's Content-Length or
// Content-Range, refuses a body that ends short of it, and still requires the test load.
//
// Sources are stored relative to a host base URL (see hosts.ts), so a mirror or the tests' local
// server can stand in for Hugging Face and GitHub without a second catalog.

import { KOKORO_VOICES, type KokoroVoiceId } from './kokoro-voices';

export type AssetKind = 'kokoro-model' | 'kokoro-voices' | 'lexicon' | 'pocket-tts';
export type HostName = 'huggingface' | 'github';

export interface CatalogFile {
  /** Where the file lives under the models folder, '/'-separated. */
  path: string;
  host: HostName;
  /** Path under the host's base URL. */
  source: string;
  /**
   * Exact size, or null where the host publishes none: then the download learns it from the
   * response (and a body cut short of it is never trusted), and `approxBytes` stands in for
   * progress and disk-use figures until it is known.
   */
  bytes: number | null;
  /** Required when `bytes` is null: a published, rounded figure. Never used to verify. */
  approxBytes?: number;
  /** Null where no checksum is published; then size plus a test load decide. */
  sha256: string | null;
}

export interface CatalogAsset {
  id: string;
  kind: AssetKind;
  title: string;
  /** The model's dtype (fp32, q8…), or the lexicon's dialect; null for a voice set. */
  variant: string | null;
  version: string;
  license: string;
  /** Human-readable page about the asset, for the UI's "source" link. */
  homepage: string;
  notes: string;
  /** Other assets a working install needs (the model needs voices and lexicons). */
  requires: string[];
  files: CatalogFile[];
}

const KOKORO_REPO = 'onnx-community/Kokoro-82M-v1.0-ONNX';
const KOKORO_BASE = `${KOKORO_REPO}/resolve/main/`;
const KOKORO_PAGE = `https://huggingface.co/${KOKORO_REPO}`;
const MISAKI_COMMIT = 'fba1236595f2d2bf21d414ba6e57d25256afada3';
const MISAKI_BASE = `hexgrad/misaki/${MISAKI_COMMIT}/misaki/data/`;

export const VOICE_PACK_BYTES = 510 * 256 * 4;

export const CPU_8BIT_NOTE = 'published measurements find 8-bit slower than fp32 on CPU';

export const ENGLISH_COMPANIONS = ['kokoro-v1.0-voices', 'misaki-en-us', 'misaki-en-gb'];

interface Variant {
  dtype: string;
  file: string;
  bytes: number;
  sha256: string | null;
  notes: string;
}

// Byte counts and checksums from ENGINES.md 1.1 (LFS pointers of onnx-community's upload commit).
const VARIANTS: Variant[] = [
  { dtype: 'fp32', file: 'model.onnx', bytes: 325_532_232, sha256: '8fbea51ea711f2af382e88c833d9e288c6dc82ce5e98421ea61c058ce21a34cb', notes: `Full precision, the reference quality. Recommended on CPU until this machine is measured: ${CPU_8BIT_NOTE}.` },
  { dtype: 'fp16', file: 'model_fp16.onnx', bytes: 163_234_740, sha256: 'ba4527a874b42b21e35f468c10d326fdff3c7fc8cac1f85e9eb6c0dfc35c334a', notes: 'Half precision, half the download. Speed on CPU in Node is not measured yet.' },
  { dtype: 'q8', file: 'model_quantized.onnx', bytes: 92_361_116, sha256: 'fbae9257e1e05ffc727e951ef9b9c98418e6d79f1c9b6b13bd59f5c9028a1478', notes: `8-bit weights, the smallest common download, but ${CPU_8BIT_NOTE}; a browser benchmark found it failed a quality check on WebGPU.` },
  { dtype: 'q4', file: 'model_q4.onnx', bytes: 305_215_966, sha256: '04cf570cf9c4153694f76347ed4b9a48c1b59ff1de0999e6605d123966b197c7', notes: '4-bit block weights; barely smaller than fp32.' },
  { dtype: 'q4f16', file: 'model_q4f16.onnx', bytes: 154_586_422, sha256: 'd1a508a6a29671ead84fac99c7401fbd3c21a583fc6ed1406d1ec974d53bf45f', notes: 'fp16 model with 4-bit block weights.' },
  { dtype: 'q8f16', file: 'model_q8f16.onnx', bytes: 86_033_585, sha256: '04c658aec1b6008857c2ad10f8c589d4180d0ec427e7e6118ceb487e215c3cd0', notes: `8-bit weights in an fp16 model; kokoro-js refuses this variant, and ${CPU_8BIT_NOTE}.` },
  { dtype: 'uint8', file: 'model_uint8.onnx', bytes: 177_464_632, sha256: null, notes: `No published checksum: verified by exact size and a test load. A browser benchmark found it produced invalid samples on WebGPU; ${CPU_8BIT_NOTE}.` },
  { dtype: 'uint8f16', file: 'model_uint8f16.onnx', bytes: 114_209_226, sha256: null, notes: 'No published checksum: verified by exact size and a test load. kokoro-js refuses this variant.' },
];

// ENGINES.md 1.5: the 54 preset voices, one raw 510×256 float32 pack each (kokoro-voices.ts).
export const KOKORO_VOICE_IDS: readonly KokoroVoiceId[] = KOKORO_VOICES.map((v) => v.id);

// Sizes and checksums of the files at MISAKI_COMMIT (the copy in shared/data/misaki was taken from it).
const LEXICONS = {
  us: [
    { name: 'us_gold.json', bytes: 3_000_469, sha256: 'dc414872a49a28ae6c141463d502fd945f3b2fde040484fdc47d00cc4612686f' },
    { name: 'us_silver.json', bytes: 3_099_517, sha256: 'de8f67be911bb6c659187b4a65fd966b6a30e56350e0f790d763210b053ac475' },
  ],
  gb: [
    { name: 'gb_gold.json', bytes: 2_838_552, sha256: '29e62f4b60261c88f7f3c2c7811ca3825978948090b72d2b27d565b729282f71' },
    { name: 'gb_silver.json', bytes: 3_663_898, sha256: '48131e2d92ccc41655f4543e87e0f938e71463eb5a54be7f0693bb712ebb6bce' },
  ],
};

function modelAsset(v: Variant): CatalogAsset {
  return {
    id: `kokoro-v1.0-${v.dtype}`,
    kind: 'kokoro-model',
    title: `Kokoro-82M v1.0 (${v.dtype})`,
    variant: v.dtype,
    version: 'v1.0',
    license: 'Apache-2.0',
    homepage: KOKORO_PAGE,
    notes: v.notes,
    requires: ENGLISH_COMPANIONS,
    files: [{ path: `kokoro/onnx/${v.file}`, host: 'huggingface', source: `${KOKORO_BASE}onnx/${v.file}`, bytes: v.bytes, sha256: v.sha256 }],
  };
}

// One asset for all 54 packs rather than 54 entries: every Kokoro voice needs the same model, the
// set is 28 MB next to a 90–325 MB model, blending mixes packs freely, and 54 rows would bury the
// models in the list. Each pack is still its own file, verified and resumed on its own, and import
// accepts a single pack (e.g. from the kokoro-js package).
const voiceSet: CatalogAsset = {
  id: 'kokoro-v1.0-voices',
  kind: 'kokoro-voices',
  title: 'Kokoro v1.0 voices (54 voices, 9 languages)',
  variant: null,
  version: 'v1.0',
  license: 'Apache-2.0',
  homepage: KOKORO_PAGE,
  notes: 'Style vectors for every preset voice, 510×256 float32 each, every pack verified by sha256.',
  requires: [],
  files: KOKORO_VOICES.map(({ id, sha256 }) => ({
    path: `kokoro/voices/${id}.bin`,
    host: 'huggingface' as const,
    source: `${KOKORO_BASE}voices/${id}.bin`,
    bytes: VOICE_PACK_BYTES,
    sha256,
  })),
};

function lexiconAsset(dialect: 'us' | 'gb'): CatalogAsset {
  const name = dialect === 'us' ? 'American' : 'British';
  return {
    id: `misaki-en-${dialect}`,
    kind: 'lexicon',
    title: `misaki ${name} English lexicons (gold + silver)`,
    variant: `en-${dialect}`,
    version: MISAKI_COMMIT.slice(0, 7),
    license: 'Apache-2.0',
    homepage: `https://github.com/hexgrad/misaki/tree/${MISAKI_COMMIT}/misaki/data`,
    notes: `The pronunciation dictionaries Kokoro's ${name} English voices were trained with; needed by the English text path.`,
    requires: [],
    files: LEXICONS[dialect].map((f) => ({ path: `misaki/${f.name}`, host: 'github' as const, source: `${MISAKI_BASE}${f.name}`, bytes: f.bytes, sha256: f.sha256 })),
  };
}

// --- Pocket TTS: the English set of the ONNX export, in the npm / Hugging Face layout
// (ENGINES.md 2.2). No exact size or checksum is published anywhere we could read: the figures below
// are the rounded ones from the npm README, kept only for progress and disk use (`bytes: null`).
// The exact sizes are learned from the host while downloading, every file must pass the engine's
// test load, and once manifest.json is in, the other three must also match its byte counts and
// 16-hex-digit checksum prefixes (engines/pocket/verify.ts). manifest.json comes first for that.
const POCKET_REPO = 'thewh1teagle/pocket-tts-onnx';
const pocketEnglish: CatalogAsset = {
  id: 'pocket-tts-en',
  kind: 'pocket-tts',
  title: 'Pocket TTS English (voice cloning)',
  variant: 'int8',
  version: 'onnx-web-en',
  license: 'CC-BY-4.0',
  homepage: `https://huggingface.co/${POCKET_REPO}`,
  notes: 'Pocket TTS by Kyutai, ONNX export by thewh1teagle, CC BY 4.0. Zero-shot cloning from a 6–20 s recording, real time on a laptop CPU. Sizes are approximate (none is published exactly); each file is checked by a test load and against the set\'s manifest.',
  requires: [],
  files: [
    { path: 'pocket/en/manifest.json', approxBytes: 1_000 },
    { path: 'pocket/en/model.onnx', approxBytes: 177_000_000 },
    { path: 'pocket/en/encoder.onnx', approxBytes: 39_000_000 },
    { path: 'pocket/en/assets.json', approxBytes: 1_600_000 },
  ].map((f) => ({ ...f, bytes: null, sha256: null, host: 'huggingface' as const, source: `${POCKET_REPO}/resolve/main/${f.path.slice('pocket/'.length)}` })),
};
// --- end Pocket TTS ---

export const CATALOG: readonly CatalogAsset[] = [...VARIANTS.map(modelAsset), voiceSet, lexiconAsset('us'), lexiconAsset('gb'), pocketEnglish];

/** The size to show and to measure progress against: exact where known, else the estimate. */
export function sizeHint(file: CatalogFile): number {
  return file.bytes ?? file.approxBytes ?? 0;
}

/**
 * The most a file of unknown size may be before it is refused as some other file: generous (twice
 * the estimate, and never under 64 MiB of slack) yet enough to stop a wrong URL filling the disk.
 */
export function sizeLimit(file: CatalogFile): number {
  return file.bytes ?? Math.max(2 * sizeHint(file), sizeHint(file) + 64 * 1024 * 1024);
}

export function assetBytes(asset: CatalogAsset): number {
  return asset.files.reduce((n, f) => n + sizeHint(f), 0);
}

/** How the asset's files are trusted: all by checksum, some, or none (size and test load). */
export function checksumCoverage(asset: CatalogAsset): 'all' | 'some' | 'none' {
  const known = asset.files.filter((f) => f.sha256).length;
  return known === asset.files.length ? 'all' : known === 0 ? 'none' : 'some';
}

/** Throws if a catalog could write outside the models folder or names one file twice. */
export function checkCatalog(catalog: readonly CatalogAsset[]): void {
  const ids = new Set<string>();
  const paths = new Set<string>();
  for (const a of catalog) {
    if (ids.has(a.id)) throw new Error(`catalog: duplicate id ${a.id}`);
    ids.add(a.id);
    if (a.files.length === 0) throw new Error(`catalog: ${a.id} has no files`);
    for (const f of a.files) {
      const parts = f.path.split('/');
      if (f.path.startsWith('/') || f.path.includes('\\') || parts.some((p) => p === '' || p === '.' || p === '..' || p.startsWith('.'))) {
        throw new Error(`catalog: ${a.id} has an unsafe path ${f.path}`);
      }
      if (paths.has(f.path)) throw new Error(`catalog: ${f.path} appears twice`);
      paths.add(f.path);
      if (f.bytes === null ? !Number.isSafeInteger(f.approxBytes) || f.approxBytes! <= 0 : !Number.isSafeInteger(f.bytes) || f.bytes <= 0) {
        throw new Error(`catalog: ${f.path} has no size${f.bytes === null ? ' estimate' : ''}`);
      }
      if (f.sha256 !== null && !/^[0-9a-f]{64}$/.test(f.sha256)) throw new Error(`catalog: ${f.path} has a malformed sha256`);
    }
  }
  for (const a of catalog) for (const r of a.requires) if (!ids.has(r)) throw new Error(`catalog: ${a.id} requires unknown ${r}`);
}
