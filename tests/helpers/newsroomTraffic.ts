/**
 * Seeded traffic against a running app over HTTP, as editors and commenters make it: publishes, retags, redates,
 * unpublishes, deletes and bulk actions from the admin list, comments and their moderation. Every write that was
 * answered is written in a ledger, so that what the app acknowledged can be checked against what it kept (the soak),
 * and the invariants checked once the writers stop (tests/helpers/invariants.ts).
 */
import type { HttpAnswer, HttpApi } from './httpApi'

/** A seeded pseudo-random number in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed % 2 ** 31 || 1
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
}

export type ArticleFields = { title: string; status: 'published' | 'draft'; tags: number[]; publishedAt: string }
type Expected<T> = { value: T; alternatives: T[] }

/**
 * What the app acknowledged, article by article and field by field. A write that got no clear answer (a 5xx, a reset
 * connection, a timeout) may or may not have happened: its value joins the field's alternatives until the next write
 * that was acknowledged.
 */
export class Ledger {
  readonly articles = new Map<
    number,
    {
      fields: Partial<{ [K in keyof ArticleFields]: Expected<ArticleFields[K]> }>
      deleted: Expected<boolean>
      history: string[]
    }
  >()
  readonly comments = new Map<number, { article: number; body: string }>()
  acknowledged = 0

  private entry(id: number) {
    const entry = this.articles.get(id) ?? { fields: {}, deleted: { value: false, alternatives: [] }, history: [] }
    this.articles.set(id, entry)
    return entry
  }

  /** What an article is known to be before any write through the app (it was written directly). */
  known(id: number, fields: ArticleFields) {
    this.write(id, fields, 'acknowledged')
    this.acknowledged--
  }

  write(id: number, fields: Partial<ArticleFields>, outcome: 'acknowledged' | 'unknown') {
    const entry = this.entry(id)
    entry.history.push(`${new Date().toISOString().slice(11, 23)} ${outcome} ${JSON.stringify(fields)}`)
    for (const [field, value] of Object.entries(fields) as [keyof ArticleFields, never][]) {
      const known = entry.fields[field] as Expected<unknown> | undefined
      entry.fields[field] = (
        outcome === 'acknowledged' || !known
          ? { value, alternatives: [] }
          : { value: known.value, alternatives: [...known.alternatives, value] }
      ) as never
    }
    if (outcome === 'acknowledged') this.acknowledged++
  }

  delete(id: number, outcome: 'acknowledged' | 'unknown') {
    const entry = this.entry(id)
    entry.history.push(`${new Date().toISOString().slice(11, 23)} ${outcome} delete`)
    entry.deleted =
      outcome === 'acknowledged'
        ? { value: true, alternatives: [] }
        : { value: entry.deleted.value, alternatives: [true] }
    if (outcome === 'acknowledged') this.acknowledged++
  }

  comment(id: number, article: number, body: string) {
    this.comments.set(id, { article, body })
    this.acknowledged++
  }

  /** Acknowledged writes the app does not show: `read` gives an article as stored (null: gone). */
  async lostWrites(
    read: (id: number) => Promise<ArticleFields | null>,
    readComment: (id: number) => Promise<{ article: number; body: string } | null>,
  ) {
    const lost: Array<{ id: number; field: string; expected: unknown; actual: unknown; history?: string[] }> = []
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
    for (const [id, entry] of this.articles) {
      const stored = await read(id)
      const deleted = stored === null
      if (![entry.deleted.value, ...entry.deleted.alternatives].includes(deleted)) {
        lost.push({ id, field: 'deleted', expected: entry.deleted.value, actual: deleted, history: entry.history })
        continue
      }
      if (deleted) continue
      for (const [field, expected] of Object.entries(entry.fields) as [keyof ArticleFields, Expected<unknown>][]) {
        const actual = stored[field]
        if (![expected.value, ...expected.alternatives].some((value) => same(value, actual))) {
          lost.push({ id, field, expected: expected.value, actual, history: entry.history })
        }
      }
    }
    for (const [id, comment] of this.comments) {
      const stored = await readComment(id)
      // Deleting an article deletes its comments.
      if (!stored && (await read(comment.article)) === null) continue
      if (!stored || stored.body !== comment.body || stored.article !== comment.article) {
        lost.push({ id, field: 'comment', expected: comment, actual: stored })
      }
    }
    return lost
  }
}

/** How a stored article is compared: the fields an editor writes, in a canonical form. */
export function articleFields(doc: Record<string, unknown>): ArticleFields {
  const ids = ((doc.tags as unknown[]) ?? []).map((tag) =>
    Number(tag && typeof tag === 'object' ? (tag as { id: unknown }).id : tag),
  )
  return {
    title: String(doc.title),
    status: doc._status as ArticleFields['status'],
    tags: [...ids].sort((a, b) => a - b),
    publishedAt: new Date(String(doc.publishedAt)).toISOString(),
  }
}

/** What the editors write in: a section, the tags they pick from, and over how many past days stories are dated. */
export type Newsroom = { section: number; tags: number[]; days: number }

const acknowledged = (answer: HttpAnswer) => answer.status >= 200 && answer.status < 300
/** A clear refusal (4xx) means it did not happen; anything else might have. */
const outcomeOf = (answer: HttpAnswer | undefined) =>
  answer && acknowledged(answer) ? 'acknowledged' : answer && answer.status < 500 ? 'refused' : 'unknown'

/**
 * One editor's random writes on the articles in `stories` (shared with other editors or its own), through `api`.
 * `step()` makes one write and returns its name and answer (undefined when the request itself failed).
 */
export function editor(
  api: HttpApi,
  token: string,
  newsroom: Newsroom,
  stories: number[],
  random: () => number,
  ledger?: Ledger,
) {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!
  const someTags = () =>
    [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(newsroom.tags)))].sort((a, b) => a - b)
  const someDate = () =>
    new Date(Date.now() - 60_000 - Math.floor(random() * newsroom.days * 24) * 3_600_000).toISOString()
  let written = 0
  const send = async (method: string, path: string, body?: unknown) => {
    try {
      return await api.request(method, path, { token, body })
    } catch {
      return undefined
    }
  }
  const record = (id: number, fields: Partial<ArticleFields>, answer: HttpAnswer | undefined) => {
    const outcome = outcomeOf(answer)
    if (outcome !== 'refused') ledger?.write(id, fields, outcome)
  }
  const create = async (status: ArticleFields['status']) => {
    const fields = {
      title: `Story ${random().toString(36).slice(2, 8)} ${++written}`,
      status,
      tags: someTags(),
      publishedAt: someDate(),
    }
    const answer = await send('POST', status === 'draft' ? '/articles?draft=true' : '/articles', {
      title: fields.title,
      standfirst: 'A standfirst.',
      section: newsroom.section,
      tags: fields.tags,
      _status: status,
      publishedAt: fields.publishedAt,
    })
    if (answer?.status === 201) {
      stories.push(answer.body.doc.id)
      ledger?.write(answer.body.doc.id, fields, 'acknowledged')
    }
    return answer
  }
  const update = async (fields: Partial<ArticleFields>) => {
    if (stories.length === 0) return create('published')
    const id = pick(stories)
    const { status, ...rest } = fields
    const answer = await send('PATCH', `/articles/${id}`, { ...rest, ...(status ? { _status: status } : {}) })
    record(id, fields, answer)
    return answer
  }
  const bulk = async (method: 'PATCH' | 'DELETE', status?: ArticleFields['status']) => {
    if (stories.length < 2) return create('published')
    const ids = [...new Set([pick(stories), pick(stories), pick(stories)])]
    const where = ids.map((id, index) => `where[id][in][${index}]=${id}`).join('&')
    const answer = await send(method, `/articles?${where}`, status ? { _status: status } : undefined)
    const done = new Set<number>(
      (answer?.status === 200 ? (answer.body.docs as { id: number }[]) : []).map((doc) => doc.id),
    )
    for (const id of ids) {
      const outcome = done.has(id) ? 'acknowledged' : 'unknown'
      if (method === 'DELETE') {
        ledger?.delete(id, outcome)
        if (done.has(id)) stories.splice(stories.indexOf(id), 1)
      } else ledger?.write(id, { status }, outcome)
    }
    return answer
  }
  const remove = async () => {
    if (stories.length === 0) return create('published')
    const id = pick(stories)
    const answer = await send('DELETE', `/articles/${id}`)
    const outcome = outcomeOf(answer)
    if (outcome !== 'refused') ledger?.delete(id, outcome)
    if (outcome === 'acknowledged' || answer?.status === 404) stories.splice(stories.indexOf(id), 1)
    return answer
  }
  const operations: Record<string, () => Promise<HttpAnswer | undefined>> = {
    publish: () => create('published'),
    draft: () => create('draft'),
    retitle: () => update({ title: `Retitled ${random().toString(36).slice(2, 8)}` }),
    retag: () => update({ tags: someTags() }),
    redate: () => update({ publishedAt: someDate() }),
    unpublish: () => update({ status: 'draft' }),
    republish: () => update({ status: 'published' }),
    delete: remove,
    bulkPublish: () => bulk('PATCH', 'published'),
    bulkUnpublish: () => bulk('PATCH', 'draft'),
    bulkDelete: () => bulk('DELETE'),
  }
  // Publishing and editing are the common case; deletes and bulk actions are rarer.
  const weights: Record<string, number> = {
    publish: 4,
    draft: 1,
    retitle: 3,
    retag: 3,
    redate: 2,
    unpublish: 2,
    republish: 2,
    delete: 1,
    bulkPublish: 1,
    bulkUnpublish: 1,
    bulkDelete: 0.5,
  }
  const total = Object.values(weights).reduce((sum, weight) => sum + weight, 0)
  return {
    async step(): Promise<{ operation: string; answer: HttpAnswer | undefined }> {
      let roll = random() * total
      const operation = Object.keys(weights).find((name) => (roll -= weights[name]!) < 0) ?? 'publish'
      return { operation, answer: await operations[operation]!() }
    },
  }
}

/** One commenter: comments on published stories, and a moderator approving them. */
export function commenter(
  api: HttpApi,
  moderatorToken: string,
  stories: () => readonly number[],
  random: () => number,
  ledger?: Ledger,
) {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!
  const pending: number[] = []
  let written = 0
  return {
    async step(): Promise<{ operation: string; answer: HttpAnswer | undefined }> {
      try {
        if (pending.length > 0 && random() < 0.4) {
          const id = pending.splice(Math.floor(random() * pending.length), 1)[0]!
          return {
            operation: 'approve',
            answer: await api.request('PATCH', `/comments/${id}`, {
              token: moderatorToken,
              body: { status: 'approved' },
            }),
          }
        }
        const published = (await api.request('GET', '/articles?limit=50&depth=0&select[id]=true')).body.docs as {
          id: number
        }[]
        const candidates = published.map((doc) => doc.id).filter((id) => stories().includes(id))
        if (candidates.length === 0) return { operation: 'comment', answer: undefined }
        const article = pick(candidates)
        const body = `Comment ${++written} ${random().toString(36).slice(2, 10)}`
        const email = `reader${Math.floor(random() * 20)}@example.com`
        const answer = await api.request('POST', '/comments', {
          body: { article, authorName: 'Reader', authorEmail: email, body, website: '' },
        })
        if (answer.status === 201) {
          ledger?.comment(answer.body.doc.id, article, body)
          if (answer.body.doc.status === 'pending') pending.push(answer.body.doc.id)
        }
        return { operation: 'comment', answer }
      } catch {
        return { operation: 'comment', answer: undefined }
      }
    },
  }
}
