/*
 * Request bodies for the fuzz suites (not a test file itself). Each body schema is described
 * field by field: values that must be accepted, values that must be refused, and the words a
 * refusal must use to name the field. From that, `objectBodies` generates valid bodies, bodies
 * with exactly one bad or missing field, unknown keys and non-objects, each with what to expect.
 */
import fc from 'fast-check';
import { LABELS } from '../labels';
import { hugeString, nastyString, oddNumber, prototypeName, rawJson, wrongType } from './arbitraries';

/** What a body should get: `mustFail` bodies must be refused with a message using one of `names`. */
export type Expectation = { mustFail: boolean; names: string[]; status?: number };
export type JsonBody = Expectation & { value: unknown };
/** A value that must be refused, and the words that name its problem (default: the field's). */
export type Bad = { value: unknown; names?: string[] };

export type FieldSpec = {
  required: boolean;
  valid: fc.Arbitrary<unknown>;
  invalid: fc.Arbitrary<Bad>;
  /** Words that name this field in messages; defaults to the field's key. */
  names?: string[];
};

export type ObjectSpec = {
  fields: Record<string, FieldSpec>;
  /** Unknown keys are refused (zod `.strict()`). */
  strict: boolean;
  /** Valid bodies, when the fields alone do not describe them (e.g. fields that exclude each other). */
  valid?: fc.Arbitrary<Record<string, unknown>>;
  /** Bodies whose fields are each fine but break a rule together (reversed offsets, ...). */
  crossField?: fc.Arbitrary<{ value: Record<string, unknown>; names: string[] }>;
};

/**
 * Words a refusal of an otherwise valid body may use: the state it ran into (the article's text
 * included: offsets that are fine on their own may cover only spaces there).
 */
export const STATE_WORDS = ['version', 'changed', 'already', 'submitted', 'adjudicated', 'same text', 'not found', 'not deleted', 'surrogate', 'NUL', 'only spaces'];

export const bad = (arbitrary: fc.Arbitrary<unknown>, names?: string[]): fc.Arbitrary<Bad> => arbitrary.map((value) => (names ? { value, names } : { value }));

const notString = wrongType.filter((v) => typeof v !== 'string');
const notBoolean = wrongType.filter((v) => typeof v !== 'boolean');

function fieldNames(spec: ObjectSpec, key: string): string[] {
  return spec.fields[key]!.names ?? [key];
}

export function validObject(spec: ObjectSpec): fc.Arbitrary<Record<string, unknown>> {
  if (spec.valid) return spec.valid;
  const entries = Object.entries(spec.fields);
  return fc.record(Object.fromEntries(entries.map(([k, f]) => [k, f.valid])), {
    requiredKeys: entries.filter(([, f]) => f.required).map(([k]) => k),
  }) as fc.Arbitrary<Record<string, unknown>>;
}

/** Objects that must be refused, each with the words that name the fault. */
export function invalidObjects(spec: ObjectSpec): fc.Arbitrary<{ value: Record<string, unknown>; names: string[] }> {
  const keys = Object.keys(spec.fields);
  const required = keys.filter((k) => spec.fields[k]!.required);
  const oneBad = fc.tuple(validObject(spec), fc.constantFrom(...keys)).chain(([obj, key]) =>
    spec.fields[key]!.invalid.map((b) => ({ value: { ...obj, [key]: b.value }, names: b.names ?? fieldNames(spec, key) })),
  );
  const arbitraries: fc.WeightedArbitrary<{ value: Record<string, unknown>; names: string[] }>[] = [{ arbitrary: oneBad, weight: 6 }];
  if (required.length) {
    arbitraries.push({
      arbitrary: fc.tuple(validObject(spec), fc.constantFrom(...required)).map(([obj, key]) => {
        const { [key]: _dropped, ...rest } = obj;
        return { value: rest, names: fieldNames(spec, key) };
      }),
      weight: 1,
    });
  }
  if (spec.strict) arbitraries.push({ arbitrary: withExtraKey(spec).map(({ value, key }) => ({ value, names: [key] })), weight: 1 });
  if (spec.crossField) arbitraries.push({ arbitrary: spec.crossField, weight: 2 });
  return fc.oneof(...arbitraries);
}

const EXTRA_KEYS = ['extra', 'id', 'authorId', 'layer', 'projectId', 'createdById', '__proto__', 'constructor', 'Label', 'start ', 'x\u202e', '\u200b'];

function withExtraKey(spec: ObjectSpec) {
  return fc
    .tuple(validObject(spec), fc.constantFrom(...EXTRA_KEYS.filter((k) => !(k in spec.fields))), fc.oneof(wrongType, nastyString(5)))
    .map(([obj, key, v]) => {
      const value = { ...obj };
      // defineProperty, so "__proto__" is an own key as JSON.parse makes it.
      Object.defineProperty(value, key, { value: v, enumerable: true, writable: true, configurable: true });
      return { value, key };
    });
}

/** Every word a refusal of some body of this schema may rightly use. */
export function specWords(spec: ObjectSpec): string[] {
  return [...Object.keys(spec.fields).flatMap((k) => fieldNames(spec, k)), ...STATE_WORDS, 'input'];
}

// Half a surrogate pair, or a NUL character (which PostgreSQL cannot store).
const UNSTORABLE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\u0000/;
// A raw placeholder (arbitraries.ts, `rawJson`) is marked with NULs but replaced before sending.
const RAW_PLACEHOLDER = /\u0000raw:.*?\u0000raw:/g;
const unstorable = (s: string) => UNSTORABLE.test(s.replace(RAW_PLACEHOLDER, ''));

/** True when a string (or key) anywhere in `value` holds text the database cannot store as sent. Iterative: bodies nest deep. */
export function hasUnstorableText(value: unknown): boolean {
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (unstorable(v)) return true;
    } else if (v !== null && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        if (unstorable(key)) return true;
        stack.push(child);
      }
    }
  }
  return false;
}

/**
 * Valid bodies, bodies with one fault, unknown keys and JSON that is not an object. A string
 * with half a surrogate pair is not Unicode text, and one with a NUL character cannot be stored
 * on PostgreSQL: any body with either must be refused too.
 */
export function objectBodies(spec: ObjectSpec): fc.Arbitrary<JsonBody> {
  const everyName = specWords(spec);
  const bodies = fc.oneof(
    { arbitrary: validObject(spec).map((value): JsonBody => ({ value, mustFail: false, names: everyName })), weight: 3 },
    { arbitrary: invalidObjects(spec).map(({ value, names }): JsonBody => ({ value, mustFail: true, names })), weight: 6 },
    ...(spec.strict
      ? []
      : [{ arbitrary: withExtraKey(spec).map(({ value }): JsonBody => ({ value, mustFail: false, names: everyName })), weight: 1 }]),
    {
      arbitrary: fc
        .oneof(fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }), fc.string({ maxLength: 5 }), oddNumber, fc.constantFrom(null, true, false))
        .map((value): JsonBody => ({ value, mustFail: true, names: ['input', 'object'] })),
      weight: 1,
    },
  );
  return bodies.map((b) => (hasUnstorableText(b.value) ? { ...b, mustFail: true, names: [...b.names, 'surrogate', 'NUL'] } : b));
}

// ---- Span fields -------------------------------------------------------------------------

/** Marks the current version of the record under test; the suite writes the real number in. */
export const CURRENT_VERSION = rawJson('CURRENT');

/** Valid offsets: start in 0..5, end in 6..12; the fixtures' texts and spans are longer than that. */
export const VALID_START = fc.integer({ min: 0, max: 5 });
export const VALID_END = fc.integer({ min: 6, max: 12 });

const badLabel = bad(fc.oneof(fc.constantFrom('Claim', 'CLAIM', 'rumour', '', ' claim', 'claim ', 'claim\u200b', '\u202eclaim', 'sourced quote', 'skip', 'gold'), prototypeName, notString), ['label']);
const notWholeNumber = fc.oneof(fc.constantFrom(0.5, 1.5, -0.5, '3', '', null, true, [], {}, 1e308, -1e308, 2 ** 53, NaN, Infinity), wrongType.filter((v) => typeof v !== 'number' || !Number.isSafeInteger(v)));

/** Fields of a span body over a text of `textLength` code points (at least 13). */
export function spanFields(textLength: number, options: { required: boolean }): Record<string, FieldSpec> {
  const beyond = fc.constantFrom(textLength + 1, textLength + 1_000, 2 ** 31, 2 ** 53 - 1);
  return {
    label: { required: options.required, valid: fc.constantFrom(...LABELS), invalid: badLabel },
    start: {
      required: options.required,
      valid: VALID_START,
      // Past any valid end, so start >= end; or negative; or not a whole number.
      invalid: bad(fc.oneof(notWholeNumber, fc.integer({ min: -1_000, max: -1 }), fc.integer({ min: 13, max: 2 ** 31 }), beyond)),
    },
    end: {
      required: options.required,
      valid: VALID_END,
      invalid: bad(fc.oneof(notWholeNumber, fc.integer({ min: -1_000, max: 0 }), beyond)),
    },
    note: { required: false, valid: nastyString(40), invalid: bad(fc.oneof(notString, hugeString.filter((s) => s.length < 1_000_000))) },
    speaker: { required: false, valid: nastyString(20), invalid: bad(fc.oneof(notString, fc.constant('s'.repeat(201)))) },
  };
}

/** start after end, or equal: each offset fine alone, wrong together. */
export function reversedOffsets(base: fc.Arbitrary<Record<string, unknown>>) {
  return fc
    .tuple(base, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 6 }))
    .map(([obj, end, back]) => ({ value: { ...obj, start: end + back, end }, names: ['start', 'end'] }));
}

export const versionField: FieldSpec = {
  required: true,
  valid: fc.constant(CURRENT_VERSION),
  invalid: fc.oneof(
    bad(fc.oneof(notWholeNumber, fc.constantFrom(0, -1, -0)), ['version']),
    // Whole numbers, but not the current version.
    bad(fc.constantFrom(99_999, 2 ** 31, 2 ** 53 - 1), ['version', 'changed']),
  ),
};

export function createSpanSpec(textLength: number): ObjectSpec {
  const fields = spanFields(textLength, { required: true });
  const spec: ObjectSpec = { fields, strict: true };
  return { ...spec, crossField: reversedOffsets(validObject(spec)) };
}

export function updateSpanSpec(textLength: number): ObjectSpec {
  const spec: ObjectSpec = { fields: { version: versionField, ...spanFields(textLength, { required: false }) }, strict: true };
  return { ...spec, crossField: reversedOffsets(validObject(spec)) };
}

export const versionOnlySpec: ObjectSpec = { fields: { version: versionField }, strict: true };

export const goldRemovalSpec: ObjectSpec = {
  fields: {
    version: versionField,
    // More than any gold span here has behind it, so a valid body is never refused for a stale count.
    backedBy: { required: false, valid: fc.constant(1_000_000), invalid: bad(fc.oneof(notWholeNumber, fc.constant(-1), fc.constant(1_000_001)), ['backedBy']) },
  },
  strict: true,
};

export function verdictSpec(textLength: number): ObjectSpec {
  const edit: ObjectSpec = { fields: spanFields(textLength, { required: true }), strict: true };
  const editWithReversed: ObjectSpec = { ...edit, crossField: reversedOffsets(validObject(edit)) };
  const fields: Record<string, FieldSpec> = {
    verdict: { required: true, valid: fc.constantFrom('accepted', 'rejected'), invalid: bad(fc.oneof(fc.constantFrom('edited', 'Accepted', 'accept', '', 'accepted\u200b'), notString)) },
    version: versionField,
    edit: {
      required: false,
      valid: validObject(edit),
      invalid: fc.oneof(
        bad(wrongType.filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)), ['edit']),
        invalidObjects(editWithReversed).map(({ value, names }) => ({ value, names: [...names, 'edit'] })),
      ),
    },
  };
  return {
    fields,
    strict: true,
    // An edit only goes with an acceptance.
    valid: fc.oneof(
      fc.record({ verdict: fc.constant('accepted'), version: fc.constant(CURRENT_VERSION), edit: validObject(edit) }, { requiredKeys: ['verdict', 'version'] }),
      fc.record({ verdict: fc.constant('rejected'), version: fc.constant(CURRENT_VERSION) }),
    ),
    crossField: validObject(edit).map((e) => ({ value: { verdict: 'rejected', version: CURRENT_VERSION, edit: e }, names: ['edit'] })),
  };
}

// ---- Other bodies ------------------------------------------------------------------------

export const commentSpec: ObjectSpec = {
  fields: {
    body: {
      required: true,
      // Something visible, then anything.
      valid: nastyString(60).map((s) => `c${s}`),
      invalid: bad(fc.oneof(fc.constantFrom('', '   ', '\n\t ', '\u00a0\u3000'), notString, fc.constant('c'.repeat(5_001)))),
      names: ['body', 'comment'],
    },
  },
  strict: true,
};

export const statusSpec: ObjectSpec = {
  fields: { action: { required: true, valid: fc.constantFrom('submit', 'reopen'), invalid: bad(fc.oneof(fc.constantFrom('Submit', 'submitted', 'open', '', 'submit ', '\u202esubmit'), notString)) } },
  strict: true,
};

export const reviewSpec: ObjectSpec = {
  fields: {
    action: { required: true, valid: fc.constantFrom('adjudicate', 'reopen'), invalid: bad(fc.oneof(fc.constantFrom('accept', 'ADJUDICATE', 'adjudicated', '', 'reopen\u200b'), notString)) },
    version: { ...versionField, invalid: versionField.invalid.map((b) => ({ ...b, names: [...(b.names ?? []), 'adjudicated'] })) },
    // More than any article here has, so a valid body is never refused for spans awaiting a verdict.
    unjudged: { required: false, valid: fc.constant(1_000_000), invalid: bad(fc.oneof(notWholeNumber, fc.constant(-1)), ['unjudged']) },
  },
  // { action: 'accept-unanimous' } is valid too, and takes no other key: the API suite adds it.
  strict: true,
};

// ---- Article drafts (POST .../articles and createArticles) ---------------------------------

export const NAMES_OF_ARTICLE_FIELDS = ['title', 'author', 'outlet', 'sourceUrl', 'source URL', 'publishedOn', 'publication date', 'topic', 'text'];

const shortText = (max: number) => fc.oneof(nastyString(20), fc.constant('m'.repeat(max)));
const tooLong = (max: number) => fc.constant('l'.repeat(max + 1));

export const draftSpec: ObjectSpec = {
  fields: {
    title: {
      required: true,
      valid: nastyString(30).map((s) => `T${s}`),
      invalid: bad(fc.oneof(fc.constantFrom('', '  ', '\n\u00a0'), notString, tooLong(500))),
    },
    author: { required: false, valid: shortText(500), invalid: bad(fc.oneof(notString, tooLong(500))) },
    outlet: { required: false, valid: shortText(500), invalid: bad(fc.oneof(notString, tooLong(500))) },
    sourceUrl: {
      required: false,
      valid: fc.constantFrom('', 'https://example.org/a?x=1', 'http://例え.jp/記事', 'https://example.org/\u202eevil'),
      invalid: bad(fc.oneof(fc.constantFrom('javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:x', 'data:text/html,<b>x</b>', 'vbscript:msgbox', 'JAVASCRIPT:x'), notString, tooLong(2_000))),
      names: ['sourceUrl', 'source URL'],
    },
    publishedOn: {
      required: false,
      valid: fc.constantFrom('', '2024-03-05', '2024-02-29'),
      invalid: bad(fc.oneof(fc.constantFrom('2024-02-30', '2023-02-29', 'March 5', '2024-3-5', '0000-00-00', '2024-13-01', '2024-03-05x', '\u200b2024-03-05'), notString)),
      names: ['publishedOn', 'publication date'],
    },
    topic: { required: false, valid: shortText(500), invalid: bad(fc.oneof(notString, tooLong(500))) },
    text: {
      required: true,
      // A uuid, so that valid texts are new to the project and not refused as duplicates.
      valid: fc.tuple(nastyString(40), fc.uuid(), nastyString(40)).map(([a, id, b]) => `${a} ${id} ${b}`),
      invalid: bad(fc.oneof(fc.constantFrom('', '   ', '\r\n\t', '\ufeff', '\ufeff  \r\n'), notString, fc.constant('x'.repeat(1_000_001)))),
    },
  },
  strict: true,
};

const validDrafts = fc.array(validObject(draftSpec), { minLength: 1, maxLength: 3 });

export const articlesSpec: ObjectSpec = {
  fields: {
    articles: {
      required: true,
      valid: validDrafts,
      invalid: fc.oneof(
        bad(fc.oneof(wrongType.filter((v) => !Array.isArray(v)), fc.constant([])), ['articles']),
        // 501 drafts: one more than a batch may hold.
        bad(fc.constant(Array.from({ length: 501 }, (_, i) => ({ title: `t${i}`, text: `text ${i}` }))), ['articles']),
        // One bad draft among good ones, anywhere in the list.
        fc
          .tuple(fc.array(validObject(draftSpec), { maxLength: 2 }), invalidObjects(draftSpec), fc.nat())
          .map(([good, one, at]) => {
            const list: unknown[] = [...good];
            list.splice(at % (good.length + 1), 0, one.value);
            return { value: list, names: one.names };
          }),
        bad(fc.tuple(validObject(draftSpec), fc.oneof(notString, fc.constant([]))).map(([d, x]) => [d, x]), ['articles']),
      ),
    },
    allowDuplicates: { required: false, valid: fc.boolean(), invalid: bad(fc.oneof(notBoolean, fc.constantFrom('true', 1, 0))) },
  },
  strict: true,
  // Two drafts with the same text, once canonical (a CRLF and an LF).
  crossField: fc.tuple(validObject(draftSpec), fc.uuid()).map(([d, id]) => ({
    value: { articles: [{ ...d, text: `Same ${id}\r\nline` }, { ...d, text: `Same ${id}\nline` }] },
    names: ['same text'],
  })),
};

export const articlesBody = objectBodies(articlesSpec);
