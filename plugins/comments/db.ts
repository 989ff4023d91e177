/**
 * The comments' SQL: the counts kept on commented documents, the rate-limit counters, and bulk changes done set by
 * set. Table and column names are read from the schema Payload built, so any commented collection works.
 */
import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { transactionDatabase } from '../shared/transactionDatabase'
import { SLUGS } from './slugs'

/** Which collection's documents carry the counts, and whether it keeps versions. */
export type StoreTarget = { commented: string; versioned: boolean }

type Names = {
  commented: string
  commentCount: string
  versions?: { table: string; parent: string; commentCount: string }
  comments: string
  article: string
  parent: string
  reports: string
  rateLimits: string
}

const snakeCase = (name: string) =>
  name
    .replace(/-/g, '_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()

function resolveNames(req: PayloadRequest, setup: StoreTarget, resolved: WeakMap<object, Names>): Names {
  const adapter = req.payload.db as unknown as PostgresAdapter
  const known = resolved.get(adapter)
  if (known) return known
  const table = (slug: string) => adapter.tableNameMap.get(snakeCase(slug)) ?? snakeCase(slug)
  const column = (tableName: string, key: string) => {
    const found = (adapter.tables[tableName] as Record<string, { name?: string }> | undefined)?.[key]?.name
    if (!found) throw new Error(`comments: no column for "${key}" in table "${tableName}"`)
    return found
  }
  const commented = table(setup.commented)
  const comments = table(SLUGS.comments)
  const versions = `_${commented}_v`
  const found: Names = {
    commented,
    commentCount: column(commented, 'commentCount'),
    versions: setup.versioned
      ? { table: versions, parent: column(versions, 'parent'), commentCount: column(versions, 'version_commentCount') }
      : undefined,
    comments,
    article: column(comments, 'article'),
    parent: column(comments, 'parent'),
    reports: table(SLUGS.reports),
    rateLimits: table(SLUGS.rateLimits),
  }
  resolved.set(adapter, found)
  return found
}

const ids = (values: readonly number[]) =>
  sql`${`{${values.map((value) => Math.trunc(Number(value))).join(',')}}`}::int[]`

const name = (identifier: string) => sql.identifier(identifier)

export type RateWindow = { name: string; seconds: number; limit: number }
export type RateVerdict = { allowed: true } | { allowed: false; retryAfter: number; window: string }

/** The plugin's SQL for one setup; every statement runs in the request's transaction, if it has one. */
export function commentsStore(setup: StoreTarget) {
  const resolved = new WeakMap<object, Names>()
  const names = (req: PayloadRequest, target: StoreTarget) => resolveNames(req, target, resolved)
  const query = async (req: PayloadRequest, statement: ReturnType<typeof sql>) =>
    (await transactionDatabase(req)).execute(statement)

  /**
   * Locks these commented documents' rows until the transaction ends, in id order; returns the ones that exist. Every
   * transaction that writes a document's comments (or their reports) takes this lock first, before any comment row:
   * so the one that deletes a document (which locks it, then deletes its comments) and those that comment, moderate
   * or report on it take turns instead of deadlocking, and no comment is added to a document being deleted.
   */
  async function lockCommented(req: PayloadRequest, documentIds: readonly number[]): Promise<number[]> {
    const unique = [...new Set(documentIds.filter((id) => Number.isFinite(id)))]
    if (unique.length === 0) return []
    const { commented } = names(req, setup)
    const locked = await query(
      req,
      sql`SELECT id FROM ${name(commented)} WHERE id = ANY(${ids(unique)}) ORDER BY id FOR NO KEY UPDATE`,
    )
    return (locked.rows as { id: number }[]).map((row) => Number(row.id))
  }

  /** Locks the row of the document a comment belongs to (see `lockCommented`). */
  async function lockCommentedOf(req: PayloadRequest, commentId: number): Promise<void> {
    const { commented, comments, article } = names(req, setup)
    await query(
      req,
      sql`SELECT id FROM ${name(commented)}
        WHERE id = (SELECT ${name(article)} FROM ${name(comments)} WHERE id = ${commentId}) FOR NO KEY UPDATE`,
    )
  }

  /**
   * Sets each document's comment count to its number of approved comments. Written straight to the row: no new
   * version, no `updatedAt` change, no clash with an editor who has the document open. Its stored versions get the
   * same count, since the admin panel's lists read drafts-enabled collections from their versions (and a restored
   * version must not bring back an old count).
   *
   * Counted, never added to: the rows are locked first (in id order), and the count is a statement of its own after
   * that, so it sees every comment change committed by whoever held the lock before. Every transaction that changes
   * a comment's status, and every save of a commented document (Payload writes back the count it read when the save
   * began), ends with this, so the last one to commit always leaves the true count.
   */
  async function refreshCommentCounts(
    req: PayloadRequest,
    documentIds: readonly number[],
  ): Promise<Map<number, number>> {
    const unique = [...new Set(documentIds.filter((id) => Number.isFinite(id)))]
    if (unique.length === 0) return new Map()
    await lockCommented(req, unique)
    const { commented, commentCount, versions, comments, article } = names(req, setup)
    const counting = sql`
      UPDATE ${name(commented)} a SET ${name(commentCount)} = (
        SELECT count(*) FROM ${name(comments)} c WHERE c.${name(article)} = a.id AND c.status = 'approved'
      )
      WHERE a.id = ANY(${ids(unique)}) RETURNING a.id, a.${name(commentCount)} AS count`
    const counted = await query(
      req,
      versions
        ? sql`
          WITH counted AS (${counting}), versions AS (
            UPDATE ${name(versions.table)} v SET ${name(versions.commentCount)} = counted.count
            FROM counted WHERE v.${name(versions.parent)} = counted.id
          )
          SELECT id, count FROM counted`
        : counting,
    )
    return new Map(
      (counted.rows as { id: number; count: number | string }[]).map((row) => [Number(row.id), Number(row.count)]),
    )
  }

  /**
   * Sets a comment's report count to its number of reports, the same way: the comment's row locked, then counted (a
   * moderator's save writes back the count it read; parallel reports each insert their own row).
   */
  async function refreshReportCount(
    req: PayloadRequest,
    commentId: number,
  ): Promise<{ reports: number; status: string | undefined }> {
    const { comments, reports } = names(req, setup)
    await query(req, sql`SELECT id FROM ${name(comments)} WHERE id = ${commentId} FOR NO KEY UPDATE`)
    const updated = await query(
      req,
      sql`
        UPDATE ${name(comments)} c
        SET report_count = (SELECT count(*) FROM ${name(reports)} r WHERE r.comment_id = c.id)
        WHERE c.id = ${commentId} RETURNING c.report_count, c.status`,
    )
    const row = updated.rows[0] as { report_count: number | string; status: string } | undefined
    return { reports: Number(row?.report_count ?? 0), status: row?.status }
  }

  /** Adds a report; false if this address had already reported the comment. */
  async function addReport(req: PayloadRequest, commentId: number, reason: string, ipHash: string): Promise<boolean> {
    const { reports } = names(req, setup)
    const inserted = await query(
      req,
      sql`
        INSERT INTO ${name(reports)} (comment_id, reason, ip_hash, updated_at, created_at)
        VALUES (${commentId}, ${reason}, ${ipHash}, now(), now())
        ON CONFLICT (comment_id, ip_hash) DO NOTHING RETURNING id`,
    )
    return inserted.rows.length > 0
  }

  /** Deletes a document's comments and their reports (before the document itself goes), its row locked first. */
  async function deleteCommentsOf(req: PayloadRequest, documentId: number): Promise<void> {
    const { commented, comments, article, reports } = names(req, setup)
    await query(req, sql`SELECT id FROM ${name(commented)} WHERE id = ${documentId} FOR UPDATE`)
    await query(
      req,
      sql`DELETE FROM ${name(reports)}
        WHERE comment_id IN (SELECT id FROM ${name(comments)} WHERE ${name(article)} = ${documentId})`,
    )
    await query(req, sql`DELETE FROM ${name(comments)} WHERE ${name(article)} = ${documentId}`)
  }

  /** Every comment by an email, however its case was stored (as erasing matches them). */
  async function commentIdsByEmail(req: PayloadRequest, email: string): Promise<number[]> {
    const { comments } = names(req, setup)
    const result = await query(
      req,
      sql`SELECT id FROM ${name(comments)} WHERE lower(author_email) = lower(${email}) ORDER BY id`,
    )
    return result.rows.map((row) => Number(row.id))
  }

  /** Anonymises every comment by an email: name and email replaced, bodies "[removed]", thread structure kept. */
  async function eraseByEmail(req: PayloadRequest, email: string): Promise<number> {
    const { comments } = names(req, setup)
    const result = await query(
      req,
      sql`
        UPDATE ${name(comments)}
        SET author_name = '[removed]', author_email = 'erased-' || id || '@invalid.invalid',
          body = '[removed]', ip_hash = NULL
        WHERE lower(author_email) = lower(${email}) RETURNING id`,
    )
    return result.rows.length
  }

  /** Moves the replies of a comment under another one. */
  async function moveReplies(req: PayloadRequest, fromId: number, toId: number): Promise<void> {
    const { comments, parent } = names(req, setup)
    await query(req, sql`UPDATE ${name(comments)} SET ${name(parent)} = ${toId} WHERE ${name(parent)} = ${fromId}`)
  }

  /**
   * Counts one hit for each key in each window, with one atomic upsert per counter (so parallel requests cannot slip
   * past the limit), in the rate-limits table shared by every app instance. The upsert runs in the request's
   * transaction: a counter row stays locked until the post commits, so posts from one reader go one at a time, and a
   * post that is refused leaves no count behind. Expired windows are swept as hits come in.
   */
  async function countHits(
    req: PayloadRequest,
    keys: readonly string[],
    windows: readonly RateWindow[],
    now = Date.now(),
  ): Promise<RateVerdict> {
    const table = name(names(req, setup).rateLimits)
    let verdict: RateVerdict = { allowed: true }
    for (const window of windows) {
      const start = Math.floor(now / (window.seconds * 1000)) * window.seconds * 1000
      const end = start + window.seconds * 1000
      for (const key of keys) {
        const result = await query(
          req,
          sql`
            INSERT INTO ${table} (key, window_start, count, expires_at, updated_at, created_at)
            VALUES (
              ${`${key}|${window.name}`}, ${new Date(start).toISOString()}, 1,
              ${new Date(end).toISOString()}, now(), now()
            )
            ON CONFLICT (key, window_start) DO UPDATE SET count = ${table}.count + 1, updated_at = now()
            RETURNING count`,
        )
        const count = Number((result.rows[0] as { count: number | string }).count)
        if (count > window.limit && verdict.allowed) {
          verdict = { allowed: false, retryAfter: Math.max(1, Math.ceil((end - now) / 1000)), window: window.name }
        }
      }
    }
    await query(req, sql`DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} WHERE expires_at < now() LIMIT 500)`)
    return verdict
  }

  return {
    lockCommented,
    lockCommentedOf,
    refreshCommentCounts,
    refreshReportCount,
    addReport,
    deleteCommentsOf,
    commentIdsByEmail,
    eraseByEmail,
    moveReplies,
    countHits,
  }
}

export type CommentsStore = ReturnType<typeof commentsStore>
