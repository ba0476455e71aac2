import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExportFormat } from './model';
import { allSpans, runWriter, sampleArticles, sampleManifest } from './sample-export';
import { writerFor } from './writer';

/*
 * The promise of every format: in Python, text[start:end] == span text. These tests write each
 * export to disk and let Python's standard library (json, csv, zipfile) check every span.
 */

const CHECK = String.raw`
import csv, json, sys, zipfile

fmt, path = sys.argv[1], sys.argv[2]
checked = 0

def check(text, start, end, quote):
    global checked
    assert isinstance(start, int) and isinstance(end, int), (start, end)
    assert text[start:end] == quote, (fmt, start, end, text[start:end], quote)
    checked += 1

if fmt == 'jsonl':
    with open(path, encoding='utf-8') as f:
        lines = [json.loads(line) for line in f]
    assert lines[0]['type'] == 'manifest' and lines[-1]['type'] == 'summary'
    for record in lines[1:-1]:
        assert record['type'] == 'article'
        for s in record['spans']:
            check(record['text'], s['start'], s['end'], s['text'])
    assert lines[-1]['counts']['spans'] == checked
elif fmt == 'doccano':
    with open(path, encoding='utf-8') as f:
        for line in f:
            record = json.loads(line)
            assert len(record['label']) == len(record['meta']['spans'])
            for (start, end, label), meta in zip(record['label'], record['meta']['spans']):
                check(record['text'], start, end, meta['text'])
elif fmt == 'label-studio':
    with open(path, encoding='utf-8') as f:
        tasks = json.load(f)
    for task in tasks:
        for annotation in task['annotations']:
            for r in annotation['result']:
                if r['type'] == 'labels':
                    check(task['data']['text'], r['value']['start'], r['value']['end'], r['value']['text'])
elif fmt == 'brat':
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not name.endswith('.ann'):
                continue
            text = z.read(name[:-4] + '.txt').decode('utf-8')
            for line in z.read(name).decode('utf-8').splitlines():
                if not line.startswith('T'):
                    continue
                _, type_and_offsets, shown = line.split('\t', 2)
                fragments = [tuple(map(int, f.split(' '))) for f in type_and_offsets.split(' ', 1)[1].split(';')]
                if len(fragments) == 1:
                    check(text, fragments[0][0], fragments[0][1], shown)
                else:
                    # A span over line breaks: brat shows its fragments joined by spaces.
                    pieces = [text[s:e] for s, e in fragments]
                    assert all('\n' not in p for p in pieces) and ' '.join(pieces) == shown, (line, pieces)
                    checked += 1
elif fmt == 'w3c':
    with open(path, encoding='utf-8') as f:
        collection = json.load(f)
    items = collection['first']['items']
    texts = {i['target']['id']: i['body']['value'] for i in items if i['motivation'] == 'describing'}
    for i in items:
        if i['motivation'] != 'classifying':
            continue
        quote, position = i['target']['selector']
        text = texts[i['target']['source']]
        check(text, position['start'], position['end'], quote['exact'])
        assert text[:position['start']].endswith(quote['prefix']) and text[position['end']:].startswith(quote['suffix'])
    assert collection['slant:manifest']['counts']['spans'] == checked
elif fmt == 'csv':
    # CSV rows carry no article text: the test passes the texts beside it.
    with open(sys.argv[3], encoding='utf-8') as f:
        texts = json.load(f)
    with open(path, encoding='utf-8', newline='') as f:
        for row in csv.DictReader(f):
            check(texts[row['article_id']], int(row['start']), int(row['end']), row['text'])
else:
    raise SystemExit('unknown format ' + fmt)

print(checked)
`;

const dir = mkdtempSync(join(tmpdir(), 'slant-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FORMATS: ExportFormat[] = ['jsonl', 'doccano', 'label-studio', 'brat', 'w3c', 'csv'];

describe('offsets in Python', () => {
  it.each(FORMATS)('%s: text[start:end] == span text for every span', async (format) => {
    const articles = sampleArticles();
    const writer = writerFor(format);
    const { bytes } = await runWriter(writer.write, articles, sampleManifest(format));
    const file = join(dir, `export-${format}.${writer.fileExtension}`);
    writeFileSync(file, bytes);
    const texts = join(dir, 'texts.json');
    writeFileSync(texts, JSON.stringify(Object.fromEntries(articles.map((a) => [a.id, a.text]))));
    const result = spawnSync('python3', ['-c', CHECK, format, file, texts], { encoding: 'utf8', env: { ...process.env, PYTHONIOENCODING: 'utf-8' } });
    expect(result.error).toBeUndefined();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(String(allSpans(articles).length));
  });

  it('fails when an offset is off by one, so the checks above are real', async () => {
    const articles = sampleArticles();
    const shifted = articles.map((a) => ({ ...a, spans: a.spans.map((s) => ({ ...s, start: s.start + 1 })) }));
    const { bytes } = await runWriter(writerFor('jsonl').write, shifted, sampleManifest('jsonl'));
    const file = join(dir, 'shifted.jsonl');
    writeFileSync(file, bytes);
    const result = spawnSync('python3', ['-c', CHECK, 'jsonl', file], { encoding: 'utf8', env: { ...process.env, PYTHONIOENCODING: 'utf-8' } });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('AssertionError');
  });
});
