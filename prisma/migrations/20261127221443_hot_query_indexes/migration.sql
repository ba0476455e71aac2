-- DropIndex
DROP INDEX "AuditEvent_articleId_idx";

-- CreateIndex
CREATE INDEX "Article_projectId_id_idx" ON "Article"("projectId", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_articleId_createdAt_idx" ON "AuditEvent"("articleId", "createdAt");
