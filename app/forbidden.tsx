import Link from 'next/link';

export const metadata = { title: 'Not allowed' };

/** Rendered with status 403 when a page calls `forbidden()` (see lib/page.ts). */
export default function Forbidden() {
  return (
    <section className="narrow">
      <h1>Not allowed</h1>
      <p>Your role does not allow this page. Ask an admin if you need access.</p>
      <p>
        <Link href="/projects">Back to your projects</Link>
      </p>
    </section>
  );
}
