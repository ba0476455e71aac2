'use server';

import { redirect } from 'next/navigation';
import { actionResult, formArgument, type ActionState } from '@/lib/actions';
import { requireActionUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { changeOwnPassword } from '@/lib/users/service';

export async function changePasswordAction(_: ActionState, formData: FormData): Promise<ActionState> {
  const state = await actionResult(async () => {
    const user = await requireActionUser();
    const form = formArgument(formData);
    await changeOwnPassword(db, user, { current: form.get('current') ?? '', password: form.get('password'), confirm: form.get('confirm') });
    return { ok: 'Password changed.' };
  });
  // Every session of this user has ended, this one too: sign in again with the new password.
  if ('ok' in state) redirect('/login?notice=password-changed');
  return state;
}
