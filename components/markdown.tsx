import type { ComponentPropsWithoutRef } from 'react';
import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

// Guidelines are Markdown written by project admins. Raw HTML in them is dropped (skipHtml),
// and links may only point to http(s) or mailto, so nothing in them can run.
const SAFE_LINK = /^(https?:|mailto:|\/|#)/i;

// Guidelines sit under a page's own headings (h1 the page, h2 "Guidelines"): their headings
// start at h3, so the page keeps one h1 and its outline stays in order.
type HeadingProps = ComponentPropsWithoutRef<'h1'> & { node?: unknown };
const shifted = (Tag: 'h3' | 'h4' | 'h5' | 'h6') =>
  function ShiftedHeading({ node: _node, ...props }: HeadingProps) {
    return <Tag {...props} />;
  };
const HEADINGS = { h1: shifted('h3'), h2: shifted('h4'), h3: shifted('h5'), h4: shifted('h6'), h5: shifted('h6'), h6: shifted('h6') };

export function Markdown({ source }: { source: string }) {
  return (
    <ReactMarkdown skipHtml remarkPlugins={[remarkGfm]} components={HEADINGS} urlTransform={(url) => (SAFE_LINK.test(url) ? url : '')}>
      {source}
    </ReactMarkdown>
  );
}
