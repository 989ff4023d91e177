/** Dates as the site prints them before the reader's own clock takes over (RelativeTime). */
const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
})

export const formatDate = (iso: string) => (iso ? DATE.format(new Date(iso)) : '')
export const formatDateTime = (iso: string) => (iso ? `${DATE_TIME.format(new Date(iso))} UTC` : '')

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** "just now", "5 minutes ago", "4 hours ago" under a day; the date after that. */
export function relativeTime(iso: string, now: number): string {
  const elapsed = now - Date.parse(iso)
  if (!Number.isFinite(elapsed) || elapsed < 0 || elapsed >= DAY) return formatDate(iso)
  if (elapsed < MINUTE) return 'just now'
  const [count, unit] = elapsed < HOUR ? [Math.floor(elapsed / MINUTE), 'minute'] : [Math.floor(elapsed / HOUR), 'hour']
  return `${count} ${unit}${count === 1 ? '' : 's'} ago`
}
