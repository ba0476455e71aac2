import Link from 'next/link';
import { requirePageUser } from '@/lib/auth/session';

export const metadata = { title: 'Not allowed' };

export default async function Forbidden() {
  await requirePageUser();
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
