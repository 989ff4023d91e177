import type { Payload, RequiredDataFromCollectionSlug } from 'payload'

import type { Article } from '../../src/payload-types'

let counter = 0
const unique = (label: string) => `${label} ${++counter}-${Math.random().toString(36).slice(2, 7)}`

export async function makeSection(payload: Payload, name = unique('Section')) {
  return payload.create({ collection: 'sections', data: { name }, overrideAccess: true })
}

export async function makeTag(
  payload: Payload,
  name = unique('Tag'),
  kind: 'person' | 'place' | 'organisation' | 'event' | 'topic' = 'topic',
) {
  return payload.create({ collection: 'tags', data: { name, kind }, overrideAccess: true })
}

type ArticleInput = Partial<RequiredDataFromCollectionSlug<'articles'>>

/** A published article (publishedAt an hour ago) unless the input says otherwise. */
export async function makeArticle(payload: Payload, input: ArticleInput = {}): Promise<Article> {
  const section = input.section ?? (await makeSection(payload)).id
  return payload.create({
    collection: 'articles',
    overrideAccess: true,
    draft: input._status === 'draft' ? true : undefined,
    data: {
      title: unique('Headline'),
      standfirst: 'A standfirst.',
      _status: 'published',
      publishedAt: new Date(Date.now() - 3_600_000).toISOString(),
      ...input,
      section,
    } as RequiredDataFromCollectionSlug<'articles'>,
  } as Parameters<Payload['create']>[0]) as Promise<Article>
}

export const paragraph = (text: string) => ({ children: [{ text }] })
