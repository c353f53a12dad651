-- Nothing on SQLite: the PostgreSQL migration of the same name adds the planner's statistics of each flag
-- bit for the moderation queue's flag filter, and SQLite is told the flag's partial index (INDEXED BY).
SELECT 1;
