import { linkableUrl } from '@/lib/import/urls';

/**
 * An article's source address: a link that opens in a new tab when it is an http(s) address,
 * plain text otherwise. The link sends no referrer and no opener, and tells crawlers not to follow.
 */
export function SourceUrl({ url }: { url: string }) {
  const href = linkableUrl(url);
  if (!href) return <span className="muted">{url}</span>;
  return (
    <a className="muted" href={href} target="_blank" rel="noopener noreferrer nofollow">
      {url}
    </a>
  );
}
