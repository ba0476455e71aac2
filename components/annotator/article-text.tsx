import { memo, type CSSProperties, type Ref } from 'react';
import type { Line } from './dom-text';

/** Characters per rendered line at the article's usual width: a first guess at a paragraph's height. */
const CHARS_PER_LINE = 90;

// The article body as plain text: one <p> per line, each a single text node, rendered by React
// as text (never as HTML). Memoised so that span changes never re-render the article.
// Paragraphs off screen are not laid out or painted (content-visibility in globals.css): a long
// article then costs what its first screen costs. Each carries an estimate of its height in
// lines until the browser has rendered it once.
export const ArticleText = memo(function ArticleText({
  lines,
  articleRef,
  label,
}: {
  lines: Line[];
  articleRef: Ref<HTMLElement>;
  label: string;
}) {
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
