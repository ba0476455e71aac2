import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { currentUser } from '@/lib/auth/session';
import { ROLE_NAMES } from '@/lib/auth/roles';
import { SignOutButton } from '@/components/sign-out-button';
import { PageStatus } from '@/components/page-status';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Slant', template: '%s · Slant' },
  description: 'Annotate claims, opinions and sourced quotes in news articles.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="brand" aria-label="Slant home">
            <span className="brand-mark" aria-hidden="true">/</span>Slant
          </Link>
          {user && (
            <nav aria-label="Main" className="main-nav">
              <Link href="/projects">Projects</Link>
              {user.role === 'admin' && (
                <>
                  <Link href="/admin/users">Users</Link>
                  <Link href="/admin/audit">Audit trail</Link>
                  <Link href="/admin/deleted">Deleted items</Link>
                </>
              )}
              <Link href="/settings/tokens">API tokens</Link>
              <Link href="/settings/password">Password</Link>
            </nav>
          )}
          <div className="header-user">
            {user ? (
              <>
                <span className="user-badge">
                  {user.name} <span className="role">{ROLE_NAMES[user.role]}</span>
                </span>
                <SignOutButton />
              </>
            ) : null}
          </div>
        </header>
        <main className="page">{children}</main>
        <PageStatus />
      </body>
    </html>
  );
}
