/*
 * Generators shared by the fuzz suites (not a test file itself): hostile characters, values of
 * the wrong type, offsets that do not fit, invalid UTF-8, and mutations of valid inputs (text,
 * bytes and JSON values). Mutations are plain data applied by functions, so fast-check can
 * shrink a failing case to a small, readable one.
 */
import fc from 'fast-check';

// Characters that are invisible or reorder text, and others that trip up naive code.
export const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u180e'] as const;
export const BIDI = ['\u200e', '\u200f', '\u061c', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'] as const;
export const TRICKY = [
  'e\u0301', // decomposed accent: NFC changes it
  '\u1100\u1161', // Hangul jamo that NFC composes
  '👩‍👩‍👧', // ZWJ emoji sequence
  '😀', // astral: two UTF-16 units, one code point
  '\u00a0',
  '\u3000',
  '\r\n',
  '\r',
  '\u2028',
  '\u0000',
  '\ud800', // lone surrogates
  '\udfff',
  '"',
  '\\',
  '<script>',
  '&amp;',
  '\t',
  '=SUM(A1)',
  '{',
  ']',
] as const;

export const nastyChar = fc.constantFrom<string>(...ZERO_WIDTH, ...BIDI, ...TRICKY);

/** Strings made of ordinary text, arbitrary UTF-16 units, and the characters above. */
export function nastyString(maxLength = 20): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.array(fc.oneof(nastyChar, fc.string({ maxLength: 3 })), { maxLength }).map((parts) => parts.join('')),
    // Nothing visible at all.
    fc.array(fc.constantFrom<string>(...ZERO_WIDTH, ...BIDI, ' ', '\n', '\u00a0'), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')),
  );
}

/** Huge strings, built once: a body past every limit is cheap to send but costly to generate. */
const HUGE = {
  over5k: 'x'.repeat(5_001),
  emojiOver5k: '😀'.repeat(5_001), // zod counts code points
  over100k: 'a b '.repeat(25_001),
  overOneMegabyte: 'y'.repeat(1024 * 1024 + 1),
};
export const hugeString = fc.constantFrom(HUGE.over5k, HUGE.emojiOver5k, HUGE.over100k, HUGE.overOneMegabyte);

/** Numbers a careless parser lets through: negative zero, fractions, past 32 and 53 bits. */
export const oddNumber = fc.oneof(
  fc.constantFrom(-0, 0.5, 1.5, -1, 2 ** 31, 2 ** 31 - 1, 2 ** 32, 2 ** 53 - 1, 2 ** 53, 1e308, -1e308, Number.MIN_VALUE),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** A value of the wrong type for almost any field. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  oddNumber,
  fc.constantFrom('', '1', 'true', 'null', '[]', '{}'),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 3 })), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.integer(), fc.string({ maxLength: 3 })), { maxKeys: 2 }),
);

/** Names that plain objects inherit: a lookup `map[name]` finds a function unless it checks own keys. */
export const prototypeName = fc.constantFrom('toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf');

/** A replacement for any JSON value inside a valid input. */
export const replacementValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: prototypeName, weight: 1 },
  { arbitrary: wrongType, weight: 4 },
  { arbitrary: nastyString(), weight: 3 },
  { arbitrary: oddNumber, weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 },
  { arbitrary: hugeString.filter((s) => s.length < 1_000_000), weight: 1 },
);

// Byte sequences no UTF-8 decoder may accept.
export const INVALID_UTF8: readonly (readonly number[])[] = [
  [0xff],
  [0xfe],
  [0x80], // continuation byte with no lead
  [0xbf],
  [0xc0, 0x80], // overlong NUL
  [0xc1, 0xbf],
  [0xe2, 0x82], // euro sign cut short
  [0xf0, 0x9f, 0x98], // emoji cut short
  [0xed, 0xa0, 0x80], // a UTF-16 surrogate encoded as UTF-8
  [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
  [0xf8, 0x88, 0x80, 0x80, 0x80], // five-byte form
];
export const invalidUtf8 = fc.constantFrom(...INVALID_UTF8);

export const encode = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

/** True when `bytes` decode as UTF-8 without a single replacement. */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

// ---- Mutations of text -------------------------------------------------------------------

export type TextOp =
  | { op: 'truncate'; at: number }
  | { op: 'delete'; at: number; length: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'replace-char'; at: number; text: string }
  | { op: 'duplicate-line'; at: number }
  | { op: 'drop-line'; at: number }
  | { op: 'number'; at: number; literal: string };

const NUMBER_LITERALS = ['-1', '0', '1.5', '-0', '1e999', '-1e999', 'NaN', 'Infinity', '9007199254740993', '"3"', 'null', '1e-7'];

export const textOp: fc.Arbitrary<TextOp> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(nastyString(6), fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '\n', '\\', '\\u12', '"""', ',,')) }),
  fc.record({ op: fc.constant('replace-char' as const), at: fc.nat(), text: nastyChar }),
  fc.record({ op: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('drop-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('number' as const), at: fc.nat(), literal: fc.constantFrom(...NUMBER_LITERALS) }),
);

export function applyTextOp(text: string, op: TextOp): string {
  const at = op.at % (text.length + 1);
  switch (op.op) {
    case 'truncate':
      return text.slice(0, at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + op.length);
    case 'insert':
      return text.slice(0, at) + op.text + text.slice(at);
    case 'replace-char':
      return text.slice(0, at) + op.text + text.slice(at + 1);
    case 'duplicate-line':
    case 'drop-line': {
      const lines = text.split('\n');
      const i = op.at % lines.length;
      if (op.op === 'drop-line') lines.splice(i, 1);
      else lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    }
    case 'number': {
      // Swap the n-th number in the text for an odd literal (NaN, 1e999, a string, ...).
      const numbers = [...text.matchAll(/-?\d+(?:\.\d+)?/g)];
      if (numbers.length === 0) return text;
      const m = numbers[op.at % numbers.length]!;
      return text.slice(0, m.index) + op.literal + text.slice(m.index + m[0].length);
    }
  }
}

export const applyTextOps = (text: string, ops: readonly TextOp[]) => ops.reduce(applyTextOp, text);

// ---- Mutations of bytes ------------------------------------------------------------------

export type ByteOp = { op: 'flip'; at: number; mask: number } | { op: 'insert'; at: number; bytes: readonly number[] } | { op: 'truncate'; at: number };

export const byteOp: fc.Arbitrary<ByteOp> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  { arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: invalidUtf8 }), weight: 3 },
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

export function applyByteOp(bytes: Uint8Array, op: ByteOp): Uint8Array<ArrayBuffer> {
  const at = op.at % (bytes.length + 1);
  switch (op.op) {
    case 'flip': {
      if (bytes.length === 0) return bytes.slice();
      const out = bytes.slice();
      const i = at % bytes.length;
      out[i] = out[i]! ^ op.mask;
      return out;
    }
    case 'insert': {
      const out = new Uint8Array(bytes.length + op.bytes.length);
      out.set(bytes.subarray(0, at));
      out.set(op.bytes, at);
      out.set(bytes.subarray(at), at + op.bytes.length);
      return out;
    }
    case 'truncate':
      return bytes.slice(0, at);
  }
}

export const applyByteOps = (bytes: Uint8Array<ArrayBuffer>, ops: readonly ByteOp[]) => ops.reduce(applyByteOp, bytes);

// ---- Mutations of JSON values ------------------------------------------------------------

type Path = (string | number)[];

/** Every path to a value inside `value` (the root excluded), depth first. */
export function jsonPaths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...jsonPaths(child, [...prefix, key])]);
}

export type JsonOp = { path: number; action: 'replace'; value: unknown } | { path: number; action: 'delete' } | { path: number; action: 'add-key'; key: string; value: unknown };

export const jsonOp: fc.Arbitrary<JsonOp> = fc.oneof(
  { arbitrary: fc.record({ path: fc.nat(), action: fc.constant('replace' as const), value: replacementValue }), weight: 6 },
  fc.record({ path: fc.nat(), action: fc.constant('delete' as const) }),
  fc.record({ path: fc.nat(), action: fc.constant('add-key' as const), key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'extra', 'text', 'start'), nastyString(6)), value: replacementValue }),
);

/** The value with one inner value replaced, deleted, or given an extra key; the input is not changed. */
export function applyJsonOp(value: unknown, op: JsonOp): unknown {
  const copy = structuredClone(value);
  const paths = jsonPaths(copy);
  if (paths.length === 0) return op.action === 'replace' ? op.value : copy;
  const path = paths[op.path % paths.length]!;
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (op.action === 'replace') parent[last] = op.value;
  else if (op.action === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else {
    const target = parent[last];
    if (target && typeof target === 'object' && !Array.isArray(target)) {
      // defineProperty, so "__proto__" becomes an own key as JSON.parse would make it.
      Object.defineProperty(target, op.key, { value: op.value, enumerable: true, writable: true, configurable: true });
    } else parent[last] = op.value;
  }
  return copy;
}

export const applyJsonOps = (value: unknown, ops: readonly JsonOp[]) => ops.reduce(applyJsonOp, value);

// ---- Span offsets in dataset records -----------------------------------------------------

export const OFFSET_FAULTS = ['reversed', 'empty', 'negative', 'beyond', 'fraction', 'huge', 'string', 'null'] as const;
export type OffsetOp = { at: number; fault: (typeof OFFSET_FAULTS)[number] };
export const offsetOp: fc.Arbitrary<OffsetOp> = fc.record({ at: fc.nat(), fault: fc.constantFrom(...OFFSET_FAULTS) });

type OffsetPair = { start: number; end: number; set: (start: unknown, end: unknown) => void };

/** The span offsets inside a record: {start, end}, {start_offset, end_offset} and [start, end, label]. */
function offsetPairs(value: unknown): OffsetPair[] {
  const pairs: OffsetPair[] = [];
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      if (v.length >= 3 && typeof v[0] === 'number' && typeof v[1] === 'number') {
        pairs.push({ start: v[0], end: v[1], set: (s, e) => ((v[0] = s), (v[1] = e)) });
      }
      stack.push(...v);
    } else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const [a, b] of [['start', 'end'], ['start_offset', 'end_offset']] as const) {
        if (typeof o[a] === 'number' && typeof o[b] === 'number') pairs.push({ start: o[a], end: o[b], set: (s, e) => ((o[a] = s), (o[b] = e)) });
      }
      stack.push(...spanBearingValues(o));
    }
  }
  return pairs;
}

/**
 * An object's values that may hold spans. doccano's `meta` is left out: its `spans` entries repeat
 * each span's place only to pair with it (lib/formats/doccano.ts); they describe spans, and a
 * reader rightly ignores an entry that matches no span.
 */
function spanBearingValues(o: Record<string, unknown>): unknown[] {
  return Object.entries(o)
    .filter(([key]) => key !== 'meta')
    .map(([, value]) => value);
}

/** The record with one span's offsets made wrong: reversed, empty, negative, past the text, not whole numbers... */
export function applyOffsetOp(value: unknown, op: OffsetOp): unknown {
  const copy = structuredClone(value);
  const pairs = offsetPairs(copy);
  if (pairs.length === 0) return copy;
  const { start, end, set } = pairs[op.at % pairs.length]!;
  const faults: Record<OffsetOp['fault'], [unknown, unknown]> = {
    reversed: [end, start],
    empty: [start, start],
    negative: [-1 - start, end],
    beyond: [start, end + 100_000],
    fraction: [start + 0.5, end],
    huge: [start, 2 ** 53],
    string: [String(start), end],
    null: [null, end],
  };
  set(...faults[op.fault]);
  return copy;
}

// ---- Span labels in dataset records ------------------------------------------------------

export type LabelOp = { at: number; label: unknown };
export const labelOp: fc.Arbitrary<LabelOp> = fc.record({
  at: fc.nat(),
  label: fc.oneof(prototypeName, fc.constantFrom('CLAIM', 'Claim', 'claim ', 'Sourced quote', 'skip', 'gold', '', ' ', 7, null), nastyString(8)),
});

/** The record with one span's label replaced: in [start, end, label], {label} and Label Studio's value.labels. */
export function applyLabelOp(value: unknown, op: LabelOp): unknown {
  const copy = structuredClone(value);
  const places: ((label: unknown) => void)[] = [];
  const stack = [copy];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      if (v.length >= 3 && typeof v[0] === 'number' && typeof v[1] === 'number') places.push((label) => (v[2] = label));
      stack.push(...v);
    } else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o['label'] === 'string' && ('start' in o || 'start_offset' in o)) places.push((label) => (o['label'] = label));
      if (Array.isArray(o['labels']) && 'start' in o) places.push((label) => (o['labels'] = [label]));
      stack.push(...spanBearingValues(o));
    }
  }
  if (places.length) places[op.at % places.length]!(op.label);
  return copy;
}

// ---- Raw JSON literals -------------------------------------------------------------------

const RAW = '\u0000raw:';

/** A placeholder that `toJsonText` writes as the literal itself: NaN, 1e999, a current version... */
export const rawJson = (literal: string) => `${RAW}${literal}${RAW}`;

/** JSON.stringify, except that rawJson placeholders become their literal text (after `fill`). */
export function toJsonText(value: unknown, fill: (literal: string) => string = (s) => s): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.replace(/"\\u0000raw:(.*?)\\u0000raw:"/g, (_, literal: string) => fill(literal));
}
