'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireApiUser } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import { addMember, createProject, removeMember, updateProject } from '@/lib/projects/service';

export type ActionState = { error?: string; ok?: string };

async function run(fn: () => Promise<unknown>, okMessage: string): Promise<ActionState> {
  try {
    await fn();
    return { ok: okMessage };
  } catch (error) {
    if (error instanceof DomainError) return { error: error.message };
    throw error;
  }
}

export async function createProjectAction(_: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireApiUser();
  let id: string | undefined;
  const state = await run(async () => {
    id = (await createProject(db, user, { name: form.get('name'), guidelines: form.get('guidelines') ?? '' })).id;
  }, 'Project created.');
  if (id) redirect(`/projects/${id}/settings`);
  return state;
}

export async function updateProjectAction(projectId: string, _: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireApiUser();
  const state = await run(
    () => updateProject(db, user, { projectId, input: {
          name: form.get('name'),
          guidelines: form.get('guidelines'),
          version: form.get('version'),
          requiredSubmissions: form.get('requiredSubmissions'),
          annotatorsMayReview: form.get('annotatorsMayReview'),
        },
      }),
    'Saved.',
  );
  revalidatePath(`/projects/${projectId}`, 'layout');
  return state;
}

export async function addMemberAction(projectId: string, _: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireApiUser();
  const state = await run(() => addMember(db, user, { projectId, input: { email: form.get('email') } }), 'Member added.');
  revalidatePath(`/projects/${projectId}/settings`);
  return state;
}

export async function removeMemberAction(projectId: string, userId: string): Promise<ActionState> {
  const user = await requireApiUser();
  const state = await run(() => removeMember(db, user, { projectId, userId }), 'Member removed.');
  revalidatePath(`/projects/${projectId}/settings`);
  return state;
}
