-- Nothing on SQLite: the PostgreSQL migration of the same name adds the planner's statistics for the
-- report passes, SQLite is told which index to use (INDEXED BY) and runs no ANALYZE (ADR 018).
SELECT 1;
