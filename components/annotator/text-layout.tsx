import { Suspense, type ReactNode, type RefObject } from 'react';
import { preload } from 'react-dom';
import { ArticleText } from './article-text';
import type { Line } from './dom-text';
import { EARLY_PAINT_SRC } from './early-paint';
import { HighlightSupportNotice } from './highlight-support';

/**
 * The article text, then its early highlight painter (`painter`, an EarlyHighlights): right
 * after the text in the HTML, so the highlights are painted as soon as the text has arrived.
 */
export function TextThenPainter(props: { lines: Line[]; articleRef: RefObject<HTMLElement | null>; title: string; painter: ReactNode; nonce: string | undefined }) {
  // Fetched from the start (a preload in the head), so that when the parser reaches the painter
  // it runs at once, before any of the page's other scripts can take its turn.
  preload(EARLY_PAINT_SRC, { as: 'script', nonce: props.nonce });
  return (
    <>
      <HighlightSupportNotice />
      <ArticleText lines={props.lines} articleRef={props.articleRef} label={`Article text: ${props.title}`} />
      {props.painter}
    </>
  );
}

/** The side panel, which waits for the layers: until they arrive, a note that says so. */
export function SidePanel({ waiting, children }: { waiting: string; children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <aside className="side">
          <p className="card muted" role="status">
            {waiting}
          </p>
        </aside>
      }
    >
      {children}
    </Suspense>
  );
}
