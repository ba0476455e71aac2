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

// A few hundred words of newsroom English with names, numbers, curly quotes and a few accented
// words, so texts look like the articles people annotate (and exercise code points beyond ASCII).
const NEWS_WORDS = (
  'the a an of to in on for with by at from as about after before over under between against during without ' +
  'council government minister ministry mayor city region state federal agency committee court judge report study ' +
  'budget plan proposal policy law bill vote election campaign party coalition opposition leader spokesperson official ' +
  'residents voters workers families students teachers doctors nurses farmers drivers tenants landlords businesses ' +
  'said says argued claimed warned insisted announced denied admitted suggested promised rejected approved delayed ' +
  'would could should might will may must cannot never always often rarely already still again ' +
  'new old large small public private local national rural urban rising falling higher lower cheaper costly ' +
  'controversial unprecedented reckless sensible modest ambitious unfair generous disastrous welcome overdue ' +
  'taxes wages prices rents costs savings debt deficit spending funding subsidies cuts increases revenue ' +
  'schools hospitals clinics buses trains roads bridges housing water energy climate emissions pollution ' +
  'percent million billion thousand dozens hundreds year years month week today yesterday Monday Tuesday Friday ' +
  'and but or yet because although while whereas since unless if when where which who that this these those ' +
  'is was were are be been has had have not only also even just more most less least many much some every ' +
  'café naïve résumé façade Zürich Malmö São Paulo Kraków'
).split(' ');
const NAMES = ['Maria Keller', 'Tomás Ortega', 'Aisha Bello', 'Jonas Weber', 'Li Wei', 'Sophie Martin', 'Olu Adeyemi', 'Hanna Nowak'];
const OUTLETS = ['The Morning Ledger', 'City Courier', 'Daily Meridian', 'Northern Post', 'The Civic Review'];
const TOPICS = ['budget', 'transport', 'housing', 'health', 'climate', 'education', 'elections'];

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)];

function sentence(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const r = rand();
    if (r < 0.03) out.push(String(Math.floor(rand() * 990) + 10));
    else if (r < 0.05) out.push(pick(rand, NAMES));
    else out.push(pick(rand, NEWS_WORDS));
    if (i > 2 && i < words - 2 && rand() < 0.06) out[out.length - 1] += ',';
  }
  const text = out.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}

/** An article of about `words` words in paragraphs of sentences, some of them quotes. */
export function articleText(rand: () => number, words: number): string {
  const paragraphs: string[] = [];
  let paragraph: string[] = [];
  let written = 0;
  while (written < words) {
    const n = Math.min(words - written, 8 + Math.floor(rand() * 18));
    let s = sentence(rand, Math.max(n, 3));
    if (rand() < 0.15) s = `“${s}” ${pick(rand, NAMES)} said.`;
    paragraph.push(s);
    written += n;
    if (paragraph.length >= 2 + Math.floor(rand() * 4)) {
      paragraphs.push(paragraph.join(' '));
      paragraph = [];
    }
  }
  if (paragraph.length) paragraphs.push(paragraph.join(' '));
  return paragraphs.join('\n\n');
}

/** Metadata to go with an article: title, author, outlet, source URL, publication date, topic. */
export function articleMetadata(rand: () => number, n: number) {
  const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(rand() * 700) * 86_400_000).toISOString().slice(0, 10);
  return {
    title: `${sentence(rand, 6 + Math.floor(rand() * 6)).slice(0, -1)} (${n})`,
    author: pick(rand, NAMES),
    outlet: pick(rand, OUTLETS),
    sourceUrl: `https://news.example/${day}/${n}`,
    publishedOn: day,
    topic: pick(rand, TOPICS),
  };
}
