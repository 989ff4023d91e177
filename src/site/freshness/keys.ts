/** What a cached page depends on, by name (the rows of the freshness table). */
export const FRESHNESS_KEYS = {
  /** An article's public version, its comment thread and its stored "More on" list. */
  article: (id: number | string) => `article:${id}`,
  /** Every article's stored "More on" list at once: bumped when more lists changed together than it pays to name. */
  allLists: 'more-on:all',
  /** Which articles are public, and in what order: the front, section and tag pages, feeds and sitemaps. */
  listings: 'listings',
  /** Sections, tags, authors and pictures, shown on every page by name. */
  taxonomy: 'taxonomy',
  /** The site's name, description and logo. */
  site: 'site',
} as const
