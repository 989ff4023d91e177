/**
 * Readers: autocannon against one instance, one connection per route, each at a bounded rate, for a bounded time:
 * article lists, single articles with their block, the block alone, tag pages and GraphQL.
 */
import autocannon from 'autocannon'

import type { Recorder } from './recorder'

/** What readers pick from, refreshed as editors publish and delete. */
export type ReadTargets = { articles: number[]; tagSlugs: string[] }

const pick = <T>(items: readonly T[], fallback: T) =>
  items.length ? items[Math.floor(Math.random() * items.length)]! : fallback

const graphqlBody = (id: number) =>
  JSON.stringify({
    query: `query ($id: ID!) {
      Articles(limit: 5) { docs { id title } }
      MoreOnArticle(id: $id, limit: 4) { docs { id title score origin } }
    }`,
    variables: { id: String(id) },
  })

const routes: Record<string, (targets: ReadTargets) => { method: 'GET' | 'POST'; path: string; body?: string }> = {
  'read:articles': () => ({ method: 'GET', path: '/api/articles?limit=10&depth=1' }),
  'read:article': (targets) => ({ method: 'GET', path: `/api/articles/${pick(targets.articles, 1)}?depth=1` }),
  'read:more-on': (targets) => ({ method: 'GET', path: `/api/articles/${pick(targets.articles, 1)}/more-on` }),
  'read:tag-page': (targets) => ({
    method: 'GET',
    path: `/api/tags/${pick(targets.tagSlugs, 'none')}/articles?limit=10`,
  }),
  'read:graphql': (targets) => ({ method: 'POST', path: '/api/graphql', body: graphqlBody(pick(targets.articles, 1)) }),
}

export type Readers = { stop: () => void; done: Promise<void> }

/** Starts the readers on `baseURL` for at most `seconds`, `rate` requests a second per route. */
export function startReaders(
  baseURL: string,
  targets: ReadTargets,
  recorder: Recorder,
  { seconds, rate }: { seconds: number; rate: number },
): Readers {
  const runs = Object.entries(routes).map(([route, make]) => {
    // With a callback, autocannon hands back the running instance (its events) rather than a promise.
    const run = autocannon(
      {
        url: baseURL,
        connections: 1,
        overallRate: rate,
        duration: seconds,
        timeout: 10,
        requests: [
          {
            setupRequest: (request) => {
              const { method, path, body } = make(targets)
              return {
                ...request,
                method,
                path,
                body,
                headers: { ...request.headers, 'content-type': 'application/json' },
              }
            },
          },
        ],
      },
      () => {},
    )
    run.on('response', (_client, statusCode, _bytes, responseTime) =>
      recorder.record(route, Date.now() - responseTime, responseTime, statusCode),
    )
    run.on('reqError', () => recorder.record(route, Date.now(), 0, 0))
    return run
  })
  return {
    stop: () => runs.forEach((run) => run.stop()),
    done: Promise.all(runs.map((run) => new Promise<void>((resolve) => run.on('done', () => resolve())))).then(
      () => undefined,
    ),
  }
}
