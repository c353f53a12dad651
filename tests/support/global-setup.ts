import { createTemplates, dropTemplates } from "./databases.ts";

// Runs once per `vitest run`: migrate the template databases, hand their names to test files.
export default async function setup() {
  const templates = await createTemplates();
  process.env.GOPY_TEST_DIR = templates.dir;
  process.env.GOPY_SQLITE_TEMPLATE = templates.sqliteTemplate;
  if (templates.postgresTemplate) process.env.GOPY_POSTGRES_TEMPLATE = templates.postgresTemplate;
  return () => dropTemplates(templates);
}
