import type { Metadata } from 'next'
import { draftMode } from 'next/headers'
import { notFound } from 'next/navigation'

import { Article } from '../../../../site/components/Article'
import { Footer, Masthead } from '../../../../site/components/Masthead'
import { articleMetadata, newsArticleJsonLd, scriptJson } from '../../../../site/metadata'
import { articlePage } from '../../../../site/pages'
import { sitePayload } from '../../../../site/payload'
import { previewedArticle } from '../../../../site/preview/draft'
import { LiveArticle } from '../../../../site/preview/LiveArticle'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ slug: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params
  const { site, article } = await articlePage(await sitePayload(), slug)
  if (!article) return { title: `Page not found | ${site.name}`, robots: { index: false } }
  return articleMetadata(site, article)
}

export default async function ArticlePage({ params }: Props) {
  const { slug } = await params
  const payload = await sitePayload()
  if ((await draftMode()).isEnabled) {
    const preview = await previewedArticle(payload, slug)
    if (preview) return <LiveArticle site={preview.site} initial={preview.article} serverURL={preview.serverURL} />
  }
  const { site, article } = await articlePage(payload, slug)
  if (!article) notFound()
  return (
    <>
      <Masthead site={site} />
      <main id="main">
        <Article site={site} article={article} />
      </main>
      <Footer site={site} />
      <script
        type="application/ld+json"
        dangerouslySetInnerHTML={{ __html: scriptJson(newsArticleJsonLd(site, article)) }}
      />
    </>
  )
}
