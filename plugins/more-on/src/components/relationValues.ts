/** A document id as the admin panel's form holds it. */
export type Id = number | string

/** The ids of a relationship field's form value (ids, or documents when populated). */
export const ids = (value: unknown): Id[] =>
  Array.isArray(value)
    ? value.map((item) => (typeof item === 'object' && item && 'id' in item ? (item.id as Id) : (item as Id)))
    : []

/** The same id, whether the form holds it as a number or as text. */
export const same = (a: Id, b: Id) => String(a) === String(b)
