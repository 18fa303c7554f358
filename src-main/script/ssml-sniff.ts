// Whether a text is SSML, by its <speak> root. Here, beside the script parser, because both the
// manuscript import (a file) and the studio's editor (a paste) ask it, and the renderer may read
// this floor but not the importer's: one test in one place, so a paste and a file never disagree.

/** Whether decoded text is SSML: a <speak> root, perhaps after a BOM, an XML declaration or comments. */
export function looksLikeSsml(text: string): boolean {
  return /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<speak[\s>/]/.test(text.slice(0, 4096));
}
