-- AlterTable
ALTER TABLE "Span" ADD COLUMN "goldSpanId" TEXT;

-- Verdicts given before this migration: link each accepted or edited span to the live gold span
-- it created, or else (an acceptance that found the same span already in gold) to the live gold
-- span with its label and boundaries.
UPDATE "Span" SET "goldSpanId" = COALESCE(
  (SELECT g."id" FROM "Span" g WHERE g."sourceSpanId" = "Span"."id" AND g."layer" = 'gold' AND g."deletedAt" IS NULL ORDER BY g."createdAt" LIMIT 1),
  (SELECT g."id" FROM "Span" g WHERE "Span"."verdict" = 'accepted' AND g."articleId" = "Span"."articleId" AND g."layer" = 'gold' AND g."deletedAt" IS NULL
     AND g."label" = "Span"."label" AND g."start" = "Span"."start" AND g."end" = "Span"."end" ORDER BY g."createdAt" LIMIT 1)
)
WHERE "layer" = 'annotator' AND "verdict" IN ('accepted', 'edited');
