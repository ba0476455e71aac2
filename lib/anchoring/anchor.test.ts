import { describe, expect, it } from 'vitest';
import { CodePointIndex, codePointLength, sliceCodePoints } from './code-points';
import { anchorSpan, anchorSpans } from './anchor';
import { makeSelector } from './selector';

const original = [
  'The ministry announced new tariffs on Monday.',
  'Critics called the tariffs "a tax on families" and warned of higher prices.',
  'The finance minister said the measures were temporary and targeted.',
].join('\n');

function selectorFor(text: string, quote: string) {
  const u = text.indexOf(quote);
  if (u < 0) throw new Error(`fixture error: ${quote}`);
  const start = codePointLength(text.slice(0, u));
  return makeSelector(text, { start, end: start + codePointLength(quote) });
}

describe('anchorSpan', () => {
  const sel = selectorFor(original, '"a tax on families"');

  it('anchors in place when the text is unchanged', () => {
    expect(anchorSpan(original, sel)).toEqual({ status: 'anchored', start: sel.start, end: sel.end });
  });

  it('moves the span when text is inserted far before it', () => {
    const edited = 'Editor’s note: this story was updated.\n' + original;
    const r = anchorSpan(edited, sel);
    expect(r.status).toBe('moved');
    expect(r.start).toBe(sel.start + codePointLength('Editor’s note: this story was updated.\n'));
    expect(sliceCodePoints(edited, r.start!, r.end!)).toBe(sel.quote);
  });

  it('moves the span when text is inserted right before it (prefix changed, suffix intact)', () => {
    const edited = original.replace('called the tariffs ', 'called the new round of tariffs, announced quietly, ');
    const r = anchorSpan(edited, sel);
    expect(r.status).toBe('moved');
    expect(sliceCodePoints(edited, r.start!, r.end!)).toBe(sel.quote);
  });

  it('counts new offsets in code points when emoji are inserted before the span', () => {
    const edited = '😀😀😀 ' + original;
    const r = anchorSpan(edited, sel);
    expect(r).toEqual({ status: 'moved', start: sel.start + 4, end: sel.end + 4 });
  });

  it('orphans the span when the quote itself was edited', () => {
    const edited = original.replace('"a tax on families"', '"a levy on families"');
    expect(anchorSpan(edited, sel)).toEqual({ status: 'orphaned' });
  });

  it('orphans the span when the quote was deleted', () => {
    const edited = original.replace(' "a tax on families"', '');
    expect(anchorSpan(edited, sel).status).toBe('orphaned');
  });

  it('picks the duplicate whose prefix/suffix match, even when another copy is nearer', () => {
    const text = 'Opening line. The minister said the measures were temporary, and no more. Closing line.';
    const s = selectorFor(text, 'the measures were temporary');
    // Shift the original out of place and put an unrelated copy right at the old offset.
    const edited =
      'Opening XXXXXXXXXXXXXXXXXXXX. the measures were temporary, claimed nobody at all.\n' +
      'Prepended paragraph. Opening line. The minister said the measures were temporary, and no more. Closing line.';
    const decoyStart = edited.indexOf('the measures were temporary');
    const trueStart = edited.indexOf('the measures were temporary', decoyStart + 1);
    expect(Math.abs(decoyStart - s.start)).toBeLessThan(Math.abs(trueStart - s.start));
    const r = anchorSpan(edited, s);
    expect(r).toEqual({ status: 'moved', start: trueStart, end: trueStart + s.quote.length });
  });

  it('prefers the nearest copy when contexts are equally good', () => {
    const para = 'Same words here. ';
    const text = para.repeat(4);
    const s = makeSelector(text, { start: para.length * 2, end: para.length * 2 + 10 });
    const edited = 'zz' + text;
    const r = anchorSpan(edited, s);
    expect(r).toEqual({ status: 'moved', start: s.start + 2, end: s.end + 2 });
  });

  it('orphans a short quote found elsewhere with unrelated context', () => {
    const text = 'Alpha beta gamma. The president spoke about Putin at length.';
    const s = selectorFor(text, 'Putin');
    const edited = 'Completely different article where Putin appears in another sentence entirely.';
    expect(anchorSpan(edited, s).status).toBe('orphaned');
  });

  it('accepts a long unique quote even when both contexts were rewritten', () => {
    const s = selectorFor(original, 'the measures were temporary and targeted');
    const edited = 'Rewritten intro that shares nothing. Officials insisted the measures were temporary and targeted!!! Then more.';
    const r = anchorSpan(edited, s);
    expect(r.status).toBe('moved');
    expect(sliceCodePoints(edited, r.start!, r.end!)).toBe(s.quote);
    expect(anchorSpan(edited, s, { minUniqueQuoteLength: 1000 }).status).toBe('orphaned');
  });

  it('degrades step by step: anchored -> moved -> orphaned', () => {
    const steps = [
      original,
      'BREAKING\n' + original,
      ('BREAKING\n' + original).replace('Monday', 'Tuesday afternoon'),
      ('BREAKING\n' + original).replace('families', 'households'),
    ];
    expect(steps.map((t) => anchorSpan(t, sel).status)).toEqual(['anchored', 'moved', 'moved', 'orphaned']);
  });

  it('stays correct when the quote occurs thousands of times', () => {
    const text = 'x the y '.repeat(20_000) + 'UNIQUE PREFIX CONTEXT the UNIQUE SUFFIX CONTEXT ' + 'x the y '.repeat(20_000);
    const start = text.indexOf('the UNIQUE');
    const s = makeSelector(text, { start, end: start + 3 });
    const edited = 'shift ' + text;
    const r = anchorSpan(edited, s, { index: new CodePointIndex(edited) });
    expect(r).toEqual({ status: 'moved', start: start + 6, end: start + 9 });
  });

  it('returns orphaned for a selector with an empty quote', () => {
    expect(anchorSpan(original, { start: 0, end: 0, quote: '', prefix: '', suffix: '' }).status).toBe('orphaned');
  });
});

describe('anchorSpans', () => {
  it('anchors a batch against one shared index', () => {
    const a = selectorFor(original, 'new tariffs');
    const b = selectorFor(original, 'finance minister');
    const c = selectorFor(original, 'higher prices');
    const edited = ('Intro.\n' + original).replace('higher prices', 'rising costs');
    const results = anchorSpans(edited, [a, b, c]);
    expect(results.map((r) => r.status)).toEqual(['moved', 'moved', 'orphaned']);
    expect(sliceCodePoints(edited, results[0]!.start!, results[0]!.end!)).toBe('new tariffs');
    expect(sliceCodePoints(edited, results[1]!.start!, results[1]!.end!)).toBe('finance minister');
  });
});
