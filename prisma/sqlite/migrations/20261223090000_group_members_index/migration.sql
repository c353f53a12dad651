-- A group's members in the order its card lists them (the moderation queue's groups view): oldest first,
-- read as one index range of the first 50 instead of every member of the group and a sort (a group of
-- 40,000 read 39,131 heap pages, 1 s, for its card). Partial: ungrouped comments are not in it, so a
-- submission outside any group writes no entry. Prisma's models cannot express partial indexes: it lives
-- here, as the flags' (20261126170000).
CREATE INDEX "Comment_group_members_idx" ON "Comment"("groupId", "createdAt", "id") WHERE "groupId" IS NOT NULL;
