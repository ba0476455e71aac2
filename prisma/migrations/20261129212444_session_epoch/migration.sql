-- AlterTable
-- SQLite adds a NOT NULL column in place when it has a constant default: no table rebuild.
ALTER TABLE "User" ADD COLUMN "sessionEpoch" INTEGER NOT NULL DEFAULT 0;
