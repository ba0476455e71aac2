import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { datasetImportQuery } from './form-query';
import { datasetImportOptions } from './import-query';

const refusal = (query: string): DomainError => {
  try {
    datasetImportOptions(new URLSearchParams(query));
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`${query} was accepted`);
};

describe('the dataset import query', () => {
  it('reads the options under the names the API documents, and the body name from the content type', () => {
    const read = datasetImportOptions(new URLSearchParams('format=doccano&layer=ann1%40demo.test&map=%7B%22Q%22%3A%22skip%22%7D&from=gold&validOnly=1&dryRun=true'), 'text/csv');
    expect(read).toEqual({
      fileName: 'body.csv',
      options: { format: 'doccano', layer: 'ann1@demo.test', labelMap: { Q: 'skip' }, from: 'gold', validOnly: true, allowDuplicates: false, dryRun: true },
    });
    expect(datasetImportOptions(new URLSearchParams('name=tasks.json'), 'text/csv').fileName).toBe('tasks.json');
    expect(datasetImportOptions(new URLSearchParams(''), 'application/json').fileName).toBe('body.json');
    expect(datasetImportOptions(new URLSearchParams(''), 'application/x-ndjson').fileName).toBe('body.jsonl');
  });

  it('refuses a misspelt option rather than ignore it (a dry run would import for real)', () => {
    for (const [query, named] of [
      ['dryrun=1', '"dryrun" (did you mean "dryRun"?)'],
      ['validonly=1', '"validonly" (did you mean "validOnly"?)'],
      ['labelMap=%7B%7D', '"labelMap"'],
    ]) {
      const error = refusal(query!);
      expect(error.status).toBe(422);
      expect(error.message).toContain(named);
      expect(error.message).toContain('This route takes name, format, layer, map, from, validOnly, allowDuplicates, dryRun.');
    }
  });

  it('names a bad label map "map", as it was sent', () => {
    expect(refusal('map=%7B').message).toBe('map: not valid JSON; send an object such as {"CLAIM":"claim","Misc":"skip"}.');
    expect(refusal('map=%5B%5D').message).toBe("map: send a JSON object from the file's label names to claim, opinion, sourced_quote or skip");
    expect(refusal('map=%7B%22Claim%22%3A%22rumour%22%7D').message).toBe('map.Claim: map each label to claim, opinion, sourced_quote or skip');
    expect(refusal('map=%7B%22Claim%22%3A%22%22%7D').message).toBe('map.Claim: map each label to claim, opinion, sourced_quote or skip');
  });

  it('takes whatever the dataset form sends', () => {
    const sent = datasetImportQuery({ fileName: 'd.jsonl', format: 'doccano', layer: 'gold', mapping: { Quote: 'skip' }, validOnly: true, from: '' }, true);
    expect(datasetImportOptions(sent).options).toMatchObject({ labelMap: { Quote: 'skip' }, validOnly: true, dryRun: true, from: '' });
  });
});
