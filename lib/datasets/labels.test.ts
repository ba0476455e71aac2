import { describe, expect, it } from 'vitest';
import { parseLabelMap, resolveLabels, suggestLabel } from './labels';

describe('label mapping', () => {
  it('recognises Slant labels by id or name in any case', () => {
    expect(suggestLabel('CLAIM')).toBe('claim');
    expect(suggestLabel('Sourced quote')).toBe('sourced_quote');
    expect(suggestLabel('SOURCED-QUOTE')).toBe('sourced_quote');
    expect(suggestLabel('Quote')).toBeUndefined();
    expect(suggestLabel('opinion_piece')).toBeUndefined();
  });

  it('lists labels without a mapping instead of dropping them', () => {
    const { mapping, unmapped } = resolveLabels(['CLAIM', 'Quote', 'opinion_piece', 'Misc'], { Quote: 'sourced_quote', Misc: 'skip' });
    expect(Object.fromEntries(mapping)).toEqual({ CLAIM: 'claim', Quote: 'sourced_quote', Misc: 'skip' });
    expect(unmapped).toEqual(['opinion_piece']);
  });

  it('never takes a label named like an Object.prototype member for a mapping (found by lib/fuzz: it crashed the import)', () => {
    const { mapping, unmapped } = resolveLabels(['toString', 'constructor', 'valueOf'], { valueOf: 'skip' as const });
    expect(Object.fromEntries(mapping)).toEqual({ valueOf: 'skip' });
    expect(unmapped).toEqual(['toString', 'constructor']);
  });

  it('parses the command-line mapping and names bad entries', () => {
    expect(parseLabelMap('CLAIM=claim, Quote=sourced_quote,Misc=skip')).toEqual({ CLAIM: 'claim', Quote: 'sourced_quote', Misc: 'skip' });
    expect(() => parseLabelMap('Quote')).toThrow(/"Quote" is not RAW=label/);
    expect(() => parseLabelMap('Quote=quote')).toThrow(/"quote" is not one of/);
  });
});
