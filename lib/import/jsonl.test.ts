import { describe, expect, it } from 'vitest';
import { articleLine, manifestLine, summaryLine } from '../formats/jsonl';
import { sampleArticles, sampleManifest } from '../formats/sample-export';
import { parseJsonl } from './jsonl';

describe('parseJsonl', () => {
  const input = [
    JSON.stringify({ text: 'First body.', title: 'First', author: 'A. Writer', url: 'https://ex.org/1', date: '2024-01-05', topic: 'Trade' }),
    '',
    '{"text": "Second body", "title": "Second",}',
    JSON.stringify({ title: 'No text here' }),
    JSON.stringify({ text: 42, title: 'Numeric text' }),
    JSON.stringify({ text: 'Third body.\r\nWith CRLF and e\u0301.', sourceUrl: 'https://ex.org/3', outlet: 'Ex', publishedOn: '2024-02-03', id: 'ignored', labels: [] }),
    '   ',
    '["not", "an", "object"]',
  ].join('\n');
  const { drafts, problems } = parseJsonl(input, 'notes.jsonl');

  it('turns good lines into drafts named by line number', () => {
    expect(drafts.map((d) => d.source)).toEqual(['notes.jsonl line 1', 'notes.jsonl line 6']);
    expect(drafts[0]).toEqual({
      title: 'First',
      author: 'A. Writer',
      outlet: 'ex.org',
      sourceUrl: 'https://ex.org/1',
      publishedOn: '2024-01-05',
      topic: 'Trade',
      text: 'First body.',
      source: 'notes.jsonl line 1',
    });
  });

  it('canonicalises text and accepts Slant export field names and extra fields', () => {
    expect(drafts[1]).toMatchObject({ text: 'Third body.\nWith CRLF and \u00e9.', sourceUrl: 'https://ex.org/3', outlet: 'Ex', publishedOn: '2024-02-03' });
    expect(drafts[1]!.title).toBe('Third body');
  });

  it('reports each bad line with its 1-based number', () => {
    expect(problems.map((p) => p.line)).toEqual([3, 4, 5, 8]);
    expect(problems.every((p) => p.source === 'notes.jsonl')).toBe(true);
    expect(problems[0]!.message).toMatch(/^notes\.jsonl line 3: not valid JSON \(.+\)$/);
    expect(problems[1]!.message).toBe('notes.jsonl line 4: "text" is missing or not a string (it is missing)');
    expect(problems[2]!.message).toBe('notes.jsonl line 5: "text" is missing or not a string (it is a number (42))');
    expect(problems[3]!.message).toBe('notes.jsonl line 8: expected a JSON object with a "text" field, but found an array');
  });

  it('says where a line breaks JSON and why, without quoting the line', () => {
    expect(problems[0]!.message).toBe("notes.jsonl line 3: not valid JSON (column 42: a comma before '}'; JSON allows none after the last field)");
  });

  it('names wrongly typed optional fields, accepts null, and reports empty text', () => {
    const result = parseJsonl(
      [
        JSON.stringify({ text: 'Body.', title: ['x'], topic: 3 }),
        JSON.stringify({ text: 'Body.', title: null, author: null }),
        JSON.stringify({ text: ' \n ' }),
      ].join('\n'),
      'x.jsonl',
    );
    expect(result.problems.map((p) => p.message)).toEqual([
      'x.jsonl line 1: "title" must be a string (it is an array); "topic" must be a string (it is a number (3))',
      'x.jsonl line 3: the text is empty',
    ]);
    expect(result.drafts).toHaveLength(1);
    expect(result.drafts[0]!.author).toBe('');
  });

  it('reports an over-long article on its line', () => {
    const result = parseJsonl(`${JSON.stringify({ text: 'y'.repeat(1_000_001) })}\n{"text":"ok."}`, 'big.jsonl');
    expect(result.problems).toEqual([
      { source: 'big.jsonl', line: 1, message: 'big.jsonl line 1: the article is 1,000,001 characters long; the limit is 1,000,000' },
    ]);
    expect(result.drafts).toHaveLength(1);
  });

  it('drops script-bearing URLs and keeps unreadable dates for validation to flag', () => {
    const { drafts: [d] } = parseJsonl(JSON.stringify({ text: 'T.', url: 'javascript:alert(1)', date: 'last week' }), 'y.jsonl');
    expect(d!.sourceUrl).toBe('');
    expect(d!.publishedOn).toBe('last week');
  });

  it("reads the articles of Slant's own export, skipping its manifest and summary lines, and says when it was cut off", () => {
    const manifest = sampleManifest('jsonl');
    const articles = sampleArticles().map((a) => JSON.stringify(articleLine(a)));
    const whole = [JSON.stringify(manifestLine(manifest)), ...articles, JSON.stringify(summaryLine(manifest))].join('\n');
    const read = parseJsonl(whole, 'export.jsonl');
    expect(read.problems).toEqual([]);
    expect(read.drafts.map((d) => [d.source, d.title])).toEqual(sampleArticles().map((a, i) => [`export.jsonl line ${i + 2}`, a.title]));

    const cut = parseJsonl([JSON.stringify(manifestLine(manifest)), ...articles].join('\n'), 'export.jsonl');
    expect(cut.problems).toEqual([{ source: 'export.jsonl', message: 'export.jsonl: the file ends before its summary line: it was cut off; download it again.' }]);
  });
});
