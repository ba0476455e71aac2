import { memo, type Ref } from 'react';
import type { Line } from './dom-text';

// The article body as plain text: one <p> per line, each a single text node, rendered by React
// as text (never as HTML). Memoised so that span changes never re-render the article.
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
        <p key={i} data-line={i} data-start={line.start}>
          {line.text}
        </p>
      ))}
    </article>
  );
});
