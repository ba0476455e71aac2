/*
 * Suggestions for the "Speaker" field of a sourced quote, mined from the
 * article itself. Pure heuristics over capitalisation: it finds Latin-script
 * names ("Vladimir Putin", "Ursula von der Leyen", "George W. Bush") and ranks
 * those that appear next to a speech verb first. Scripts without letter case
 * (Chinese, Arabic, ...) yield nothing, which only costs a suggestion.
 */

export const MAX_SPEAKER_SUGGESTIONS = 20;

const SPEECH_VERBS = new Set([
  'said', 'says', 'say', 'told', 'tells', 'stated', 'states', 'explained', 'explains', 'added', 'adds',
  'noted', 'notes', 'stressed', 'stresses', 'warned', 'warns', 'argued', 'argues', 'claimed', 'claims',
  'insisted', 'insists', 'wrote', 'writes', 'asked', 'asks', 'replied', 'replies', 'responded',
  'announced', 'announces', 'declared', 'declares', 'commented', 'remarked', 'emphasized', 'emphasised',
  'recalled', 'acknowledged', 'admitted', 'tweeted', 'posted', 'continued', 'concluded', 'suggested',
  'contended', 'observed', 'testified', 'confirmed', 'denied', 'urged', 'predicted', 'cautioned',
]);

/** Words allowed between a name and its speech verb ("Ryabkov earlier said", "Biden has repeatedly said"). */
const BRIDGE_WORDS = new Set([
  'also', 'earlier', 'later', 'then', 'has', 'had', 'have', 'was', 'is', 'were', 'would', 'will', 'once',
  'further', 'again', 'previously', 'recently', 'reportedly', 'specifically', 'repeatedly', 'publicly',
  'privately', 'openly', 'last', 'yesterday', 'today', 'never', 'not', 'just', 'flatly',
]);

/** Lowercase name particles, kept only between capitalised words. */
const PARTICLES = new Set([
  'de', 'del', 'della', 'der', 'den', 'di', 'da', 'das', 'dos', 'du', 'la', 'le', 'van', 'von', 'ten', 'ter',
  'bin', 'ibn', 'al', 'el', 'zu', 'y', 'e',
]);

/** Titles and roles: the name proper starts after the last of these. */
const TITLES = new Set([
  'president', 'vice', 'prime', 'minister', 'deputy', 'foreign', 'defence', 'defense', 'finance', 'interior',
  'secretary', 'spokesman', 'spokeswoman', 'spokesperson', 'chancellor', 'governor', 'senator', 'sen',
  'rep', 'representative', 'congressman', 'congresswoman', 'mayor', 'general', 'gen', 'colonel', 'col',
  'admiral', 'captain', 'capt', 'lieutenant', 'lt', 'sergeant', 'sgt', 'chief', 'director', 'chairman',
  'chairwoman', 'chair', 'ambassador', 'judge', 'justice', 'dr', 'mr', 'mrs', 'ms', 'miss', 'prof',
  'professor', 'sir', 'dame', 'lord', 'lady', 'king', 'queen', 'prince', 'princess', 'pope', 'father',
  'rev', 'reverend', 'rabbi', 'imam', 'sheikh', 'aide', 'adviser', 'advisor', 'commissioner', 'attorney',
  'premier', 'leader', 'speaker', 'councillor', 'councilman', 'head', 'economist', 'analyst', 'editor',
  'correspondent', 'ceo', 'coach', 'officer', 'official', 'envoy', 'senior', 'former',
]);

/** Abbreviated titles/initials may be followed by a period without ending the name. */
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'capt', 'sgt', 'rev', 'jr', 'sr']);

/** A run containing any of these names an organisation, place, event or page furniture, not a person. */
const NON_PERSON = new Set([
  'ministry', 'department', 'institute', 'university', 'college', 'school', 'academy', 'times', 'post', 'news',
  'journal', 'herald', 'tribune', 'gazette', 'daily', 'agency', 'council', 'committee', 'commission', 'party',
  'bank', 'fund', 'group', 'company', 'corporation', 'corp', 'inc', 'ltd', 'llc', 'association', 'union',
  'organization', 'organisation', 'office', 'court', 'congress', 'senate', 'house', 'parliament', 'assembly',
  'army', 'navy', 'force', 'forces', 'republic', 'kingdom', 'states', 'nations', 'federation', 'olympics',
  'games', 'cup', 'treaty', 'cooperation', 'alliance', 'pact', 'war', 'street', 'avenue', 'road', 'square',
  'sea', 'ocean', 'river', 'mountains', 'strait', 'straits', 'island', 'islands', 'airport', 'station',
  'hospital', 'church', 'museum', 'centre', 'center', 'foundation', 'society', 'club', 'league', 'team',
  'summit', 'conference', 'forum', 'studies', 'press', 'media', 'television', 'radio', 'network', 'system',
  'act', 'law', 'report', 'program', 'programme', 'project', 'initiative', 'agreement', 'accord',
  'declaration', 'constitution', 'service', 'services', 'police', 'embassy', 'government', 'administration',
  'cabinet', 'image', 'photo', 'video', 'article', 'advertisement', 'images', 'getty', 'reuters', 'county',
  'city', 'province', 'region', 'valley', 'park', 'hall', 'tower', 'bridge', 'stadium', 'market', 'exchange',
  'index', 'prize', 'award', 'awards', 'festival', 'week', 'weekend', 'east', 'west', 'north', 'south',
]);

/** Capitalised only because they start a sentence (or are function words in titles). */
const COMMON_WORDS = new Set([
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'in', 'on', 'at', 'by', 'for', 'from', 'to', 'of', 'with',
  'without', 'within', 'about', 'after', 'before', 'during', 'since', 'until', 'over', 'under', 'between',
  'among', 'through', 'into', 'and', 'but', 'or', 'nor', 'so', 'yet', 'if', 'when', 'while', 'where', 'why',
  'how', 'what', 'who', 'whom', 'which', 'whose', 'as', 'although', 'though', 'because', 'both', 'either',
  'neither', 'each', 'every', 'all', 'some', 'many', 'most', 'few', 'several', 'such', 'no', 'not', 'he',
  'she', 'it', 'we', 'they', 'i', 'you', 'his', 'her', 'its', 'our', 'their', 'my', 'your', 'him', 'them',
  'us', 'there', 'here', 'then', 'now', 'today', 'yesterday', 'tomorrow', 'also', 'however', 'meanwhile',
  'moreover', 'furthermore', 'still', 'even', 'only', 'just', 'according', 'following', 'last', 'next',
  'first', 'second', 'third', 'finally', 'instead', 'indeed', 'thus', 'therefore', 'despite', 'unlike',
  'like', 'amid', 'against', 'around', 'across', 'along', 'behind', 'beyond', 'toward', 'towards', 'upon',
  'per', 'via', 'do', 'does', 'did', 'is', 'are', 'was', 'were', 'be', 'been', 'has', 'have', 'had', 'will',
  'would', 'can', 'could', 'should', 'must', 'may', 'might', 'shall', 'yes', 'oh', 'one', 'two', 'three',
  'other', 'another', 'any', 'more', 'less', 'much', 'very', 'well', 'once', 'whether', 'whatever',
  'whoever', 'written', 'subject', 'read', 'share', 'click', 'see', 'watch', 'taking', 'given', 'asked',
  'said', 'says', 'let', 'dear', 'hello', 'thanks', 'please', 'note', 'update', 'updated', 'breaking',
]);

const MONTHS_AND_DAYS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov',
  'dec', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
]);

const QUOTE_CHARS = new Set(['"', "'", '\u201c', '\u201d', '\u2018', '\u2019', '\u00ab', '\u00bb', ')', ']']);
const SENTENCE_END = new Set(['.', '!', '?', '\u2026', ':', ';']);

interface Token {
  kind: 'word' | 'num' | 'newline' | 'punct';
  /** Word text with any possessive "'s" removed. */
  text: string;
  lower: string;
  possessive: boolean;
  /** Whitespace-only gap to the previous token contains no newline. */
  sameLine: boolean;
  /** Directly follows the previous token with no gap at all. */
  adjacent: boolean;
  sentenceStart: boolean;
}

const TOKEN_RE = /(\p{L}[\p{L}\p{M}]*(?:['\u2019\-\u2010][\p{L}\p{M}]+)*)|(\p{N}+)|(\n)|([^\s])/gu;
const CAPITALISED = /^(?:[\p{Lu}\p{Lt}](?:[\p{Ll}\p{M}]|['\u2019][\p{Lu}])|(?:al|el|ad|as|at|an|ar|az|ash)-\p{Lu}\p{Ll})/u;
const POSSESSIVE = /['\u2019]s$/u;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let lastEnd = 0;
  let atSentenceStart = true;
  for (const m of text.matchAll(TOKEN_RE)) {
    const raw = m[0];
    const gap = text.slice(lastEnd, m.index);
    lastEnd = m.index + raw.length;
    const kind: Token['kind'] = m[1] ? 'word' : m[2] ? 'num' : m[3] ? 'newline' : 'punct';
    const possessive = kind === 'word' && POSSESSIVE.test(raw);
    const word = possessive ? raw.slice(0, -2) : raw;
    tokens.push({
      kind,
      text: word,
      lower: word.toLowerCase(),
      possessive,
      sameLine: !gap.includes('\n'),
      adjacent: gap.length === 0,
      sentenceStart: kind === 'word' && atSentenceStart,
    });
    if (kind === 'newline' || (kind === 'punct' && SENTENCE_END.has(raw))) atSentenceStart = true;
    else if (kind === 'word' || kind === 'num') atSentenceStart = false;
    // Opening quotes and brackets keep the sentence-start state for the next word.
  }
  return tokens;
}

function isCapitalised(word: string): boolean {
  return CAPITALISED.test(word) && word !== word.toUpperCase();
}

/** Article lines in Title Case without final punctuation are headlines, not prose. */
function headlineLines(text: string): boolean[] {
  return text.split('\n').map((line) => {
    const trimmed = line.trim();
    if (trimmed === '' || /[.!?:"\u201d]$/u.test(trimmed)) return false;
    const words = trimmed.match(/\p{L}[\p{L}\p{M}'\u2019-]*/gu) ?? [];
    const content = words.filter((w) => w.length >= 4);
    if (words.length < 2 || content.length === 0) return false;
    return content.filter((w) => /^\p{Lu}/u.test(w)).length / content.length >= 0.6 && words.length <= 14;
  });
}

interface Occurrence {
  name: string;
  words: string[];
  /** Token indices of the first and last word of the name. */
  first: number;
  last: number;
  titled: boolean;
  sentenceStart: boolean;
}

function findOccurrences(tokens: Token[], text: string): Occurrence[] {
  const headline = headlineLines(text);
  const occurrences: Occurrence[] = [];
  let line = 0;
  let run: { index: number; word: string; particle: boolean; initial: boolean }[] = [];

  const flush = () => {
    let parts = run;
    run = [];
    if (parts.length === 0 || headline[line]) return;
    let titled = false;
    // The last word is never a title: "Martin Luther King" is a name, "President Biden" is not.
    for (let i = parts.length - 2; i >= 0; i--) {
      const bare = parts[i]!.word.replace(/\.$/, '').toLowerCase();
      if (TITLES.has(bare)) {
        parts = parts.slice(i + 1);
        titled = true;
        break;
      }
    }
    while (parts.length > 0 && parts[0]!.particle) parts = parts.slice(1);
    while (parts.length > 0 && (parts[parts.length - 1]!.particle || parts[parts.length - 1]!.initial)) {
      parts = parts.slice(0, -1);
    }
    if (parts.length === 0) return;
    // Organisation words end their name ("Global Times", "Foreign Ministry"), so
    // whatever follows the last one may still be a person ("This Week Sarah Connor").
    for (let i = parts.length - 1; i >= 0; i--) {
      if (NON_PERSON.has(parts[i]!.word.toLowerCase())) {
        parts = parts.slice(i + 1);
        break;
      }
    }
    while (parts.length > 0 && parts[0]!.particle) parts = parts.slice(1);
    if (parts.length === 0) return;
    // "the Prime Minister said" leaves just "Minister": a role, not a name.
    if (parts.every((p) => TITLES.has(p.word.replace(/\.$/, '').toLowerCase()))) return;
    const counted = parts.filter((p) => !p.particle).length;
    if (counted > 4) return;
    occurrences.push({
      name: parts.map((p) => p.word).join(' '),
      words: parts.map((p) => p.word),
      first: parts[0]!.index,
      last: parts[parts.length - 1]!.index,
      titled,
      sentenceStart: tokens[parts[0]!.index]!.sentenceStart,
    });
  };

  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.kind === 'newline') {
      flush();
      line++;
      continue;
    }
    if (run.length > 0 && !(tok.sameLine && !tok.adjacent)) flush();
    if (tok.kind !== 'word') {
      flush();
      continue;
    }
    const next = tokens[i + 1];
    const dotted = next?.kind === 'punct' && next.text === '.' && next.adjacent;
    if (dotted && /^\p{Lu}$/u.test(tok.text)) {
      run.push({ index: i, word: `${tok.text}.`, particle: false, initial: true });
      i++; // the period belongs to the initial
      continue;
    }
    if (dotted && ABBREVIATIONS.has(tok.lower)) {
      run.push({ index: i, word: `${tok.text}.`, particle: false, initial: true });
      i++;
      continue;
    }
    if (run.length > 0 && PARTICLES.has(tok.text)) {
      run.push({ index: i, word: tok.text, particle: true, initial: false });
      continue;
    }
    if (isCapitalised(tok.text) && !COMMON_WORDS.has(tok.lower) && !MONTHS_AND_DAYS.has(tok.lower)) {
      run.push({ index: i, word: tok.text, particle: false, initial: false });
      if (tok.possessive) flush();
      continue;
    }
    flush();
  }
  flush();
  return occurrences;
}

/** "Putin said", "Ryabkov earlier said", `Xi "specifically stated`. */
function speechAfter(tokens: Token[], last: number): boolean {
  let words = 0;
  for (let i = last + 1; i < tokens.length && words < 3; i++) {
    const tok = tokens[i]!;
    if (tok.kind === 'newline') return false;
    if (tok.kind === 'punct') {
      if (QUOTE_CHARS.has(tok.text)) continue;
      return false;
    }
    if (tok.kind !== 'word') return false;
    if (SPEECH_VERBS.has(tok.lower)) return true;
    if (!BRIDGE_WORDS.has(tok.lower) && !/ly$/.test(tok.lower)) return false;
    words++;
  }
  return false;
}

/** "said Putin", "said Kremlin aide Yuri Ushakov", "according to Putin aide Yuri Ushakov". */
function speechBefore(tokens: Token[], first: number): boolean {
  let words = 0;
  for (let i = first - 1; i >= 0 && words < 4; i--) {
    const tok = tokens[i]!;
    if (tok.kind === 'newline') return false;
    if (tok.kind === 'punct') {
      if (QUOTE_CHARS.has(tok.text)) continue;
      return false;
    }
    if (tok.kind !== 'word') return false;
    if (SPEECH_VERBS.has(tok.lower)) return true;
    if (tok.lower === 'to' && tokens[i - 1]?.lower === 'according') return true;
    const allowed =
      TITLES.has(tok.lower) || isCapitalised(tok.text) || tok.possessive || ['the', 'a', 'an'].includes(tok.lower);
    if (!allowed) return false;
    words++;
  }
  return false;
}

/** "According to China Institute of International Studies' Ruan Zongze:" attributes across a longer span. */
function attributedByAccordingTo(tokens: Token[], first: number): boolean {
  let words = 0;
  for (let i = first - 1; i > 0 && words < 8; i--) {
    const tok = tokens[i]!;
    if (tok.kind === 'newline' || (tok.kind === 'punct' && SENTENCE_END.has(tok.text))) return false;
    if (tok.kind !== 'word') continue;
    if (tok.lower === 'to' && tokens[i - 1]?.lower === 'according') return true;
    words++;
  }
  return false;
}

function hasSpeech(tokens: Token[], occ: Occurrence): boolean {
  return (
    speechAfter(tokens, occ.last) ||
    speechBefore(tokens, occ.first) ||
    attributedByAccordingTo(tokens, occ.first)
  );
}

const SPEECH_SCORE = 3;
const MENTION_SCORE = 1;
const TITLE_SCORE = 1;

/**
 * Speaker suggestions for a sourced quote: `known` (speakers already used in
 * this project) first, then names found in `text`, best-attested first.
 */
export function suggestSpeakers(text: string, known: string[] = []): string[] {
  return mergeSuggestions(known, namesInText(text));
}

/** The people named in `text`, best-attested first (the costly part: a pass over the whole text). */
export function namesInText(text: string): string[] {
  const tokens = tokenize(text);
  const occurrences = findOccurrences(tokens, text);

  const scores = new Map<string, { score: number; firstSeen: number }>();
  const bump = (name: string, score: number, at: number) => {
    const entry = scores.get(name);
    if (entry) entry.score += score;
    else scores.set(name, { score, firstSeen: at });
  };

  const full = occurrences.filter((o) => o.words.filter((w) => !PARTICLES.has(w)).length >= 2);
  const singles = occurrences.filter((o) => o.words.length === 1);

  for (const occ of full) {
    const speech = hasSpeech(tokens, occ);
    bump(occ.name, MENTION_SCORE + (speech ? SPEECH_SCORE : 0) + (occ.titled ? TITLE_SCORE : 0), occ.first);
  }

  // A lone word that is capitalised mid-sentence somewhere is a proper noun;
  // one seen only at sentence starts ("Critics said") is probably not a name.
  const properNouns = new Set(
    occurrences.filter((o) => !o.sentenceStart || o.titled).flatMap((o) => o.words),
  );

  for (const occ of singles) {
    const word = occ.words[0]!;
    const speech = hasSpeech(tokens, occ);
    // Later mentions usually use the surname ("Putin") or, for Chinese names,
    // the family name that comes first ("Xi"); credit the full name instead.
    const owner = resolveFullName(word, occ.first, full);
    if (owner) {
      bump(owner, speech ? SPEECH_SCORE : MENTION_SCORE / 2, occ.first);
    } else if (speech && properNouns.has(word) && !/^\p{Lu}\.$/u.test(word)) {
      bump(word, SPEECH_SCORE - 1 + (occ.titled ? TITLE_SCORE : 0), occ.first);
    }
  }

  return [...scores.entries()]
    .sort((a, b) => b[1].score - a[1].score || a[1].firstSeen - b[1].firstSeen)
    .map(([name]) => name);
}

/** `known` first, then `ranked`, without blanks or case-insensitive repeats, at most MAX_SPEAKER_SUGGESTIONS. */
export function mergeSuggestions(known: string[], ranked: string[]): string[] {
  const result: string[] = [];
  const seen = new Set<string>();
  for (const name of [...known.map((k) => k.trim()), ...ranked]) {
    const key = name.toLocaleLowerCase();
    if (name === '' || seen.has(key)) continue;
    seen.add(key);
    result.push(name);
    if (result.length === MAX_SPEAKER_SUGGESTIONS) break;
  }
  return result;
}

function resolveFullName(word: string, at: number, full: Occurrence[]): string | undefined {
  const pick = (matches: Occurrence[]) => {
    if (matches.length === 0) return undefined;
    const before = matches.filter((m) => m.first < at);
    return (before.length > 0 ? before[before.length - 1]! : matches[0]!).name;
  };
  return pick(full.filter((o) => o.words[o.words.length - 1] === word)) ?? pick(full.filter((o) => o.words[0] === word));
}
