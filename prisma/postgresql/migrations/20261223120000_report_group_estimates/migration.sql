-- PostgreSQL only, not in the models (Prisma does not manage statistics objects): what the planner needs
-- to estimate the statistics page's passes (app/reports/statistics.server.ts). Without them it takes the
-- day pass (GROUP BY channel, stance, the Viet Nam day of "createdAt") for one group per opinion
-- (537,422 estimated for 60 at 1,000,000 opinions: a hash planned to spill in 8 partitions, 32 at
-- 2,500,000, run on one core) and the block × organization pass for 101,108 groups (12,246), so it
-- reads that one in index order on one core too. With them both passes are parallel index-only scans
-- with partial aggregates (estimated cost 97,000 → 44,600 and 51,600 → 45,700 at 1,000,000), as the
-- locality pass already was. ANALYZE fills them now, autovacuum keeps them.
CREATE STATISTICS IF NOT EXISTS "Comment_report_day_stat" ON (CAST("createdAt" + INTERVAL '7 hours' AS date)) FROM "Comment";
CREATE STATISTICS IF NOT EXISTS "Comment_report_groups_stat" (ndistinct) ON "channel", "stance", "blockKey", "organizationId" FROM "Comment";
ANALYZE "Comment";
