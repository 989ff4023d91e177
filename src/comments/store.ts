/** The comments' SQL: counts kept on articles, and bulk changes done set by set. */
import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { transactionDatabase } from '../db/postgres-adapter'

const ids = (values: readonly number[]) => sql`${`{${values.map((value) => Math.trunc(Number(value))).join(',')}}`}::int[]`

/**
 * Locks these articles' rows until the transaction ends, in id order; returns the ones that exist. Every transaction
 * that writes an article's comments (or their reports) takes this lock first, before any comment row: so the one that
 * deletes an article (which locks it, then deletes its comments) and those that comment, moderate or report on it take
 * turns instead of deadlocking, and no comment is added to an article being deleted.
 */
export async function lockArticles(req: PayloadRequest, articleIds: readonly number[]): Promise<number[]> {
  const unique = [...new Set(articleIds.filter((id) => Number.isFinite(id)))]
  if (unique.length === 0) return []
  const db = await transactionDatabase(req)
  const locked = await db.execute(sql`SELECT id FROM articles WHERE id = ANY(${ids(unique)}) ORDER BY id FOR NO KEY UPDATE`)
  return (locked.rows as { id: number }[]).map((row) => Number(row.id))
}

/** Locks the row of the article a comment belongs to (see `lockArticles`). */
export async function lockArticleOfComment(req: PayloadRequest, commentId: number): Promise<void> {
  const db = await transactionDatabase(req)
  await db.execute(sql`SELECT id FROM articles WHERE id = (SELECT article_id FROM comments WHERE id = ${commentId}) FOR NO KEY UPDATE`)
}

/**
 * Sets `articles.comment_count` to the number of approved comments. Written straight to the row: no new article
 * version, no `updatedAt` change, no clash with an editor who has the article open. The article's stored versions get
 * the same count, since the admin panel's lists read drafts-enabled collections from their versions (and a restored
 * version must not bring back an old count).
 *
 * Counted, never added to: the articles' rows are locked first (in id order), and the count is a statement of its
 * own after that, so it sees every comment change committed by whoever held the lock before. Every transaction that
 * changes a comment's status, and every article save (Payload writes back the count it read when the save began),
 * ends with this, so the last one to commit always leaves the true count.
 */
export async function refreshCommentCounts(req: PayloadRequest, articleIds: readonly number[]): Promise<Map<number, number>> {
  const unique = [...new Set(articleIds.filter((id) => Number.isFinite(id)))]
  if (unique.length === 0) return new Map()
  await lockArticles(req, unique)
  const db = await transactionDatabase(req)
  const counted = await db.execute(sql`
    WITH counted AS (
      UPDATE articles a SET comment_count = (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'approved')
      WHERE a.id = ANY(${ids(unique)}) RETURNING a.id, a.comment_count
    ), versions AS (
      UPDATE _articles_v v SET version_comment_count = counted.comment_count FROM counted WHERE v.parent_id = counted.id
    )
    SELECT id, comment_count FROM counted`)
  return new Map((counted.rows as { id: number; comment_count: number | string }[]).map((row) => [Number(row.id), Number(row.comment_count)]))
}

/**
 * Sets `comments.report_count` to the number of reports, the same way: the comment's row locked, then counted (a
 * moderator's save writes back the count it read; parallel reports each insert their own row).
 */
export async function refreshReportCount(req: PayloadRequest, commentId: number): Promise<{ reports: number; status: string | undefined }> {
  const db = await transactionDatabase(req)
  await db.execute(sql`SELECT id FROM comments WHERE id = ${commentId} FOR NO KEY UPDATE`)
  const updated = await db.execute(sql`
    UPDATE comments c SET report_count = (SELECT count(*) FROM comment_reports r WHERE r.comment_id = c.id)
    WHERE c.id = ${commentId} RETURNING c.report_count, c.status`)
  const row = updated.rows[0] as { report_count: number | string; status: string } | undefined
  return { reports: Number(row?.report_count ?? 0), status: row?.status }
}

/** Adds a report; false if this address had already reported the comment. */
export async function addReport(req: PayloadRequest, commentId: number, reason: string, ipHash: string): Promise<boolean> {
  const db = await transactionDatabase(req)
  const inserted = await db.execute(sql`
    INSERT INTO comment_reports (comment_id, reason, ip_hash, updated_at, created_at)
    VALUES (${commentId}, ${reason}, ${ipHash}, now(), now())
    ON CONFLICT (comment_id, ip_hash) DO NOTHING RETURNING id`)
  return inserted.rows.length > 0
}

/** Deletes an article's comments and their reports (before the article itself goes), its row locked first. */
export async function deleteArticleComments(req: PayloadRequest, articleId: number): Promise<void> {
  const db = await transactionDatabase(req)
  await db.execute(sql`SELECT id FROM articles WHERE id = ${articleId} FOR UPDATE`)
  await db.execute(sql`DELETE FROM comment_reports WHERE comment_id IN (SELECT id FROM comments WHERE article_id = ${articleId})`)
  await db.execute(sql`DELETE FROM comments WHERE article_id = ${articleId}`)
}

/** Every comment by an email, however its case was stored (as erasing matches them). */
export async function commentIdsByEmail(req: PayloadRequest, email: string): Promise<number[]> {
  const db = await transactionDatabase(req)
  const result = await db.execute(sql`SELECT id FROM comments WHERE lower(author_email) = lower(${email}) ORDER BY id`)
  return result.rows.map((row) => Number(row.id))
}

/** Anonymises every comment by an email: name and email replaced, bodies "[removed]", thread structure kept. */
export async function eraseByEmail(req: PayloadRequest, email: string): Promise<number> {
  const db = await transactionDatabase(req)
  const result = await db.execute(sql`
    UPDATE comments SET author_name = '[removed]', author_email = 'erased-' || id || '@invalid.invalid', body = '[removed]', ip_hash = NULL
    WHERE lower(author_email) = lower(${email}) RETURNING id`)
  return result.rows.length
}

/** Moves the replies of a comment under another one. */
export async function moveReplies(req: PayloadRequest, fromId: number, toId: number): Promise<void> {
  const db = await transactionDatabase(req)
  await db.execute(sql`UPDATE comments SET parent_id = ${toId} WHERE parent_id = ${fromId}`)
}
