import { z } from 'zod'

/** A whole number from a query string: blank means `fallback`; anything else outside min..max is refused. */
export const wholeNumber = (name: string, min: number, max: number, fallback: number) => {
  const message = `${name} must be a whole number from ${min} to ${max}`
  return z.preprocess(
    (value) => (value === null || value === undefined || value === '' ? fallback : value),
    z.coerce.number({ message }).int(message).min(min, message).max(max, message),
  )
}
