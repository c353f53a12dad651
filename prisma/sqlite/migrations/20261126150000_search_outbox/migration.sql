-- CreateTable
CREATE TABLE "SearchOutbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SearchCursor" (
    "consumer" TEXT NOT NULL PRIMARY KEY,
    "lastId" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
