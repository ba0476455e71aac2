export {
  CodePointIndex,
  codePointLength,
  codePointToUtf16,
  sliceCodePoints,
  utf16ToCodePoint,
  type CodePointRange,
} from './code-points';
export { isBlank, snapToWords } from './snap';
export { CONTEXT_LENGTH, makeSelector, verifySelector, type SpanSelector } from './selector';
export { anchorSpan, anchorSpans, type AnchorOptions, type AnchorResult, type AnchorStatus } from './anchor';
export {
  domPointToOffset,
  lineStarts,
  offsetToParagraphPoint,
  utf16OffsetInContainer,
  type Line,
  type ParagraphPoint,
  type TextTreeNode,
} from './dom';
