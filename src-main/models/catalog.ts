// What can be downloaded: Kokoro v1.0 ONNX variants, its 54 voice packs and misaki's English
// lexicons, with the size, checksum, licence and source of every file. Sizes and checksums come from
// the hosts' published LFS pointers (see shared/ENGINES.md 1.1); a file without a published checksum
// is trusted only after its exact size and a test load, never on its name alone. Where not even the
// size is published (Pocket TTS), the download takes it from the host's Content-Length or
// Content-Range, refuses a body that ends short of it, and still requires the test load.
//
// Sources are stored relative to a host base URL (see hosts.ts), so a mirror or the tests' local
// server can stand in for Hugging Face and GitHub without a second catalog.

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

// ENGINES.md 1.5: the 54 preset voices, one raw 510×256 float32 pack each.
export const KOKORO_VOICE_IDS = [
  'af_heart', 'af_alloy', 'af_aoede', 'af_bella', 'af_jessica', 'af_kore', 'af_nicole', 'af_nova', 'af_river', 'af_sarah', 'af_sky',
  'am_adam', 'am_echo', 'am_eric', 'am_fenrir', 'am_liam', 'am_michael', 'am_onyx', 'am_puck', 'am_santa',
  'bf_alice', 'bf_emma', 'bf_isabella', 'bf_lily', 'bm_daniel', 'bm_fable', 'bm_george', 'bm_lewis',
  'ef_dora', 'em_alex', 'em_santa', 'ff_siwis', 'hf_alpha', 'hf_beta', 'hm_omega', 'hm_psi', 'if_sara', 'im_nicola',
  'jf_alpha', 'jf_gongitsune', 'jf_nezumi', 'jf_tebukuro', 'jm_kumo', 'pf_dora', 'pm_alex', 'pm_santa',
  'zf_xiaobei', 'zf_xiaoni', 'zf_xiaoxiao', 'zf_xiaoyi', 'zm_yunjian', 'zm_yunxi', 'zm_yunxia', 'zm_yunyang',
] as const;

// Every pack is pinned. ENGINES.md publishes the host's checksums for only two packs (af_heart,
// af_bella); the rest were computed from the packs the kokoro-js npm tarball ships (kokoro-js@1.2.1,
// what `npm run fixtures` unpacks into models/fixtures/kokoro/voices/). That tarball carries the
// packs byte for byte as the host serves them: both published checksums match its copies exactly,
// and the packs are raw float32 with no per-copy header that could differ. catalog.test.ts checks
// every pin against the fixture packs whenever they are present.
const VOICE_SHA256: Readonly<Record<(typeof KOKORO_VOICE_IDS)[number], string>> = {
  af_alloy: 'c4a6b876047fd7fb472edf4ebd63cfac7c3b958a7cae7c106e8f038ca6308c45',
  af_aoede: '4a004c33430762e2461eedb2013fad808ef4ab3121f5300f554476caf58d8361',
  af_bella: 'f69d836209b78eb8c66e75e3cda491e26ea838a3674257e9d4e5703cbaf55c8b',
  af_heart: 'd583ccff3cdca2f7fae535cb998ac07e9fcb90f09737b9a41fa2734ec44a8f0b',
  af_jessica: 'a240a5e3c15b43563d6e923bdca8ef5613a23471d9b77653694012435df23bd8',
  af_kore: '9be5221b6a941c04b561959b8ff0b06e809444dcc4ab7e75a7b23606f691819e',
  af_nicole: 'cd2191ab31b914ed7b318416b0e4440fdf392ddad9106a060819aa600a64f59a',
  af_nova: '18778272caa0d0eebaea251c35fd635f038434f9eee5e691d02a174bd328414f',
  af_river: '00a2bcf82b1d86e8f19902ede58c65ccf6c0e43b44b7d74fad54e5d8933c9c30',
  af_sarah: '4409fbc125afabacc615d94db5398d847006a737b0247d6892b7a9a0007a2f0a',
  af_sky: '4435255c9744f3f31659e0d714ab7689bf65d9e77ec1cce060f083912614f0b9',
  am_adam: '162b035ed91cfc48b6046982184c645f72edcdd1b82843347f605d7bf7b15716',
  am_echo: '3968b92c3c4cd1c4416dbded36c13eaa388a90d5788d02a13e4d781f5f8cf3c3',
  am_eric: 'e8b5be17edd1e3636901ce7598baafe2dc8dd8ff707a0c23bf9e461add7e2832',
  am_fenrir: 'c27989f741f7ee34d273a39d8a595cc0837d35f5ced9a29b7cc162614616df43',
  am_liam: '52403be32fd047c6a44517cb0bcd6b134f2a18baa73e70ef41651e0eab921ade',
  am_michael: '1d1f21dd8da39c30705cd4c75d039d265e9bc4a2a93ed09bc9e1b1225eb95ba1',
  am_onyx: 'da5d135b424164916d75a68ffb4c2abce3d7d5ccc82dd1ee6cf447ce286145e6',
  am_puck: 'fcf73c989033e9233e0b98713eca600c8c74dcc1614b37009d5450ff4a2274a0',
  am_santa: '61150cf726ab6c5ed7a99f90a304f91f5a72c00c592e89ec94e5df11c319227a',
  bf_alice: '08afa6ba24da61ea5e8efa139e5aadc938d83f0a6da5a900adaf763ac1da5573',
  bf_emma: '669fe0647f9dd04fcab92f1439a40eeb4c8b4ab1f82e4996fe3d918ce4a63b73',
  bf_isabella: '3754352c4aaa46d17f27654ab7518d65b62ad6163a0f55a5f4330c2da2c4e94f',
  bf_lily: '5e0ee32ebe64a467124976b14e69590746f1c4ce41a12b587a50c862edfea335',
  bm_daniel: '6b3194bbceffb746733cbc22c8f593dd44e401a71d53895a2dca891bc595a1e8',
  bm_fable: 'f889083196807b4adb15e9204252165f503b8d33d3982e681c52443c49d798f1',
  bm_george: 'c4b235a4c1f2cd3b939fed08b899ce9385638b763f7b73a59616c4fc9bd6c9bc',
  bm_lewis: 'b8f671cef828c30e66fdf0b0756a76bba58f6bb3398cbbf27058642acbcedb97',
  ef_dora: 'f66ec66bd295acb18372e37008533a9a3228483ccd294e7538d5d9294ac9a532',
  em_alex: '27809e9eafdcbcfff90a3016c697568676531de2a2c39cee29c96c7bd6b83e95',
  em_santa: 'ad43b774e1ca24d05c6161297d8aeb770ac3d29bb95daf516727af5f7d543683',
  ff_siwis: 'a35f5675ad08948e326ae75fd0ea16ba5d0042e4f76b5f3d1df77d0a48c54861',
  hf_alpha: '040be6a4425411cc01fda5fd06693c76bfa78572632852bc8cda9c99232ffb56',
  hf_beta: 'cd83ae0bb9b2e4e4fb92b4973bd8d1822ca0036d3c498bf4fc89aa8e33917cc7',
  hm_omega: 'b02d9222d9ed00ce26b302173a862c2c93f96cc40b5c422b8d14910b9ff34137',
  hm_psi: '644daf88ba8aeb7bd08950bbdcd4453bb280864e49dc4df93fabc6be32e03f37',
  if_sara: '409b69248798fcdc2542330c76953d230710f19b057e59cb82fdc3c4cf71265c',
  im_nicola: 'bc578e510d52a96d6940d46f12e96d7b3df00905dbea075113226d100e6e1ab0',
  jf_alpha: '56b479360aad9f367aeb8cef908f9201cf48b4555e488c5f4590c9dfcd978bb6',
  jf_gongitsune: '0f1181f3772d27b7c12aaf4bcd71e31b186c4146e330d074a3dc64ee392af396',
  jf_nezumi: '13cb71eebb0b48739d444558322aa35a8c9a489b80e1e631f14d2e6aea93026b',
  jf_tebukuro: '29c6c0561b4288d59639677bebe7533c919743d5ea68d0d2ae992644beea6696',
  jm_kumo: '09e959d239724c734d65661f06f14cdabcddfd476bfaaad905a937099ae9e64f',
  pf_dora: '3da7b5b2d91847ebf5646f57631af6ececae3c29a89cd300f06edf9aa6cfe9ee',
  pm_alex: '0175c753f59c54e7fd5a995bedef0c5ff2fb67e0043dd3dcb2ae74ec2acbeb2a',
  pm_santa: '8b012db3185778afe2e45a62cbad69db73021774fe68dda634bcc748a982eede',
  zf_xiaobei: '5dde6e1c9c4f12c8b327bc29c0cee361a23b52b952c04636858ba637ec66e640',
  zf_xiaoni: '08892b62a39af0a615cd0581238db7e19e44c578e8fa0bfd0e586e93327d9cba',
  zf_xiaoxiao: '03adb5d5e3ddd88b047954e974e651cb0a4b524c985057e5d872e962c7be1169',
  zf_xiaoyi: 'bc1555c5c486099196ac254bae5e0bb543c121952a3092f50b7d8724f1bc36b3',
  zm_yunjian: 'de48a00bdbf3649f07162269a2b6e0513604389bfac8a2e6c75cb34b323ad6fa',
  zm_yunxi: '7243892fb4e560d47014090ddf010f8b8b790f3c6b029ff82b2ac06aa4e27c8b',
  zm_yunxia: '6b2b8fc15b3df19a368daebe5c581c7fabf433ee5b8a17ffd6b3d723cff8936d',
  zm_yunyang: '261e2c89470534dbbcb8fd98b8fdc495ec94063d9bb6c8277f7be43cccba3f42',
};

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
  files: KOKORO_VOICE_IDS.map((id) => ({
    path: `kokoro/voices/${id}.bin`,
    host: 'huggingface' as const,
    source: `${KOKORO_BASE}voices/${id}.bin`,
    bytes: VOICE_PACK_BYTES,
    sha256: VOICE_SHA256[id],
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
