import config from '@payload-config'
import { getPayload } from 'payload'

/** The app's Payload, for the site's routes. */
export const sitePayload = () => getPayload({ config })

/** `?page=` as a page number: a whole number from 1, else 1. */
export function pageNumber(value: string | string[] | undefined): number | null {
  if (value === undefined) return 1
  const page = Number(Array.isArray(value) ? value[0] : value)
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : null
}
