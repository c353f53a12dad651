-- PostgreSQL only, not in the models (Prisma does not manage statistics objects): how often each flag
-- bit is set, for the moderation queue's flag filter (app/moderation/queue.server.ts). Without them the
-- planner takes ("flags" & N) <> 0 for 99.5% of rows (its default for an expression it knows nothing
-- of) and prices each flag's partial index ("Comment_pending_flagN_idx") as if it held every pending row.
-- At 2,500,000 opinions the queue's prepared statement for consultation + stance + flag=PROFANITY went to
-- its generic plan after five runs: the consultation's pending range ("consultationId", "status",
-- "createdAt") in date order, filtered, 452,108 rows read for the page's 17 (0.65-2.5 s), and the custom
-- plan did the same for the smaller consultation (431 ms) and for a flag no row carries (429 ms). With
-- them both plans read the flag's partial index (0.07-3 ms). ANALYZE fills them now, autovacuum keeps them.
CREATE STATISTICS IF NOT EXISTS "Comment_flag1_stat" ON ("flags" & 1) FROM "Comment";
CREATE STATISTICS IF NOT EXISTS "Comment_flag2_stat" ON ("flags" & 2) FROM "Comment";
CREATE STATISTICS IF NOT EXISTS "Comment_flag4_stat" ON ("flags" & 4) FROM "Comment";
CREATE STATISTICS IF NOT EXISTS "Comment_flag8_stat" ON ("flags" & 8) FROM "Comment";
CREATE STATISTICS IF NOT EXISTS "Comment_flag16_stat" ON ("flags" & 16) FROM "Comment";
CREATE STATISTICS IF NOT EXISTS "Comment_flag32_stat" ON ("flags" & 32) FROM "Comment";
CREATE STATISTICS IF NOT EXISTS "Comment_flag64_stat" ON ("flags" & 64) FROM "Comment";
ANALYZE "Comment";
