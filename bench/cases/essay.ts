/** Generated essays for benchmarks: repeatable (seeded), English-like word frequencies, no stray white space. */

/** A small, fast, seeded PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCABULARY = (
  'the of and to a in is it that was he for on are as with his they at be this from I have or by one had not but what all ' +
  'were when we there can an your which their said if do will each about how up out them then she many some so these would ' +
  'other into has more her two like him see time could no make than first been its who now people my made over did down only ' +
  'way find use may water long little very after words called just where most know get through back much before go good new ' +
  'write our used me man too any day same right look think also around another came come work three word must because does ' +
  'part even place well such here take why things help put years different away again off went old number great tell men say ' +
  'small every found still between name should home big give air line set own under read last never us left end along while ' +
  'might next sound below saw something thought both few those always looked show large often together asked house world going ' +
  'want school important until form food keep children feet land side without boy once animals life enough took sometimes four ' +
  'head above kind began almost live page got earth need far hand high year mother light parts country father let night following ' +
  'picture being study second eyes soon times story boys since white days ever paper hard near sentence better best across during ' +
  'today others however sure means knew its try told young miles sun ways thing whole hear example heard several change answer room ' +
  'Samantha Theodore operating system letters relationship technology movie heart limbic revision brain cognition embodied love ' +
  'capacity intelligence artificial human physical reality Jonze camera words space between infinite book reading slowly story'
).split(' ');

/** Longer words, drawn as often as a middling common word each: essays are not written in monosyllables. */
const LONG_WORDS = (
  'relationship consciousness technological commentary cinematography counterpoint imbalance presumably intellectual ' +
  'understanding physiological interpersonal expediency possibilities traditionally hyper-personalized significant ' +
  'imperative disembodied prerequisite convincingly distinction nitpicking experience mysterious storyteller paradise ' +
  'well-imagined so-called explanation interesting dichotomies profoundly fabricate imitation genuinely mawkishness ' +
  'emotionality neocortical rationality subconscious remodeled reinforced recreating perception capabilities underlying ' +
  'proponents embodiment artificially heartbroken fundamental operating everything disparity separation mortally ' +
  'undercurrents vocalization visceral escalating dependence earpieces subservience inevitable instantly personality'
).split(' ');

/** Zipf-like choice: common words much more often than rare ones, as in prose. */
function word(rand: () => number): string {
  const r = rand();
  if (r < 0.3) return LONG_WORDS[Math.floor(rand() * LONG_WORDS.length)];
  return VOCABULARY[Math.floor(VOCABULARY.length * r * r * r)];
}

export interface GeneratedEssay {
  html: string;
  words: number;
}

/** An essay of `words` words: sections of paragraphs of sentences, as authored HTML without formatting space. */
export function generateEssay(words: number, seed = 1): GeneratedEssay {
  const rand = random(seed);
  const parts: string[] = [];
  let count = 0;
  let section = 0;
  while (count < words) {
    if (count % 4000 < 100 || parts.length === 0) parts.push(`<h2>Section ${++section}</h2>`);
    const sentences: string[] = [];
    const paragraphWords = 40 + Math.floor(rand() * 80);
    let inParagraph = 0;
    while (inParagraph < paragraphWords && count < words) {
      const length = 6 + Math.floor(rand() * 18);
      const sentence: string[] = [];
      for (let i = 0; i < length; i++) sentence.push(word(rand));
      sentence[0] = sentence[0][0].toUpperCase() + sentence[0].slice(1);
      const emphasis = rand() < 0.15 ? Math.floor(rand() * length) : -1;
      if (emphasis >= 0) sentence[emphasis] = `<em>${sentence[emphasis]}</em>`;
      sentences.push(`${sentence.join(' ')}.`);
      inParagraph += length;
      count += length;
    }
    parts.push(`<p>${sentences.join(' ')}</p>`);
  }
  return { html: parts.join(''), words: count };
}

/** Random passages of 3 to 15 whole words: [start, end) offsets into `text`. */
export function randomPassages(text: string, count: number, seed = 2): [number, number][] {
  const rand = random(seed);
  const passages: [number, number][] = [];
  while (passages.length < count) {
    let start = Math.floor(rand() * text.length);
    while (start > 0 && text[start - 1] !== ' ') start--;
    let end = start;
    const words = 3 + Math.floor(rand() * 13);
    for (let w = 0; w < words && end < text.length; w++) {
      end = text.indexOf(' ', end + 1);
      if (end === -1) end = text.length;
    }
    if (end > start + 5) passages.push([start, end]);
  }
  return passages;
}
