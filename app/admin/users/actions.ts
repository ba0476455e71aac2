'use server';

import { revalidatePath } from 'next/cache';
import { requireApiUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { createUser, setUserRole } from '@/lib/users/service';

type State = { error?: string; ok?: string };

async function asAdmin(fn: (actorId: string) => Promise<unknown>, ok: string): Promise<State> {
  const admin = await requireApiUser({ roles: ['admin'] });
  try {
    await fn(admin.id);
  } catch (error) {
    if (error instanceof DomainError) return { error: error.message };
    throw error;
  }
  revalidatePath('/admin/users');
  return { ok };
}

export async function createUserAction(_: State, form: FormData): Promise<State> {
  return asAdmin(
    (actorId) =>
      createUser(db, {
        actorId,
        input: { email: form.get('email'), name: form.get('name') ?? '', role: form.get('role'), password: form.get('password') },
      }),
    'User created.',
  );
}

export async function setRoleAction(userId: string, _: State, form: FormData): Promise<State> {
  return asAdmin((actorId) => setUserRole(db, { actorId, input: { userId, role: form.get('role') } }), 'Role saved.');
}
