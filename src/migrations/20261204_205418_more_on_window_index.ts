import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "tag_publishedAt_story_idx";
  CREATE INDEX "tag_publishedAt_story_neverAutoLink_idx" ON "recommendations_postings" USING btree ("tag","published_at","story","never_auto_link");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "tag_publishedAt_story_neverAutoLink_idx";
  CREATE INDEX "tag_publishedAt_story_idx" ON "recommendations_postings" USING btree ("tag","published_at","story");`)
}
