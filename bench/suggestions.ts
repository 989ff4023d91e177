/**
 * Tag suggestions on real stories: the top 5 suggested for each story's headline and text, against the tags its
 * indexers gave it (precision and recall, summed over the stories), and the time one suggestion request takes for a
 * 1,000-word body among 50,000 tags.
 */
import pg from 'pg'

import { restCaller } from '../tests/helpers/rest'
import type { FileCorpus } from './fileCorpus'
import { log, sample } from './measure'
import type { startBenchNewsroom } from './newsroom'
import { round, spread, timed } from './timing'

const TOP = 5
const TAGS_FOR_TIMING = 50_000
const WORDS_FOR_TIMING = 1_000

type Newsroom = Awaited<ReturnType<typeof startBenchNewsroom>>

async function staffToken(newsroom: Newsroom, rest: ReturnType<typeof restCaller>) {
  const credentials = { email: 'bench-editor@example.com', password: 'bench-password-1' }
  await newsroom.payload.create({
    collection: 'users',
    data: { ...credentials, roles: ['editor'] },
    overrideAccess: true,
  })
  return (await rest('POST', '/users/login', { body: credentials })).body.token as string
}

export async function measureSuggestions(
  newsroom: Newsroom,
  client: pg.Client,
  corpus: FileCorpus,
  random: () => number,
) {
  const rest = restCaller(newsroom.config)
  const token = await staffToken(newsroom, rest)
  const suggest = async (text: string, limit = TOP) => {
    const response = await rest('POST', '/articles/tag-suggestions', { token, body: { text, limit } })
    if (response.status !== 200) throw new Error(`tag suggestions answered ${response.status}`)
    return (response.body.docs as { id: number }[]).map((doc) => doc.id)
  }

  const stories = sample(corpus.articles, Math.min(2000, corpus.articles.length), random)
  let suggested = 0
  let given = 0
  let hits = 0
  let withSuggestion = 0
  for (const story of stories) {
    const top = await suggest(`${story.title}\n\n${story.text ?? ''}`)
    const truth = new Set(story.tags)
    suggested += top.length
    given += truth.size
    hits += top.filter((id) => truth.has(id)).length
    if (top.length > 0) withSuggestion++
  }
  const quality = {
    stories: stories.length,
    precisionAt5: round(hits / Math.max(1, suggested)),
    recallAt5: round(hits / Math.max(1, given)),
    withSuggestion: round(withSuggestion / stories.length),
    meanSuggested: round(suggested / stories.length, 2),
  }
  log(`tag suggestions against the indexers' tags: ${JSON.stringify(quality)}`)

  // 50,000 tags: the corpus's own and made-up two-word names from its vocabulary, some of which its texts contain.
  const words = [...new Set(corpus.articles.flatMap((story) => (story.text ?? '').split(/\s+/)))].filter((word) =>
    /^[A-Za-z]{3,}$/.test(word),
  )
  const extra = TAGS_FOR_TIMING - corpus.tags.length
  const names = Array.from(
    { length: extra },
    (_, index) => `${words[Math.floor(random() * words.length)]} ${words[index % words.length]} ${index}`,
  )
  // Every hundredth made-up tag is an existing pair of words, so that a long body matches a few dozen of them.
  for (let index = 0; index < extra; index += 100) names[index] = names[index]!.replace(/ \d+$/, '')
  await client.query(
    `INSERT INTO tags (name, slug, kind, updated_at, created_at)
     SELECT name, 'made-up-' || ordinality, 'topic', now(), now() FROM unnest($1::text[]) WITH ORDINALITY AS t(name)`,
    [names],
  )
  // The phrase table is rebuilt from every tag by the first request that finds it empty.
  await client.query('DELETE FROM recommendations_tag_phrases')
  const fill = await timed(() => suggest('warm up'))
  const texts = corpus.articles.map((story) => story.text ?? '').join(' ')
  const allWords = texts.split(/\s+/)
  const bodies = Array.from({ length: 30 }, () => {
    const start = Math.floor(random() * Math.max(1, allWords.length - WORDS_FOR_TIMING))
    return allWords.slice(start, start + WORDS_FOR_TIMING).join(' ')
  })
  for (const body of bodies.slice(0, 5)) await suggest(body, 8)
  const times: number[] = []
  for (const body of bodies) times.push((await timed(() => suggest(body, 8))).ms)
  const timing = {
    tags: TAGS_FOR_TIMING,
    words: WORDS_FOR_TIMING,
    samples: times.length,
    ...spread(times),
    phraseTableFillMs: Math.round(fill.ms),
  }
  log(`tag suggestions for a ${WORDS_FOR_TIMING}-word body among ${TAGS_FOR_TIMING} tags: ${JSON.stringify(timing)}`)
  return { ...quality, timing }
}
