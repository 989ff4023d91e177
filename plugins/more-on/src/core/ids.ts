import type { ID } from '../types.js'

/** The order of ids: numbers by value, uuids (lowercase, as Postgres orders them) as text. */
export const compareIds = (a: ID, b: ID): number =>
  typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0

/** Whether two ids are the same document's (route parameters arrive as strings). */
export const sameId = (a: ID, b: ID) => String(a) === String(b)
