import { z } from 'zod'

/** A whole number from a query string: blank means `fallback`; anything else outside min..max is refused. */
export const wholeNumber = (name: string, min: number, max: number, fallback: number) => {
  const message = `${name} must be a whole number from ${min} to ${max}`
  return z.preprocess(
    (value) => (value === null || value === undefined || value === '' ? fallback : value),
    z.coerce.number({ message }).int(message).min(min, message).max(max, message),
  )
}

const badRequest = (field: string, message: string) => Response.json({ errors: [{ message, field }] }, { status: 400 })

export const notFound = (message = 'Not Found') => Response.json({ errors: [{ message }] }, { status: 404 })

/** Parses one query parameter; returns the value, or the 400 response that names it. */
export function queryParameter(
  searchParams: URLSearchParams,
  name: string,
  schema: z.ZodType<number>,
): number | Response {
  const result = schema.safeParse(searchParams.get(name))
  return result.success ? result.data : badRequest(name, result.error.issues[0]!.message)
}
