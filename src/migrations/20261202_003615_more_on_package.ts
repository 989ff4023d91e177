import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

// The more-on plugin's index and counts are derived data, kept in a new form: they are emptied here and rebuilt from
// the stories by the next save (or `npm run more-on:rebuild`). Queued jobs of its former task name are dropped with them.
export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   DELETE FROM "payload_jobs" WHERE "task_slug" = 'moreOnRefresh';
  DELETE FROM "payload_jobs_log" WHERE "task_slug" = 'moreOnRefresh';
  DELETE FROM "recommendations_tag_counts";
  DELETE FROM "recommendations_postings";
   ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'recommendations-refresh', 'schedulePublish');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'recommendations-refresh', 'schedulePublish');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "recommendations_tag_counts_tag_idx";
  ALTER TABLE "recommendations_postings" ALTER COLUMN "tag" DROP NOT NULL;
  ALTER TABLE "recommendations_tag_counts" ADD COLUMN "key" varchar NOT NULL;
  CREATE UNIQUE INDEX "recommendations_tag_counts_key_idx" ON "recommendations_tag_counts" USING btree ("key");
  ALTER TABLE "recommendations_tag_counts" DROP COLUMN "tag";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DELETE FROM "payload_jobs" WHERE "task_slug" = 'recommendations-refresh';
  DELETE FROM "payload_jobs_log" WHERE "task_slug" = 'recommendations-refresh';
  DELETE FROM "recommendations_tag_counts";
  DELETE FROM "recommendations_postings";
   ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'moreOnRefresh', 'schedulePublish');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'moreOnRefresh', 'schedulePublish');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "recommendations_tag_counts_key_idx";
  ALTER TABLE "recommendations_postings" ALTER COLUMN "tag" SET NOT NULL;
  ALTER TABLE "recommendations_tag_counts" ADD COLUMN "tag" numeric NOT NULL;
  CREATE UNIQUE INDEX "recommendations_tag_counts_tag_idx" ON "recommendations_tag_counts" USING btree ("tag");
  ALTER TABLE "recommendations_tag_counts" DROP COLUMN "key";`)
}
