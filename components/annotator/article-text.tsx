import { memo, useEffect, type CSSProperties, type RefObject } from 'react';
import { settleParagraphs } from './settle-paragraphs';
import type { Line } from './dom-text';

/** Characters per rendered line at the article's usual width: a first guess at a paragraph's height. */
const CHARS_PER_LINE = 90;

// The article body as plain text: one <p> per line, each a single text node, rendered by React
// as text (never as HTML). Memoised so that span changes never re-render the article.
// Paragraphs off screen are not laid out or painted while the page loads (content-visibility in
// globals.css): a long article's first screen then costs what a short one's does. Each carries an
// estimate of its height in lines until it is rendered; settleParagraphs renders them all once
// the page is idle, so that scrolling never switches them back and forth.
export const ArticleText = memo(function ArticleText({
  lines,
  articleRef,
  label,
}: {
  lines: Line[];
  articleRef: RefObject<HTMLElement | null>;
  label: string;
}) {
  useEffect(() => (articleRef.current ? settleParagraphs(articleRef.current) : undefined), [articleRef, lines]);
  return (
    <article ref={articleRef} className="article-body" tabIndex={0} aria-label={label} data-testid="article-text">
      {lines.map((line, i) => (
        <p key={i} data-line={i} data-start={line.start} style={line.text ? estimatedLines(line.text) : undefined}>
          {line.text}
        </p>
      ))}
    </article>
  );
});

const estimatedLines = (text: string) => ({ '--lines': Math.ceil(text.length / CHARS_PER_LINE) }) as CSSProperties;

