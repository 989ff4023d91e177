import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * Gives every article written before the reader site its freshness key, as a save since then would have. A report of
 * changed lists bumps existing keys in one statement, but a missing key one statement at a time (src/site/freshness).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
    INSERT INTO "site_freshness" ("key", "version", "updated_at", "created_at")
    SELECT 'article:' || "id", 1, now(), now() FROM "articles"
    ON CONFLICT ("key") DO NOTHING`)
}

/** The keys stay: a page cached against one is still right. */
export async function down(_args: MigrateDownArgs): Promise<void> {}
