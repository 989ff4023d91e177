import { z } from 'zod'

/** Postgres `serial` ids: positive 32-bit integers. One rule for every id any route or field accepts. */
const MAX_SERIAL_ID = 2_147_483_647

export const SERIAL_ID_RULE = `a whole number from 1 to ${MAX_SERIAL_ID}`

/**
 * A serial id given as a number or as its decimal text; anything else (1.5, -1, 2147483648, 1e3, "12abc") is not one.
 */
export function parseSerialId(value: unknown): number | undefined {
  const number =
    typeof value === 'number' ? value : typeof value === 'string' && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : NaN
  return Number.isInteger(number) && number >= 1 && number <= MAX_SERIAL_ID ? number : undefined
}

/** The zod form of the rule, naming the field in its message; with `optional`, null or absent means none. */
export function serialId(field: string, what: string): z.ZodType<number, unknown>
export function serialId(field: string, what: string, options: { optional: true }): z.ZodType<number | null, unknown>
export function serialId(
  field: string,
  what: string,
  { optional = false }: { optional?: boolean } = {},
): z.ZodType<number | null, unknown> {
  return z.unknown().transform((value, context) => {
    if (optional && (value === null || value === undefined)) return null
    const id = parseSerialId(value)
    if (id === undefined)
      context.addIssue({ code: 'custom', message: `${field} must be the id of ${what}: ${SERIAL_ID_RULE}` })
    return id ?? z.NEVER
  })
}
