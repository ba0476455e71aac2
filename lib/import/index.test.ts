import { fixturePath } from '../testing/fixtures';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  canonicalText,
  detectFormat,
  extractArticles,
  hashText,
  MAX_ARTICLE_CHARS,
  MAX_UPLOAD_BYTES,
  validateDraft,
} from './index';

const FIXTURE = fixturePath('scraped-opinion-article.txt');
const bytes = (s: string) => new TextEncoder().encode(s);

describe('extractArticles', () => {
  it('reads a file by its name and names its drafts and problems by the label it is given', () => {
    const line = JSON.stringify({ title: 'Ferry', text: 'The ferry resumes in June, the operator said.' });
    const labelled = extractArticles({ name: 'articles.jsonl', label: 'articles.jsonl (file 2 of that name)', content: `${line}\n{oops\n` });
    expect(labelled.drafts.map((d) => [d.title, d.source])).toEqual([['Ferry', 'articles.jsonl (file 2 of that name) line 1']]);
    expect(labelled.problems.map((p) => p.source)).toEqual(['articles.jsonl (file 2 of that name)']);
  });

  it('imports the scraped fixture from its bytes', () => {
    const fileBytes = new Uint8Array(readFileSync(FIXTURE));
    const { drafts, problems } = extractArticles({ name: 'scraped-opinion-article.txt', content: fileBytes });
    expect(problems).toEqual([]);
    expect(drafts).toHaveLength(1);
    const [d] = drafts;
    const canonical = canonicalText(new TextDecoder().decode(fileBytes));
    const start = canonical.indexOf('For the second time this year');
    const end = canonical.lastIndexOf('time and again.') + 'time and again.'.length;
    expect(d).toEqual({
      title: 'Sino/Russia Alliance on the World Stage',
      author: 'Stephen Lendman',
      outlet: 'universityofreason.com',
      sourceUrl: 'www.universityofreason.com/a/29887/KWADzukm',
      publishedOn: '',
      topic: 'China',
      text: canonical.slice(start, end),
      source: 'scraped-opinion-article.txt',
    });
    expect(d!.text).toContain('\u00a0');
    expect(validateDraft(d!)).toEqual([]);
    expect(hashText(d!.text)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('treats pasted text as plain text, and pasted page source as HTML', () => {
    const plain = extractArticles({ name: 'pasted text', content: 'Just a sentence.\n\nAnd <b>another</b>.' });
    expect(plain.drafts[0]!.text).toBe('Just a sentence.\n\nAnd <b>another</b>.');
    expect(plain.drafts[0]!.source).toBe('pasted text');

    const html = extractArticles({ name: 'pasted text', content: '  <div><p>Hello <b>there</b>.</p><script>bad()</script></div>' });
    expect(html.drafts[0]!.text).toBe('Hello there.');
    expect(extractArticles({ name: '', content: 'Some words.' }).drafts[0]!.source).toBe('pasted text');
  });

  it('refuses a file of a type it does not read, naming the ones it does, and sends datasets to the dataset import', () => {
    const accepted = 'this form takes .txt, .text, .md, .markdown, .html, .htm, .jsonl files and pasted text';
    expect(extractArticles({ name: 'rows.csv', content: 'title,text\nA,Some text.\n' })).toEqual({
      drafts: [],
      problems: [{ source: 'rows.csv', message: `rows.csv: a .csv file is a dataset: use "Import a dataset with annotations" below (${accepted}).` }],
    });
    expect(extractArticles({ name: 'tasks.JSON', content: '[{"data":{"text":"x"}}]' }).problems[0]!.message).toMatch(/^tasks\.JSON: a \.json file is a dataset: use "Import a dataset with annotations"/);
    expect(extractArticles({ name: 'report.pdf', content: bytes('%PDF-1.7 text in a PDF') }).problems[0]!.message).toBe(`report.pdf: .pdf files cannot be imported; ${accepted}.`);
    // Pasted text and names that only look like they have an extension are read as before.
    expect(extractArticles({ name: 'pasted text', content: 'A sentence.' }).drafts).toHaveLength(1);
    expect(extractArticles({ name: 'Budget 2.5', content: 'A sentence.' }).drafts).toHaveLength(1);
  });

  it('chooses the format from the extension', () => {
    expect(detectFormat('a.TXT', '<p>x</p>')).toBe('text');
    expect(detectFormat('a.md', '')).toBe('markdown');
    expect(detectFormat('a.markdown', '')).toBe('markdown');
    expect(detectFormat('a.htm', '')).toBe('html');
    expect(detectFormat('a.HTML', '')).toBe('html');
    expect(detectFormat('a.jsonl', '')).toBe('jsonl');
    expect(detectFormat('notes', '<pre>x</pre>')).toBe('text');
    expect(detectFormat('notes.csv', '<!doctype html><html>')).toBe('html');
    expect(detectFormat('page.constructor', '<html><body><p>x')).toBe('html');
  });

  it('imports each format end to end', () => {
    const md = extractArticles({ name: 'post.md', content: '# Title Here\n\nBody with **bold**.' });
    expect(md.drafts[0]).toMatchObject({ title: 'Title Here', text: 'Body with bold.', source: 'post.md' });

    const html = extractArticles({ name: 'page.html', content: bytes('<title>Page</title><body><p>Para one.</p></body>') });
    expect(html.drafts[0]).toMatchObject({ title: 'Page', text: 'Para one.', source: 'page.html' });

    const jsonl = extractArticles({ name: 'batch.jsonl', content: '{"text":"A."}\nnope\n{"text":"B."}\n' });
    expect(jsonl.drafts.map((d) => [d.source, d.text])).toEqual([
      ['batch.jsonl line 1', 'A.'],
      ['batch.jsonl line 3', 'B.'],
    ]);
    expect(jsonl.problems).toHaveLength(1);
    expect(jsonl.problems[0]).toMatchObject({ source: 'batch.jsonl', line: 2 });
    expect(jsonl.problems[0]!.message).toMatch(/^batch\.jsonl line 2: not valid JSON \(/);
  });

  it('rejects invalid UTF-8', () => {
    const result = extractArticles({ name: 'bad.txt', content: new Uint8Array([0x48, 0x69, 0xc3, 0x28, 0xff]) });
    expect(result).toEqual({ drafts: [], problems: [{ source: 'bad.txt', message: 'bad.txt: the file is not readable UTF-8 text' }] });
  });

  it('rejects files containing NUL bytes, as bytes or as a string', () => {
    const utf16 = new Uint8Array([0x48, 0x00, 0x69, 0x00]);
    expect(extractArticles({ name: 'wide.txt', content: utf16 }).problems[0]!.message).toBe('wide.txt: the file is not readable UTF-8 text');
    expect(extractArticles({ name: 'pasted text', content: 'a\u0000b' }).problems[0]!.message).toBe('pasted text: the file is not readable UTF-8 text');
  });

  it('says when a file looks like UTF-16, with a byte order mark or without one', () => {
    const utf16le = (text: string, mark: boolean) => new Uint8Array([...(mark ? [0xff, 0xfe] : []), ...[...text].flatMap((c) => [c.charCodeAt(0), 0])]);
    const hint = 'the file is not readable UTF-8 text (it looks like UTF-16; save it as UTF-8)';
    expect(extractArticles({ name: 'notes.txt', content: utf16le('The mayor said', true) }).problems[0]!.message).toBe(`notes.txt: ${hint}`);
    expect(extractArticles({ name: 'notes.txt', content: utf16le('The mayor said', false) }).problems[0]!.message).toBe(`notes.txt: ${hint}`);
  });

  it('rejects empty and whitespace-only input, and HTML with no visible text', () => {
    for (const content of ['', ' \n\t\r\n', bytes('\uFEFF\n'), new Uint8Array()]) {
      expect(extractArticles({ name: 'empty.txt', content })).toEqual({
        drafts: [],
        problems: [{ source: 'empty.txt', message: 'empty.txt: the text is empty' }],
      });
    }
    expect(extractArticles({ name: 'x.html', content: '<script>only()</script><style>a{}</style>' }).problems[0]!.message).toBe('x.html: the text is empty');
  });

  it('rejects a body over the character limit, counting code points', () => {
    const long = `Title Line Here\n\n${'é'.repeat(MAX_ARTICLE_CHARS)} end.`;
    const result = extractArticles({ name: 'long.txt', content: long });
    expect(result.drafts).toEqual([]);
    expect(result.problems[0]!.message).toBe('long.txt: the article is 1,000,005 characters long; the limit is 1,000,000');

    const emoji = '😀'.repeat(MAX_ARTICLE_CHARS - 1);
    const ok = extractArticles({ name: 'emoji.txt', content: `${emoji}.` });
    expect(ok.problems).toEqual([]);
    expect(ok.drafts[0]!.text.length).toBe(2 * (MAX_ARTICLE_CHARS - 1) + 1);
  });

  it('reports pathologically nested HTML as a problem instead of hanging', () => {
    const result = extractArticles({ name: 'deep.html', content: `<body>${'<div>'.repeat(50_000)}x</body>` });
    expect(result.drafts).toEqual([]);
    expect(result.problems[0]!.message).toBe('deep.html: the HTML is nested more than 1000 elements deep, which no article needs');
  });

  it('keeps even a one-word text', () => {
    expect(extractArticles({ name: 'pasted text', content: 'x.' }).drafts[0]!.text).toBe('x.');
  });

  it('rejects uploads over the byte limit before decoding', () => {
    const result = extractArticles({ name: 'huge.txt', content: new Uint8Array(MAX_UPLOAD_BYTES + 1) });
    expect(result.drafts).toEqual([]);
    expect(result.problems[0]!.message).toBe('huge.txt: the file is 10,485,761 bytes; the limit is 10 MB (10,485,760 bytes) per file');
  });

  it('never throws and never returns script text for arbitrary input', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('x.txt', 'x.md', 'x.html', 'x.jsonl', 'pasted text'),
        fc.oneof(fc.string(), fc.uint8Array({ maxLength: 200 })),
        (name, content) => {
          const result = extractArticles({ name, content });
          expect(result.drafts.length + result.problems.length).toBeGreaterThan(0);
          for (const d of result.drafts) {
            expect(d.text).toBe(canonicalText(d.text));
            for (const meta of [d.title, d.author, d.outlet, d.sourceUrl, d.publishedOn, d.topic]) {
              expect(meta).not.toMatch(/\n/);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
