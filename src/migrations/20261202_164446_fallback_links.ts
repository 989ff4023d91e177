import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_recommendations_origin" ADD VALUE 'fallback';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "recommendations" ALTER COLUMN "origin" SET DATA TYPE text;
  DELETE FROM "recommendations" WHERE "origin" = 'fallback';
  DROP TYPE "public"."enum_recommendations_origin";
  CREATE TYPE "public"."enum_recommendations_origin" AS ENUM('auto', 'pinned');
  ALTER TABLE "recommendations" ALTER COLUMN "origin" SET DATA TYPE "public"."enum_recommendations_origin" USING "origin"::"public"."enum_recommendations_origin";`)
}
