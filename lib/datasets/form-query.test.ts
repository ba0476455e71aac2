import { describe, expect, it } from 'vitest';
import { chooseLabel, datasetImportQuery, type DatasetFormSettings } from './form-query';

const settings: DatasetFormSettings = { fileName: 'd.jsonl', format: '', layer: 'gold', mapping: {}, validOnly: false, from: null };

describe('the dataset form', () => {
  it('leaves a label set back to "Choose…" out of the map, and keeps the other choices', () => {
    const mapped = chooseLabel(chooseLabel({}, 'Quote', 'sourced_quote'), 'CLAIM', 'claim');
    expect(mapped).toEqual({ Quote: 'sourced_quote', CLAIM: 'claim' });
    expect(chooseLabel(mapped, 'Quote', '')).toEqual({ CLAIM: 'claim' });
    expect(mapped).toEqual({ Quote: 'sourced_quote', CLAIM: 'claim' });
  });

  it('sends only the options it was given, under the names the server reads', () => {
    expect(datasetImportQuery(settings, true).toString()).toBe('name=d.jsonl&layer=gold&map=%7B%7D&dryRun=1');
    const all = datasetImportQuery({ ...settings, format: 'doccano', mapping: { Quote: 'skip' }, validOnly: true, from: '' }, false);
    expect(Object.fromEntries(all)).toEqual({ name: 'd.jsonl', layer: 'gold', map: '{"Quote":"skip"}', format: 'doccano', validOnly: '1', from: '' });
  });
});
