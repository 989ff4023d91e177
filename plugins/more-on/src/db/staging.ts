/**
 * A table built beside one of the plugin's own (a rebuild's new index or lists), then swapped in for it.
 *
 * Filling a table with no index and no foreign key, then building those once, costs a fraction of writing the same
 * rows into the live table (each row there updates five indexes and checks two foreign keys). Until the swap, readers
 * and writers use the live table as if nothing were under way; the swap is a few renames in the transaction that
 * holds the writers' lock, and it leaves the table exactly as Payload's schema describes it: same name, columns,
 * defaults, indexes, constraints and references, under the same names.
 */
import { randomBytes } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'

import { name, type Store } from './store.js'

export type StagedTable = {
  /** The live table it replaces. */
  live: string
  /** Its own name until the swap. */
  staged: string
}

/** A new, empty table shaped like `live` (columns, defaults, not-null), with no index or constraint yet. */
export async function stageTable(store: Store, live: string): Promise<StagedTable> {
  const staged = `${live.slice(0, 40)}_rebuild_${randomBytes(4).toString('hex')}`
  await store.db.execute(sql`CREATE TABLE ${name(staged)} (LIKE ${name(live)} INCLUDING DEFAULTS)`)
  return { live, staged }
}

export async function dropStaged(store: Store, table: StagedTable) {
  await store.db.execute(sql`DROP TABLE IF EXISTS ${name(table.staged)}`)
}

type Definition = { name: string; definition: string }

/** The live table's indexes that no constraint owns, and its primary key, unique and foreign-key constraints. */
async function definitionsOf(store: Store, live: string) {
  const indexes = await store.rows<Definition>(
    sql`SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = to_regclass(${live})
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid)
        ORDER BY c.relname`,
  )
  const constraints = await store.rows<Definition & { type: string }>(
    sql`SELECT conname AS name, contype::text AS type, pg_get_constraintdef(oid) AS definition FROM pg_constraint
        WHERE conrelid = to_regclass(${live}) AND contype IN ('p', 'u', 'f') ORDER BY contype DESC, conname`,
  )
  return { indexes, constraints }
}

const temporaryName = (table: StagedTable, index: number) => `${table.staged}_${index}`

/**
 * Gives the staged table the live table's indexes and constraints, under names of its own until the swap. The indexes
 * are built side by side, on connections of their own (Postgres builds each on one core); foreign keys are checked in
 * one pass each (added unchecked, then validated), without blocking writes to the tables they point to.
 */
export async function finishStaged(pool: Store, table: StagedTable) {
  // Another rebuild may swap its own table in meanwhile, dropping the live one: the lock holds it while it is read.
  const { indexes, constraints } = await pool.db.transaction(async (tx) => {
    await tx.execute(sql.raw(`LOCK TABLE "${table.live}" IN ACCESS SHARE MODE`))
    return definitionsOf(pool.on(tx), table.live)
  })
  // pg_get_indexdef reads `CREATE [UNIQUE] INDEX name ON [ONLY] table USING …`: only the name and table change.
  const onTable = /^(CREATE (?:UNIQUE )?INDEX) \S+ ON (?:ONLY )?\S+ (USING .*)$/s
  await Promise.all(
    indexes.map(async (definition, index) => {
      const parts = onTable.exec(definition.definition)
      if (!parts) throw new Error(`more-on: cannot copy index ${definition.name}: ${definition.definition}`)
      await pool.db.transaction(async (tx) => {
        await tx.execute(sql.raw(`SET LOCAL maintenance_work_mem = '128MB'`))
        await tx.execute(sql.raw(`${parts[1]} "${temporaryName(table, index)}" ON "${table.staged}" ${parts[2]}`))
      })
    }),
  )
  for (const [index, constraint] of constraints.entries()) {
    const constraintName = temporaryName(table, indexes.length + index)
    const foreign = constraint.type === 'f'
    await pool.db.execute(
      sql.raw(
        `ALTER TABLE "${table.staged}" ADD CONSTRAINT "${constraintName}" ${constraint.definition}` +
          (foreign ? ' NOT VALID' : ''),
      ),
    )
    if (foreign) await pool.db.execute(sql.raw(`ALTER TABLE "${table.staged}" VALIDATE CONSTRAINT "${constraintName}"`))
  }
}

/**
 * Swaps the staged table in for the live one, inside the caller's transaction (under the writers' lock, so no writer
 * is between statements on it). Readers wait for the renames only: they take the table's lock for milliseconds.
 * Foreign keys of other tables that point to the live one (Payload's document locks) point to the new one after;
 * their rows pointed to rows that no longer exist, and are removed as the old table's rows would have removed them.
 */
export async function swapStaged(store: Store, table: StagedTable) {
  const { indexes, constraints } = await definitionsOf(store, table.live)
  const referencing = await store.rows<Definition & { referencing: string; column: string }>(
    sql`SELECT k.conname AS name, k.conrelid::regclass::text AS referencing, pg_get_constraintdef(k.oid) AS definition,
          a.attname AS column
        FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
        WHERE k.confrelid = to_regclass(${table.live}) AND k.contype = 'f' AND k.conrelid <> k.confrelid`,
  )
  const sequences = await store.rows<{ sequence: string; column: string }>(
    sql`SELECT s.oid::regclass::text AS sequence, a.attname AS column
        FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
        JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
        WHERE d.refobjid = to_regclass(${table.live}) AND d.deptype = 'a'`,
  )
  const run = (statement: string) => store.db.execute(sql.raw(statement))
  await run(`LOCK TABLE "${table.live}" IN ACCESS EXCLUSIVE MODE`)
  for (const foreign of referencing) {
    await run(`ALTER TABLE ${foreign.referencing} DROP CONSTRAINT "${foreign.name}"`)
    await run(`DELETE FROM ${foreign.referencing} WHERE "${foreign.column}" IS NOT NULL`)
  }
  for (const { sequence, column } of sequences)
    await run(`ALTER SEQUENCE ${sequence} OWNED BY "${table.staged}"."${column}"`)
  await run(`DROP TABLE "${table.live}"`)
  await run(`ALTER TABLE "${table.staged}" RENAME TO "${table.live}"`)
  for (const [index, definition] of indexes.entries())
    await run(`ALTER INDEX "${temporaryName(table, index)}" RENAME TO "${definition.name}"`)
  for (const [index, constraint] of constraints.entries())
    await run(
      `ALTER TABLE "${table.live}" RENAME CONSTRAINT "${temporaryName(table, indexes.length + index)}" ` +
        `TO "${constraint.name}"`,
    )
  for (const foreign of referencing)
    await run(`ALTER TABLE ${foreign.referencing} ADD CONSTRAINT "${foreign.name}" ${foreign.definition}`)
}
