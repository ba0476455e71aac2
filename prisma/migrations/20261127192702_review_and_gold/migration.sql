-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "articleId" TEXT NOT NULL,
    "spanId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Comment_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_spanId_fkey" FOREIGN KEY ("spanId") REFERENCES "Span" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Project" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "guidelines" TEXT NOT NULL DEFAULT '',
    "requiredSubmissions" INTEGER NOT NULL DEFAULT 2,
    "annotatorsMayReview" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Project" ("createdAt", "guidelines", "id", "name", "updatedAt", "version") SELECT "createdAt", "guidelines", "id", "name", "updatedAt", "version" FROM "Project";
DROP TABLE "Project";
ALTER TABLE "new_Project" RENAME TO "Project";
CREATE TABLE "new_Article" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "author" TEXT NOT NULL DEFAULT '',
    "outlet" TEXT NOT NULL DEFAULT '',
    "sourceUrl" TEXT NOT NULL DEFAULT '',
    "publishedOn" TEXT NOT NULL DEFAULT '',
    "topic" TEXT NOT NULL DEFAULT '',
    "text" TEXT NOT NULL,
    "textHash" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "reviewState" TEXT NOT NULL DEFAULT 'open',
    "adjudicatedAt" DATETIME,
    "adjudicatedById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "deletedAt" DATETIME,
    CONSTRAINT "Article_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Article_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Article" ("author", "createdAt", "createdById", "deletedAt", "id", "outlet", "position", "projectId", "publishedOn", "sourceUrl", "text", "textHash", "title", "topic", "updatedAt", "version") SELECT "author", "createdAt", "createdById", "deletedAt", "id", "outlet", "position", "projectId", "publishedOn", "sourceUrl", "text", "textHash", "title", "topic", "updatedAt", "version" FROM "Article";
DROP TABLE "Article";
ALTER TABLE "new_Article" RENAME TO "Article";
CREATE INDEX "Article_projectId_position_idx" ON "Article"("projectId", "position");
CREATE INDEX "Article_projectId_textHash_idx" ON "Article"("projectId", "textHash");
CREATE TABLE "new_Span" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "articleId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "layer" TEXT NOT NULL DEFAULT 'annotator',
    "label" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "quote" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "suffix" TEXT NOT NULL,
    "textHash" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "speaker" TEXT NOT NULL DEFAULT '',
    "verdict" TEXT NOT NULL DEFAULT '',
    "reviewedById" TEXT,
    "reviewedAt" DATETIME,
    "sourceSpanId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "deletedAt" DATETIME,
    CONSTRAINT "Span_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Span_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Span" ("articleId", "authorId", "createdAt", "deletedAt", "end", "id", "label", "note", "prefix", "quote", "speaker", "start", "suffix", "textHash", "updatedAt", "version") SELECT "articleId", "authorId", "createdAt", "deletedAt", "end", "id", "label", "note", "prefix", "quote", "speaker", "start", "suffix", "textHash", "updatedAt", "version" FROM "Span";
DROP TABLE "Span";
ALTER TABLE "new_Span" RENAME TO "Span";
CREATE INDEX "Span_articleId_authorId_idx" ON "Span"("articleId", "authorId");
CREATE INDEX "Span_articleId_layer_idx" ON "Span"("articleId", "layer");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Comment_spanId_idx" ON "Comment"("spanId");

-- CreateIndex
CREATE INDEX "Comment_articleId_idx" ON "Comment"("articleId");
