/** The plugin's own collections and global. */
export const SLUGS = {
  comments: 'comments',
  reports: 'comment-reports',
  rateLimits: 'rate-limits',
  settings: 'comment-settings',
} as const
