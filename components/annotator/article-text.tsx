import { memo, type CSSProperties, type RefObject } from 'react';
import { LINES_PER_BLOCK, type Line } from './dom-text';

/** Characters per rendered line at the article's usual width: a first guess at a paragraph's height. */
const CHARS_PER_LINE = 90;

// The article body as plain text: one <p> per line, each a single text node, rendered by React
// as text (never as HTML). Memoised so that span changes never re-render the article.
// The paragraphs come in blocks that the browser does not lay out or paint while they are off
// screen (content-visibility in globals.css): a long article then loads, repaints its highlights
// and answers a key press at the cost of what is on screen. Blocks rather than single paragraphs,
// because each block coming into view makes the browser rebuild every highlight's markers once:
// scrolling switches a block now and then, not every paragraph. Until a block has been rendered
// it takes the height of its estimated number of lines.
export const ArticleText = memo(function ArticleText({
  lines,
  articleRef,
  label,
}: {
  lines: Line[];
  articleRef: RefObject<HTMLElement | null>;
  label: string;
}) {
  const blocks: Line[][] = [];
  for (let i = 0; i < lines.length; i += LINES_PER_BLOCK) blocks.push(lines.slice(i, i + LINES_PER_BLOCK));
  return (
    <article ref={articleRef} className="article-body" tabIndex={0} aria-label={label} data-testid="article-text">
      {blocks.map((block, b) => (
        <div key={b} className="article-block" data-block={b} style={{ '--lines': block.reduce((n, line) => n + estimatedLines(line.text), 0) } as CSSProperties}>
          {block.map((line, i) => (
            <p key={i} data-line={b * LINES_PER_BLOCK + i} data-start={line.start}>
              {line.text}
            </p>
          ))}
        </div>
      ))}
    </article>
  );
});

const estimatedLines = (text: string) => Math.max(1, Math.ceil(text.length / CHARS_PER_LINE));
