import type { Where } from 'payload'

type ListQuery = { where: Where; sort: string }

/** The moderation queue: pending comments, oldest first (the comments list opens on it). */
export const moderationQueue: ListQuery = {
  where: { or: [{ and: [{ status: { equals: 'pending' } }] }] },
  sort: 'createdAt',
}

/** Comments readers reported that are still shown or waiting, most reported first. */
export const reportedComments: ListQuery = {
  where: { or: [{ and: [{ reportCount: { greater_than: 0 } }, { status: { in: ['pending', 'approved'] } }] }] },
  sort: '-reportCount',
}

/** A list view's query string, in the bracket form the admin panel reads (`where[or][0][and][0][status][equals]=…`). */
export function listQueryString({ where, sort }: ListQuery): string {
  const pairs: string[] = []
  const walk = (value: unknown, key: string) => {
    if (value !== null && typeof value === 'object') {
      for (const [child, inner] of Object.entries(value)) walk(inner, `${key}[${child}]`)
    } else {
      pairs.push(`${key}=${encodeURIComponent(String(value))}`)
    }
  }
  walk(where, 'where')
  return [...pairs, `sort=${encodeURIComponent(sort)}`].join('&')
}
