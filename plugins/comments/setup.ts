import type { CommentsStore } from './db'
import type { ResolvedCommentsOptions } from './options'

/** What every hook and endpoint of one plugin setup closes over. */
export type CommentsSetup = {
  options: ResolvedCommentsOptions
  /** The slug of the collection readers comment on. */
  commented: string
  /** Whether that collection keeps versions (its stored versions carry the comment count too). */
  versioned: boolean
  /** The collection of the admin panel's users (who approved a comment). */
  users: string
  /** The config's secret, which keys the hash of readers' addresses. */
  secret: string
  store: CommentsStore
  /** The import-map path of one of the plugin's admin components (`admin/<name>.tsx`). */
  component: (name: string) => string
}

/** A relationship's value as an id: the id itself, or a populated document's. */
export const idOf = (value: unknown): number | undefined =>
  value && typeof value === 'object'
    ? idOf((value as { id: unknown }).id)
    : value == null || value === ''
      ? undefined
      : Number(value)
