// The 54 Kokoro v1.0 preset voices (ENGINES.md 1.5), one row each: the id, the published overall
// grade and the checksum its pack is pinned to. The one table of them: the model catalog derives
// the voice downloads from it (catalog.ts) and the Kokoro engine its voice list
// (engines/kokoro/voice-catalog.ts; name, language and gender are read from the id), so a voice
// cannot be downloadable and unknown to the engine, or the reverse. It sits here, in a leaf module
// of the models floor, because the catalog must not import from the engines above it.
//
// The id's first letter is Kokoro's language code and the second the gender. Grades are the
// published ones for the English voices and null where none were published, rather than guessed.
//
// Every pack is pinned. ENGINES.md publishes the host's checksums for only two packs (af_heart,
// af_bella); the rest were computed from the packs the kokoro-js npm tarball ships (kokoro-js@1.2.1,
// what `npm run fixtures` unpacks into models/fixtures/kokoro/voices/). That tarball carries the
// packs byte for byte as the host serves them: both published checksums match its copies exactly,
// and the packs are raw float32 with no per-copy header that could differ. catalog.test.ts checks
// every pin against the fixture packs whenever they are present.

export interface KokoroVoiceRow {
  id: string;
  grade: string | null;
  /** sha256 of the raw 510×256 float32 pack (`kokoro/voices/<id>.bin`). */
  sha256: string;
}

export const KOKORO_VOICES = [
  { id: 'af_heart', grade: 'A', sha256: 'd583ccff3cdca2f7fae535cb998ac07e9fcb90f09737b9a41fa2734ec44a8f0b' },
  { id: 'af_alloy', grade: 'C', sha256: 'c4a6b876047fd7fb472edf4ebd63cfac7c3b958a7cae7c106e8f038ca6308c45' },
  { id: 'af_aoede', grade: 'C+', sha256: '4a004c33430762e2461eedb2013fad808ef4ab3121f5300f554476caf58d8361' },
  { id: 'af_bella', grade: 'A-', sha256: 'f69d836209b78eb8c66e75e3cda491e26ea838a3674257e9d4e5703cbaf55c8b' },
  { id: 'af_jessica', grade: 'D', sha256: 'a240a5e3c15b43563d6e923bdca8ef5613a23471d9b77653694012435df23bd8' },
  { id: 'af_kore', grade: 'C+', sha256: '9be5221b6a941c04b561959b8ff0b06e809444dcc4ab7e75a7b23606f691819e' },
  { id: 'af_nicole', grade: 'B-', sha256: 'cd2191ab31b914ed7b318416b0e4440fdf392ddad9106a060819aa600a64f59a' },
  { id: 'af_nova', grade: 'C', sha256: '18778272caa0d0eebaea251c35fd635f038434f9eee5e691d02a174bd328414f' },
  { id: 'af_river', grade: 'D', sha256: '00a2bcf82b1d86e8f19902ede58c65ccf6c0e43b44b7d74fad54e5d8933c9c30' },
  { id: 'af_sarah', grade: 'C+', sha256: '4409fbc125afabacc615d94db5398d847006a737b0247d6892b7a9a0007a2f0a' },
  { id: 'af_sky', grade: 'C-', sha256: '4435255c9744f3f31659e0d714ab7689bf65d9e77ec1cce060f083912614f0b9' },
  { id: 'am_adam', grade: 'F+', sha256: '162b035ed91cfc48b6046982184c645f72edcdd1b82843347f605d7bf7b15716' },
  { id: 'am_echo', grade: 'D', sha256: '3968b92c3c4cd1c4416dbded36c13eaa388a90d5788d02a13e4d781f5f8cf3c3' },
  { id: 'am_eric', grade: 'D', sha256: 'e8b5be17edd1e3636901ce7598baafe2dc8dd8ff707a0c23bf9e461add7e2832' },
  { id: 'am_fenrir', grade: 'C+', sha256: 'c27989f741f7ee34d273a39d8a595cc0837d35f5ced9a29b7cc162614616df43' },
  { id: 'am_liam', grade: 'D', sha256: '52403be32fd047c6a44517cb0bcd6b134f2a18baa73e70ef41651e0eab921ade' },
  { id: 'am_michael', grade: 'C+', sha256: '1d1f21dd8da39c30705cd4c75d039d265e9bc4a2a93ed09bc9e1b1225eb95ba1' },
  { id: 'am_onyx', grade: 'D', sha256: 'da5d135b424164916d75a68ffb4c2abce3d7d5ccc82dd1ee6cf447ce286145e6' },
  { id: 'am_puck', grade: 'C+', sha256: 'fcf73c989033e9233e0b98713eca600c8c74dcc1614b37009d5450ff4a2274a0' },
  { id: 'am_santa', grade: 'D-', sha256: '61150cf726ab6c5ed7a99f90a304f91f5a72c00c592e89ec94e5df11c319227a' },
  { id: 'bf_alice', grade: 'D', sha256: '08afa6ba24da61ea5e8efa139e5aadc938d83f0a6da5a900adaf763ac1da5573' },
  { id: 'bf_emma', grade: 'B-', sha256: '669fe0647f9dd04fcab92f1439a40eeb4c8b4ab1f82e4996fe3d918ce4a63b73' },
  { id: 'bf_isabella', grade: 'C', sha256: '3754352c4aaa46d17f27654ab7518d65b62ad6163a0f55a5f4330c2da2c4e94f' },
  { id: 'bf_lily', grade: 'D', sha256: '5e0ee32ebe64a467124976b14e69590746f1c4ce41a12b587a50c862edfea335' },
  { id: 'bm_daniel', grade: 'D', sha256: '6b3194bbceffb746733cbc22c8f593dd44e401a71d53895a2dca891bc595a1e8' },
  { id: 'bm_fable', grade: 'C', sha256: 'f889083196807b4adb15e9204252165f503b8d33d3982e681c52443c49d798f1' },
  { id: 'bm_george', grade: 'C', sha256: 'c4b235a4c1f2cd3b939fed08b899ce9385638b763f7b73a59616c4fc9bd6c9bc' },
  { id: 'bm_lewis', grade: 'D+', sha256: 'b8f671cef828c30e66fdf0b0756a76bba58f6bb3398cbbf27058642acbcedb97' },
  { id: 'ef_dora', grade: null, sha256: 'f66ec66bd295acb18372e37008533a9a3228483ccd294e7538d5d9294ac9a532' },
  { id: 'em_alex', grade: null, sha256: '27809e9eafdcbcfff90a3016c697568676531de2a2c39cee29c96c7bd6b83e95' },
  { id: 'em_santa', grade: null, sha256: 'ad43b774e1ca24d05c6161297d8aeb770ac3d29bb95daf516727af5f7d543683' },
  { id: 'ff_siwis', grade: null, sha256: 'a35f5675ad08948e326ae75fd0ea16ba5d0042e4f76b5f3d1df77d0a48c54861' },
  { id: 'hf_alpha', grade: null, sha256: '040be6a4425411cc01fda5fd06693c76bfa78572632852bc8cda9c99232ffb56' },
  { id: 'hf_beta', grade: null, sha256: 'cd83ae0bb9b2e4e4fb92b4973bd8d1822ca0036d3c498bf4fc89aa8e33917cc7' },
  { id: 'hm_omega', grade: null, sha256: 'b02d9222d9ed00ce26b302173a862c2c93f96cc40b5c422b8d14910b9ff34137' },
  { id: 'hm_psi', grade: null, sha256: '644daf88ba8aeb7bd08950bbdcd4453bb280864e49dc4df93fabc6be32e03f37' },
  { id: 'if_sara', grade: null, sha256: '409b69248798fcdc2542330c76953d230710f19b057e59cb82fdc3c4cf71265c' },
  { id: 'im_nicola', grade: null, sha256: 'bc578e510d52a96d6940d46f12e96d7b3df00905dbea075113226d100e6e1ab0' },
  { id: 'jf_alpha', grade: null, sha256: '56b479360aad9f367aeb8cef908f9201cf48b4555e488c5f4590c9dfcd978bb6' },
  { id: 'jf_gongitsune', grade: null, sha256: '0f1181f3772d27b7c12aaf4bcd71e31b186c4146e330d074a3dc64ee392af396' },
  { id: 'jf_nezumi', grade: null, sha256: '13cb71eebb0b48739d444558322aa35a8c9a489b80e1e631f14d2e6aea93026b' },
  { id: 'jf_tebukuro', grade: null, sha256: '29c6c0561b4288d59639677bebe7533c919743d5ea68d0d2ae992644beea6696' },
  { id: 'jm_kumo', grade: null, sha256: '09e959d239724c734d65661f06f14cdabcddfd476bfaaad905a937099ae9e64f' },
  { id: 'pf_dora', grade: null, sha256: '3da7b5b2d91847ebf5646f57631af6ececae3c29a89cd300f06edf9aa6cfe9ee' },
  { id: 'pm_alex', grade: null, sha256: '0175c753f59c54e7fd5a995bedef0c5ff2fb67e0043dd3dcb2ae74ec2acbeb2a' },
  { id: 'pm_santa', grade: null, sha256: '8b012db3185778afe2e45a62cbad69db73021774fe68dda634bcc748a982eede' },
  { id: 'zf_xiaobei', grade: null, sha256: '5dde6e1c9c4f12c8b327bc29c0cee361a23b52b952c04636858ba637ec66e640' },
  { id: 'zf_xiaoni', grade: null, sha256: '08892b62a39af0a615cd0581238db7e19e44c578e8fa0bfd0e586e93327d9cba' },
  { id: 'zf_xiaoxiao', grade: null, sha256: '03adb5d5e3ddd88b047954e974e651cb0a4b524c985057e5d872e962c7be1169' },
  { id: 'zf_xiaoyi', grade: null, sha256: 'bc1555c5c486099196ac254bae5e0bb543c121952a3092f50b7d8724f1bc36b3' },
  { id: 'zm_yunjian', grade: null, sha256: 'de48a00bdbf3649f07162269a2b6e0513604389bfac8a2e6c75cb34b323ad6fa' },
  { id: 'zm_yunxi', grade: null, sha256: '7243892fb4e560d47014090ddf010f8b8b790f3c6b029ff82b2ac06aa4e27c8b' },
  { id: 'zm_yunxia', grade: null, sha256: '6b2b8fc15b3df19a368daebe5c581c7fabf433ee5b8a17ffd6b3d723cff8936d' },
  { id: 'zm_yunyang', grade: null, sha256: '261e2c89470534dbbcb8fd98b8fdc495ec94063d9bb6c8277f7be43cccba3f42' },
] as const satisfies readonly KokoroVoiceRow[];

export type KokoroVoiceId = (typeof KOKORO_VOICES)[number]['id'];
