// The article's paragraphs start out lazily rendered (content-visibility: auto in globals.css), so
// a long article's first screen appears without laying out the rest. But a lazily rendered
// paragraph is skipped again when it scrolls away, and every such switch changes style, which
// makes the browser rebuild the markers of every highlight on the page: scrolling a long,
// heavily annotated article would stutter. So once the page is idle, the paragraphs are settled
// (rendered normally) a batch at a time, top to bottom, each batch a short piece of work.

const BATCH = 150;
export const SETTLED_ATTRIBUTE = 'data-settled';

type IdleDeadline = { timeRemaining(): number };
type Idle = (callback: (deadline: IdleDeadline) => void) => number;

/** Settles `root`'s paragraphs while the browser is idle; returns a function that stops it. */
export function settleParagraphs(root: HTMLElement): () => void {
  const requestIdle: Idle = typeof requestIdleCallback === 'function' ? (cb) => requestIdleCallback(cb) : (cb) => window.setTimeout(() => cb({ timeRemaining: () => 8 }), 50);
  const cancelIdle = typeof cancelIdleCallback === 'function' ? cancelIdleCallback : window.clearTimeout;
  const paragraphs = root.children;
  let next = 0;
  let handle = 0;
  const step = (deadline: IdleDeadline) => {
    // One batch per idle period: the browser lays it out in the next frame, after this returns.
    const end = Math.min(paragraphs.length, next + BATCH);
    while (next < end && deadline.timeRemaining() > 1) paragraphs[next++]!.setAttribute(SETTLED_ATTRIBUTE, '');
    if (next < paragraphs.length) handle = requestIdle(step);
  };
  handle = requestIdle(step);
  return () => cancelIdle(handle);
}
