import { CodePointIndex, codePointLength } from '../../anchoring/code-points';
import { canonicalText } from '../../import/canonical';

/*
 * Offsets in an imported file count code points of the text as the file gives it, but Slant
 * stores the canonical text (no BOM, `\n` line ends, NFC). When canonicalisation changes the
 * text, every offset has to be carried over to the canonical text, and that is what TextMap does.
 *
 * The raw text is cut into segments that canonicalise independently: the canonical text is the
 * concatenation of the segments' canonical forms, so a position on a segment boundary maps
 * exactly. A position inside a segment whose canonical form differs (a base letter and the
 * accent NFC composes it with, the CR and LF of a CRLF) maps to the start of the segment's
 * canonical form when it starts a span and to its end when it ends one, so a span never ends
 * up holding half of a composed character.
 */

/** canonicalText without the BOM rule: what one segment becomes. */
function canonicalSegment(s: string): string {
  return s.replace(/\r\n?/g, '\n').normalize('NFC');
}

/**
 * Characters that may combine with what precedes them: combining marks and the Hangul vowel
 * and final-consonant jamo. Cutting before anything else is almost always safe, and the
 * segment builder checks every cut anyway.
 */
const CONTINUATION = /^[\p{M}\u1160-\u11ff\ud7b0-\ud7ff]/u;

/** `raw` is kept only for segments that canonicalisation changes; the others map one to one. */
type Segment = { raw: string | undefined; rawStart: number; rawEnd: number; canonicalStart: number; canonicalEnd: number };

export type Side = 'start' | 'end';

export class TextMap {
  readonly raw: string;
  readonly canonical: string;
  readonly rawIndex: CodePointIndex;
  readonly canonicalIndex: CodePointIndex;
  /** True when canonicalisation left the text as it was: offsets need no mapping. */
  readonly identity: boolean;
  /** False only if the segments failed to reproduce the canonical text (a safety net; not expected to happen). */
  readonly reliable: boolean;
  private readonly segments: Segment[];

  constructor(raw: string) {
    this.raw = raw;
    this.canonical = canonicalText(raw);
    this.rawIndex = new CodePointIndex(raw);
    this.identity = this.canonical === raw;
    this.canonicalIndex = this.identity ? this.rawIndex : new CodePointIndex(this.canonical);
    if (this.identity) {
      this.segments = [];
      this.reliable = true;
    } else {
      const built = buildSegments(raw);
      this.segments = built.segments;
      this.reliable = built.canonical === this.canonical;
    }
  }

  /**
   * The canonical code point offset for a raw code point offset (0..raw length), or undefined
   * when the text could not be mapped.
   */
  toCanonical(position: number, side: Side): number | undefined {
    if (this.identity) return position;
    if (!this.reliable || position < 0 || position > this.rawIndex.length) return undefined;
    if (position === this.rawIndex.length) return this.canonicalIndex.length;
    // The last segment starting at or before `position`.
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.segments[mid]!.rawStart <= position) lo = mid;
      else hi = mid - 1;
    }
    const seg = this.segments[lo]!;
    if (position === seg.rawStart) return seg.canonicalStart;
    const inside = position - seg.rawStart;
    if (seg.raw === undefined) return seg.canonicalStart + inside;
    const whole = canonicalSegment(seg.raw);
    // The segment may still split cleanly at this position (e.g. "x\u0301e\u0301" at 2).
    const chars = Array.from(seg.raw);
    const before = canonicalSegment(chars.slice(0, inside).join(''));
    const after = canonicalSegment(chars.slice(inside).join(''));
    if (before + after === whole) return seg.canonicalStart + codePointLength(before);
    return side === 'start' ? seg.canonicalStart : seg.canonicalEnd;
  }
}

function buildSegments(raw: string): { segments: Segment[]; canonical: string } {
  const segments: Segment[] = [];
  const pieces: string[] = [];
  let rawPos = 0;
  let canonicalPos = 0;
  let body = raw;
  if (raw.charCodeAt(0) === 0xfeff) {
    // canonicalText drops a leading BOM: a segment of its own with an empty canonical form.
    segments.push({ raw: '\ufeff', rawStart: 0, rawEnd: 1, canonicalStart: 0, canonicalEnd: 0 });
    rawPos = 1;
    body = raw.slice(1);
  }

  let current = '';
  let currentCanonical = '';
  let currentLength = 0;
  const emit = () => {
    const unchanged = currentCanonical === current;
    const length = unchanged ? currentLength : codePointLength(currentCanonical);
    const last = segments[segments.length - 1];
    // Runs that canonicalisation leaves alone map one to one, so they are kept as one segment.
    if (unchanged && last && last.raw === undefined) {
      last.rawEnd += currentLength;
      last.canonicalEnd += length;
    } else {
      segments.push({ raw: unchanged ? undefined : current, rawStart: rawPos, rawEnd: rawPos + currentLength, canonicalStart: canonicalPos, canonicalEnd: canonicalPos + length });
    }
    pieces.push(currentCanonical);
    rawPos += currentLength;
    canonicalPos += length;
  };
  const start = (cluster: string, canonical: string, length: number) => {
    current = cluster;
    currentCanonical = canonical;
    currentLength = length;
  };
  const add = (cluster: string, length: number) => {
    const code = cluster.charCodeAt(0);
    if (current === '') {
      start(cluster, canonicalSegment(cluster), length);
    } else if (cluster.length === 1 && code < 0x80 && !(code === 0x0a && current.endsWith('\r'))) {
      // No ASCII character composes with what precedes it; only LF after CR interacts.
      emit();
      start(cluster, code === 0x0d ? '\n' : cluster, length);
    } else {
      const clusterCanonical = canonicalSegment(cluster);
      const joined = canonicalSegment(current + cluster);
      if (joined === currentCanonical + clusterCanonical) {
        emit();
        start(cluster, clusterCanonical, length);
      } else {
        // The two interact (CR then LF, a Hangul syllable and a jamo, ...): one segment.
        current += cluster;
        currentCanonical = joined;
        currentLength += length;
      }
    }
  };

  // Clusters: a character and the continuation characters after it.
  let cluster = '';
  let clusterLength = 0;
  for (const ch of body) {
    if (cluster !== '' && !CONTINUATION.test(ch)) {
      add(cluster, clusterLength);
      cluster = '';
      clusterLength = 0;
    }
    cluster += ch;
    clusterLength++;
  }
  if (cluster !== '') add(cluster, clusterLength);
  if (current !== '') emit();
  return { segments, canonical: pieces.join('') };
}
