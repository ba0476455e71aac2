import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

// Guidelines are Markdown written by project admins. Raw HTML in them is dropped (skipHtml),
// and links may only point to http(s) or mailto, so nothing in them can run.
const SAFE_LINK = /^(https?:|mailto:|\/|#)/i;

export function Markdown({ source }: { source: string }) {
  return (
    <ReactMarkdown skipHtml remarkPlugins={[remarkGfm]} urlTransform={(url) => (SAFE_LINK.test(url) ? url : '')}>
      {source}
    </ReactMarkdown>
  );
}
