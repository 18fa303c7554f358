// What the person reads aloud. Written to cover much of English in 20 seconds: every vowel family,
// voiced and voiceless pairs (b/p, d/t, g/k, v/f, z/s), the sounds cloning most often gets wrong
// (th, sh, ch, j, zh-like "usual", r and l, ng), a question and an exclamation for rising and
// falling pitch, and a number. Natural sentences rather than a tongue-twister, because people read
// those in their everyday voice, which is the voice they want back.
export const CLONE_PROMPT =
  'Every morning I walk past the old harbour, where fishing boats bob beside bright yellow buoys. ' +
  'Have you ever tasted fresh bread with thick butter and wild strawberry jam? ' +
  'My neighbour Zoe keeps six chickens, a lazy grey cat, and a very loud parrot named Jack. ' +
  'As usual, the sun rises over the quiet hills at twenty past seven, and I think: what a wonderful day!';
