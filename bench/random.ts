/** A small seeded generator (mulberry32), so every benchmark run sees the same corpus. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'the council said a new budget would cut costs while critics argued that the plan was rushed and unfair to residents who rely on buses schools and clinics'.split(' ');

export function syntheticText(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    out.push(WORDS[Math.floor(rand() * WORDS.length)]);
    if (i % 18 === 17) out.push(rand() < 0.3 ? '.\n\n' : '.');
  }
  return out.join(' ');
}
