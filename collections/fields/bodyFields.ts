import type { Field, FieldHook, PayloadRequest } from 'payload'

import {
  collectReferences,
  relationId,
  slateToHtml,
  slateToText,
  type FigureMedia,
  type LinkedArticle,
} from './slateHtml'

async function loadById<T>(
  req: PayloadRequest,
  collection: 'media' | 'articles',
  ids: string[],
  select: Record<string, true>,
): Promise<Map<string, T>> {
  if (ids.length === 0) return new Map()
  const { docs } = await req.payload.find({
    collection,
    where: { id: { in: ids } },
    select,
    depth: 0,
    pagination: false,
    overrideAccess: false,
    user: req.user,
    req,
  })
  return new Map(docs.map((doc) => [relationId(doc.id)!, doc as T]))
}

const renderHtml: FieldHook = async ({ siblingData, req }) => {
  const body = siblingData?.body
  const references = collectReferences(body)
  const [media, articles] = await Promise.all([
    loadById<FigureMedia>(req, 'media', references.media, {
      url: true,
      filename: true,
      alt: true,
      caption: true,
      credit: true,
    }),
    loadById<LinkedArticle>(req, 'articles', references.articles, { slug: true, title: true }),
  ])
  return slateToHtml(body, { media, articles })
}

const renderText: FieldHook = ({ siblingData }) => slateToText(siblingData?.body)

const derived = { create: () => false, update: () => false }

/** `bodyHtml` and `bodyText`: the Slate body rendered on read, for front ends that do not walk Slate JSON. */
export const derivedBodyFields: Field[] = [
  {
    name: 'bodyHtml',
    type: 'textarea',
    virtual: true,
    access: derived,
    admin: { hidden: true },
    hooks: { afterRead: [renderHtml] },
  },
  {
    name: 'bodyText',
    type: 'textarea',
    virtual: true,
    access: derived,
    admin: { hidden: true },
    hooks: { afterRead: [renderText] },
  },
]
