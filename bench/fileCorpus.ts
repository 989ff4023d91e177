/**
 * A corpus of real stories from a file, for `npm run bench -- --corpus FILE`: gzip or plain JSON of
 * `{ name, articles: [{ id, publishedAt, title, tags: [{ name, kind }], text }] }`. Its tags become the newsroom's
 * tags (one per name), its text the body, and every story is published in one section by one author; ids are
 * renumbered from 1 in publish order and the corpus's own ids kept beside them.
 */
import { readFile } from 'node:fs/promises'
import { gunzipSync } from 'node:zlib'
import { z } from 'zod'

import type { CorpusTag, LoadableCorpus, TagKind } from './corpus'

const TAG_KINDS = ['person', 'organisation', 'place', 'event', 'topic'] as const satisfies readonly TagKind[]

const fileSchema = z.object({
  name: z.string().default('corpus'),
  articles: z
    .array(
      z.object({
        id: z.union([z.string().min(1), z.number()]).transform(String),
        publishedAt: z.iso.datetime({ offset: true }),
        title: z.string().default(''),
        tags: z.array(z.object({ name: z.string().min(1), kind: z.enum(TAG_KINDS).default('topic') })),
        text: z.string().default(''),
      }),
    )
    .min(1, 'must hold at least one article'),
})

export type FileCorpus = LoadableCorpus & {
  name: string
  /** The corpus's own id of each article, by the benchmark's id. */
  sourceIds: Map<number, string>
}

const slugOf = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'tag'

/** Reads and checks the file; a problem names the article and field at fault. */
export async function readFileCorpus(file: string): Promise<FileCorpus> {
  const bytes = await readFile(file)
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b
  const parsed = fileSchema.safeParse(JSON.parse((gzipped ? gunzipSync(bytes) : bytes).toString('utf8')))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new Error(`${file}: ${issue.path.join('.') || 'the file'} ${issue.message}`)
  }
  const stories = [...parsed.data.articles].sort(
    (a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt) || a.id.localeCompare(b.id),
  )
  const tags: CorpusTag[] = []
  const tagIds = new Map<string, number>()
  const slugs = new Set<string>()
  const tagId = ({ name, kind }: { name: string; kind: TagKind }) => {
    let id = tagIds.get(name)
    if (id === undefined) {
      id = tags.length + 1
      let slug = slugOf(name)
      if (slugs.has(slug)) slug = `${slug}-${id}`
      slugs.add(slug)
      tags.push({ id, name, slug, kind })
      tagIds.set(name, id)
    }
    return id
  }
  const sourceIds = new Map<number, string>()
  const articles = stories.map((story, index) => {
    const id = index + 1
    sourceIds.set(id, story.id)
    return {
      id,
      cluster: 0,
      publishedAt: Date.parse(story.publishedAt),
      status: 'published' as const,
      section: 1,
      author: 1,
      tags: [...new Set(story.tags.map(tagId))],
      title: story.title.trim() || `Story ${story.id}`,
      text: story.text,
    }
  })
  return {
    name: parsed.data.name,
    tags,
    sections: [{ id: 1, name: 'Newswire', slug: 'newswire' }],
    authors: [{ id: 1, name: 'Staff', slug: 'staff' }],
    articles,
    sourceIds,
  }
}
