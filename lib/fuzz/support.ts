/*
 * Checks shared by the fuzz suites (not a test file itself): a fingerprint of everything a
 * request or an import may write, the "names the problem" check for error messages, and valid
 * dataset samples to mutate.
 */
import type { Db } from '../database/client';
import { DomainError } from '../errors';
import { sampleArticles, sampleManifest, runWriter } from '../formats/sample-export';
import { at } from '../formats/read/test-support';
import { writerFor } from '../formats/writer';
import { createTestDb } from '../testing/test-db';

/**
 * Row counts of every table a write touches, plus version sums and states, so that an update in
 * place (a version bump, a soft delete, a status change) shows as well as an insert.
 */
export type Fingerprint = Record<string, number | string | null>;

export async function fingerprint(db: Db): Promise<Fingerprint> {
  const [row] = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT
    (SELECT count(*) FROM Article) AS articles,
    (SELECT total(version) FROM Article) AS articleVersions,
    (SELECT group_concat(state, ',') FROM (SELECT reviewState || ':' || coalesce(deletedAt, '') AS state FROM Article ORDER BY id)) AS articleStates,
    (SELECT count(*) FROM Span) AS spans,
    (SELECT total(version) FROM Span) AS spanVersions,
    (SELECT count(*) FROM Comment) AS comments,
    (SELECT count(*) FROM AuditEvent) AS auditEvents,
    (SELECT count(*) FROM AnnotationStatus) AS statuses,
    (SELECT group_concat(status, ',') FROM (SELECT status FROM AnnotationStatus ORDER BY id)) AS statusValues,
    (SELECT count(*) FROM Project) AS projects,
    (SELECT count(*) FROM Membership) AS memberships`);
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : (v as number | string | null)]));
}

/**
 * A migrated, demo-seeded test database (lib/testing/test-db.ts) whose commits skip the fsync.
 * A throwaway database needs no durability; transactions and rollbacks behave the same, and
 * thousands of fuzzed writes run about three times faster.
 */
export async function createFuzzDb(): ReturnType<typeof createTestDb> {
  const created = await createTestDb();
  await created.db.$executeRawUnsafe('PRAGMA synchronous = OFF');
  return created;
}

/** What route handlers answer for anything that is not a DomainError. */
export const GENERIC_SERVER_ERROR = 'Something went wrong on the server';

/**
 * An error message names the problem: a sentence, not a code or the generic server error, and
 * it mentions at least one of `names` (a field, the file, "line", "limit", ...), ignoring case.
 */
export function problemNamed(message: unknown, names: readonly string[]): string | null {
  if (typeof message !== 'string') return `the message is not a string but ${JSON.stringify(message)}`;
  if (message.trim().length <= 10) return `the message "${message}" is too short to say what is wrong`;
  if (message.includes(GENERIC_SERVER_ERROR)) return `the message is the generic server error: "${message}"`;
  const lower = message.toLowerCase();
  if (names.length && !names.some((n) => lower.includes(n.toLowerCase()))) {
    return `the message "${message.slice(0, 400)}" names none of: ${names.join(', ')}`;
  }
  return null;
}

export function expectProblemNamed(message: unknown, names: readonly string[]): void {
  const failure = problemNamed(message, names);
  if (failure) throw new Error(failure);
}

/** Runs `fn`; a DomainError comes back as the value, anything else is thrown on (a crash). */
export async function domainOutcome<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: DomainError }> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error };
    throw new Error(`not a DomainError: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, { cause: error });
  }
}

export const SAMPLE_LABEL_MAP = { Claim: 'claim', Opinion: 'opinion', 'Sourced quote': 'sourced_quote' } as const;

const HAND_TEXT = 'Cafe\u0301 owners said "prices rose".\r\nThis is outrageous 😀!';

export type DatasetSample = { name: string; format: 'slant-jsonl' | 'doccano' | 'label-studio' | 'csv'; text: string };

/** Real exports of the writers (lib/formats) plus hand-made files in the other shapes readers accept. */
export async function datasetSamples(): Promise<DatasetSample[]> {
  const exported = async (format: 'jsonl' | 'doccano' | 'label-studio') => {
    const { bytes } = await runWriter(writerFor(format).write, sampleArticles(), sampleManifest(format));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  };
  return [
    { name: 'export.jsonl', format: 'slant-jsonl', text: await exported('jsonl') },
    { name: 'export-doccano.jsonl', format: 'doccano', text: await exported('doccano') },
    { name: 'export-label-studio.json', format: 'label-studio', text: await exported('label-studio') },
    {
      name: 'hand.jsonl',
      format: 'slant-jsonl',
      text: [
        { text: HAND_TEXT, title: 'Prices', spans: [{ label: 'claim', ...at(HAND_TEXT, 'Cafe\u0301 owners'), text: 'Cafe\u0301 owners' }, { label: 'opinion', ...at(HAND_TEXT, 'outrageous 😀!') }] },
        { type: 'article', text: 'Second\u00a0article with \u202eRTL\u202c and \u200bzero width.', spans: [] },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    },
    {
      name: 'old-doccano.json',
      format: 'doccano',
      text: JSON.stringify([
        { id: 7, text: 'Mayor 👩‍👩‍👧 Ana said taxes fall.', annotations: [{ start_offset: 0, end_offset: 5, label: 'claim', user: 1 }], meta: { title: 'Old' } },
        { text: 'Plain one.', entities: [{ start_offset: 0, end_offset: 5, label: 'opinion' }] },
      ]),
    },
    {
      name: 'min.json',
      format: 'label-studio',
      text: JSON.stringify([{ text: 'Quote me: “we will win,” she said.', title: 'Min', label: [{ start: 10, end: 24, text: '“we will win,”', labels: ['Sourced quote'] }] }]),
    },
    { name: 'articles.csv', format: 'csv', text: 'Title,Text,URL,Date\r\nBudget,"Taxes will fall,\r\nsaid the ""mayor"".",https://example.org/a,March 5 2024\r\n  Two  ,Cafe\u0301 text.,,2024-03-06\r\n' },
  ];
}
