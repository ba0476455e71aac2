-- AlterTable
ALTER TABLE "Span" ADD COLUMN     "goldSpanId" TEXT;

-- Verdicts given before this migration: link each accepted or edited span to the live gold span
-- its latest verdict put or found in gold, as the audit event of that verdict recorded it, or else
-- (an "accept all unanimous", whose events did not record it) to the live gold span with the same
-- label and boundaries.
UPDATE "Span" SET "goldSpanId" = COALESCE(
  (SELECT g."id" FROM "Span" g
     WHERE g."layer" = 'gold' AND g."deletedAt" IS NULL AND g."id" = (
       SELECT (a."after"::jsonb ->> 'goldSpanId') FROM "AuditEvent" a
        WHERE a."entityType" = 'span' AND a."entityId" = "Span"."id" AND a."action" IN ('review.accepted', 'review.edited')
        ORDER BY a."createdAt" DESC, a."id" DESC LIMIT 1)),
  (SELECT g."id" FROM "Span" g WHERE "Span"."verdict" = 'accepted' AND g."articleId" = "Span"."articleId" AND g."layer" = 'gold' AND g."deletedAt" IS NULL
     AND g."label" = "Span"."label" AND g."start" = "Span"."start" AND g."end" = "Span"."end" ORDER BY g."createdAt" LIMIT 1)
)
WHERE "layer" = 'annotator' AND "verdict" IN ('accepted', 'edited');
