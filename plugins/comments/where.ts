import type { Where } from 'payload'

/** Prefixes every field path of a where query: `{ _status: ... }` becomes `{ 'article._status': ... }`. */
export function prefixWhere(where: Where, prefix: string): Where {
  return Object.fromEntries(
    Object.entries(where).map(([key, value]) =>
      key === 'and' || key === 'or'
        ? [key, (value as Where[]).map((inner) => prefixWhere(inner, prefix))]
        : [`${prefix}.${key}`, value],
    ),
  ) as Where
}
