import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "tags_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "recommendations_tag_phrases" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"tag" numeric NOT NULL,
  	"phrase" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "recommendations_tag_phrases_id" integer;
  ALTER TABLE "tags_texts" ADD CONSTRAINT "tags_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."tags"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "tags_texts_order_parent" ON "tags_texts" USING btree ("order","parent_id");
  CREATE INDEX "recommendations_tag_phrases_tag_idx" ON "recommendations_tag_phrases" USING btree ("tag");
  CREATE INDEX "recommendations_tag_phrases_phrase_idx" ON "recommendations_tag_phrases" USING btree ("phrase");
  CREATE INDEX "recommendations_tag_phrases_updated_at_idx" ON "recommendations_tag_phrases" USING btree ("updated_at");
  CREATE INDEX "recommendations_tag_phrases_created_at_idx" ON "recommendations_tag_phrases" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_recommendations_tag_phrases_fk" FOREIGN KEY ("recommendations_tag_phrases_id") REFERENCES "public"."recommendations_tag_phrases"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_recommendations_tag_phrase_idx" ON "payload_locked_documents_rels" USING btree ("recommendations_tag_phrases_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "tags_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "recommendations_tag_phrases" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "tags_texts" CASCADE;
  DROP TABLE "recommendations_tag_phrases" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_recommendations_tag_phrases_fk";
  
  DROP INDEX "payload_locked_documents_rels_recommendations_tag_phrase_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "recommendations_tag_phrases_id";`)
}
