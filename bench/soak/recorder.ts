/** Every request the soak makes: when it started, how long it took, how it ended; and the fault windows. */
import { quantile, round } from '../timing'

/** A status of 0: the request got no HTTP answer (refused, reset, timed out). */
export type Sample = { route: string; startedAt: number; endedAt: number; ms: number; status: number }
export type FaultWindow = { name: string; from: number; to: number }

export class Recorder {
  private readonly samples: Sample[] = []
  readonly windows: FaultWindow[] = []

  /** `ms` is the request's own time; `startedAt` to now is how long it was under way (a step may wait before it). */
  record(route: string, startedAt: number, ms: number, status: number) {
    this.samples.push({ route, startedAt, endedAt: Date.now(), ms, status })
  }

  get requests() {
    return this.samples.length
  }

  /** A failure is a 5xx or no answer at all; refusals (4xx) are answers. */
  private static failed = (sample: Sample) => sample.status === 0 || sample.status >= 500

  /** A request that was under way at any moment of a fault window (one in flight when the fault struck included). */
  private inWindow = (sample: Sample) =>
    this.windows.some((window) => sample.startedAt <= window.to && sample.endedAt >= window.from)

  failures() {
    const failed = this.samples.filter(Recorder.failed)
    const outside = failed.filter((sample) => !this.inWindow(sample))
    return {
      outsideFaults: outside.length,
      insideFaults: failed.length - outside.length,
      examples: outside.slice(0, 10).map((sample) => ({
        ...sample,
        startedAt: new Date(sample.startedAt).toISOString(),
        endedAt: new Date(sample.endedAt).toISOString(),
      })),
    }
  }

  /**
   * The routes whose answers outside the fault windows were mostly not a success: a reader or editor sending what the
   * app does not serve (a query it refuses, say) measures nothing, however fast the refusals come back.
   */
  unservedRoutes(): string[] {
    const byRoute = new Map<string, { answered: number; succeeded: number }>()
    for (const sample of this.samples) {
      const { route, status } = sample
      if (status === 0 || this.inWindow(sample)) continue
      const counts = byRoute.get(route) ?? byRoute.set(route, { answered: 0, succeeded: 0 }).get(route)!
      counts.answered++
      if (status >= 200 && status < 300) counts.succeeded++
    }
    return [...byRoute].filter(([, { answered, succeeded }]) => succeeded < answered / 2).map(([route]) => route)
  }

  /** Per route: how many, how fast (answered requests only), how many failed; throughput over `seconds`. */
  routes(seconds: number) {
    const byRoute = new Map<string, Sample[]>()
    for (const sample of this.samples)
      (byRoute.get(sample.route) ?? byRoute.set(sample.route, []).get(sample.route)!).push(sample)
    return Object.fromEntries(
      [...byRoute]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([route, samples]) => {
          const answered = samples.filter((sample) => sample.status !== 0).map((sample) => sample.ms)
          return [
            route,
            {
              requests: samples.length,
              perSecond: round(samples.length / seconds, 1),
              p50: round(quantile(answered, 0.5), 1),
              p95: round(quantile(answered, 0.95), 1),
              p99: round(quantile(answered, 0.99), 1),
              failed: samples.filter(Recorder.failed).length,
              statuses: Object.fromEntries(
                [...new Set(samples.map((sample) => sample.status))]
                  .sort()
                  .map((status) => [status, samples.filter((sample) => sample.status === status).length]),
              ),
            },
          ]
        }),
    )
  }
}
