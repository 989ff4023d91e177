export type Spread = { p50: number; p95: number }

/** The q-quantile of some numbers (linear between closest ranks). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const position = (sorted.length - 1) * q
  const low = Math.floor(position)
  const high = Math.ceil(position)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low)
}

export const spread = (values: readonly number[]): Spread => ({
  p50: round(quantile(values, 0.5)),
  p95: round(quantile(values, 0.95)),
})

export const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits

/** Milliseconds one call takes, and what it returned. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now()
  const result = await work()
  return { ms: performance.now() - started, result }
}
