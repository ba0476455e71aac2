import type { Prisma } from '../generated/prisma/client';

export type AuditEntry = {
  actorId: string | null;
  action: string;
  entityType: 'span' | 'article' | 'project' | 'user' | 'membership' | 'annotation-status';
  entityId: string;
  projectId?: string | null;
  articleId?: string | null;
  before?: unknown;
  after?: unknown;
};

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/** Writes one audit event inside the caller's transaction, so the change and its record land together. */
export async function recordAudit(tx: Prisma.TransactionClient, entry: AuditEntry): Promise<void> {
  // createMany: a plain INSERT, without reading the new row back (nobody needs it).
  await tx.auditEvent.createMany({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      projectId: entry.projectId ?? null,
      articleId: entry.articleId ?? null,
      before: json(entry.before),
      after: json(entry.after),
    },
  });
}
