'use client'
import { useLivePreview } from '@payloadcms/live-preview-react'

import { slateToHtml, type FigureMedia, type LinkedArticle } from '../../../collections/fields/slateHtml'
import type { Article as ArticleDoc } from '../../payload-types'
import { Article } from '../components/Article'
import { Masthead } from '../components/Masthead'
import type { SiteInfo } from '../content/types'
import { articleView, type ArticleExtras } from '../content/view'

type SlateNode = { type?: string; relationTo?: string; value?: unknown; children?: SlateNode[] }

/** The pictures and articles the body's nodes carry, as Live Preview fills them in. */
function bodyReferences(nodes: unknown) {
  const media = new Map<string, FigureMedia>()
  const articles = new Map<string, LinkedArticle>()
  const visit = (node: SlateNode) => {
    const value = node.value as { id?: unknown } | undefined
    if (value && typeof value === 'object' && value.id !== undefined) {
      if (node.type === 'upload') media.set(String(value.id), value as FigureMedia)
      if (node.type === 'relationship' && node.relationTo === 'articles')
        articles.set(String(value.id), value as LinkedArticle)
    }
    node.children?.forEach(visit)
  }
  if (Array.isArray(nodes)) nodes.forEach(visit)
  return { media, articles }
}

/**
 * The article page inside the admin panel's Live Preview: the editor's unsaved changes arrive by `postMessage` and
 * are shown at once (the thread and the block are the saved ones).
 */
export function LiveArticle({
  site,
  initial,
  serverURL,
}: {
  site: SiteInfo
  initial: { doc: ArticleDoc; extras: ArticleExtras }
  serverURL: string
}) {
  const { data } = useLivePreview<ArticleDoc>({ initialData: initial.doc, serverURL, depth: 1 })
  const article = articleView(data, initial.extras, slateToHtml(data.body, bodyReferences(data.body)))
  return (
    <>
      <p className="preview-banner" role="status">
        Preview: unpublished changes.{' '}
        <a href={`/preview/exit?to=${encodeURIComponent(`/articles/${article.slug}`)}`}>Leave the preview</a>
      </p>
      <Masthead site={site} />
      <main id="main">
        <Article site={site} article={article} preview />
      </main>
    </>
  )
}
