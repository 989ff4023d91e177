/**
 * Writes a corpus straight into the newsroom's tables with bulk SQL (`INSERT … SELECT FROM unnest(…)`), in batches,
 * so that generating 100k articles takes seconds rather than the hours the Local API would.
 */
import pg from 'pg'

import type { CorpusArticle, LoadableCorpus } from './corpus'

const BATCH = 10_000

async function insertColumns(
  client: pg.Client,
  table: string,
  columns: [name: string, type: string, values: unknown[]][],
) {
  const length = columns[0]![2].length
  for (let start = 0; start < length; start += BATCH) {
    const names = columns.map(([name]) => `"${name}"`).join(', ')
    const arrays = columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ')
    await client.query(
      `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${arrays})`,
      columns.map(([, , values]) => values.slice(start, start + BATCH)),
    )
  }
}

const titleOf = (article: CorpusArticle) => article.title ?? `Story ${article.cluster}, part ${article.id}`

/** A real story's text as paragraphs (blank lines part them), or a short made-up body: Slate nodes. */
export const bodyOf = (article: CorpusArticle) =>
  article.text
    ? article.text
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
        .filter(Boolean)
        .map((paragraph) => ({ children: [{ text: paragraph }] }))
    : [
        { children: [{ text: `${titleOf(article)}: what happened, and why it matters.` }] },
        { type: 'h2', children: [{ text: 'Background' }] },
        { children: [{ text: 'Reporting continues; this article will be updated.' }] },
      ]

export async function loadCorpus(databaseURI: string, corpus: LoadableCorpus): Promise<void> {
  const client = new pg.Client({ connectionString: databaseURI })
  await client.connect()
  try {
    await client.query('BEGIN')
    const { sections, authors, tags, articles } = corpus
    await insertColumns(client, 'sections', [
      ['id', 'int', sections.map((section) => section.id)],
      ['name', 'text', sections.map((section) => section.name)],
      ['slug', 'text', sections.map((section) => section.slug)],
    ])
    await insertColumns(client, 'authors', [
      ['id', 'int', authors.map((author) => author.id)],
      ['name', 'text', authors.map((author) => author.name)],
      ['slug', 'text', authors.map((author) => author.slug)],
    ])
    await insertColumns(client, 'tags', [
      ['id', 'int', tags.map((tag) => tag.id)],
      ['name', 'text', tags.map((tag) => tag.name)],
      ['slug', 'text', tags.map((tag) => tag.slug)],
      ['kind', 'enum_tags_kind', tags.map((tag) => tag.kind)],
    ])
    const titles = articles.map(titleOf)
    await insertColumns(client, 'articles', [
      ['id', 'int', articles.map((article) => article.id)],
      ['title', 'text', titles],
      ['standfirst', 'text', titles.map((title) => `The latest on ${title.toLowerCase()}.`)],
      ['slug', 'text', articles.map((article) => `story-${article.id}`)],
      ['published_at', 'timestamptz', articles.map((article) => new Date(article.publishedAt).toISOString())],
      ['section_id', 'int', articles.map((article) => article.section)],
      ['body', 'jsonb', articles.map((article) => JSON.stringify(bodyOf(article)))],
      ['_status', 'enum_articles_status', articles.map((article) => article.status)],
    ])
    const tagRows = articles.flatMap((article) =>
      article.tags.map((tag, order) => [article.id, tag, order + 1] as const),
    )
    await insertColumns(client, 'articles_rels', [
      ['parent_id', 'int', [...tagRows.map(([id]) => id), ...articles.map((article) => article.id)]],
      ['path', 'text', [...tagRows.map(() => 'tags'), ...articles.map(() => 'authors')]],
      ['tags_id', 'int', [...tagRows.map(([, tag]) => tag), ...articles.map(() => null)]],
      ['authors_id', 'int', [...tagRows.map(() => null), ...articles.map((article) => article.author)]],
      ['order', 'int', [...tagRows.map(([, , order]) => order), ...articles.map(() => 1)]],
    ])
    // Each article's key on the reader site's freshness table, as the save that wrote it would have left it.
    await client.query(
      `INSERT INTO site_freshness (key, version, updated_at, created_at)
       SELECT 'article:' || id, 1, now(), now() FROM articles ON CONFLICT (key) DO NOTHING`,
    )
    for (const table of ['sections', 'authors', 'tags', 'articles']) {
      await client.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max(id) FROM "${table}"))`)
    }
    await client.query('COMMIT')
    await client.query('ANALYZE')
  } finally {
    await client.end()
  }
}
