/** Page metadata and structured data, from what the pages show (pure). */
import type { Metadata } from 'next'

import type { ArticleView, SiteInfo } from './content/types'

const absolute = (site: SiteInfo, path: string) => (/^https?:/.test(path) ? path : `${site.url}${path}`)

export function siteMetadata(
  site: SiteInfo,
  { title, description, path }: { title?: string; description?: string; path: string },
): Metadata {
  const fullTitle = title ? `${title} | ${site.name}` : site.name
  const text = description || site.description
  return {
    title: fullTitle,
    description: text,
    alternates: { canonical: absolute(site, path), types: { 'application/rss+xml': absolute(site, '/feed.xml') } },
    openGraph: { type: 'website', siteName: site.name, title: fullTitle, description: text, url: absolute(site, path) },
    twitter: { card: 'summary', title: fullTitle, description: text },
  }
}

export function articleMetadata(site: SiteInfo, article: ArticleView): Metadata {
  const path = `/articles/${article.slug}`
  const image = article.image?.url
    ? [
        {
          url: absolute(site, article.image.url),
          alt: article.image.alt,
          width: article.image.width ?? undefined,
          height: article.image.height ?? undefined,
        },
      ]
    : undefined
  return {
    ...siteMetadata(site, { title: article.title, description: article.standfirst, path }),
    authors: article.authors.map((author) => ({ name: author.name })),
    keywords: article.tags.map((tag) => tag.name),
    openGraph: {
      type: 'article',
      siteName: site.name,
      title: article.title,
      description: article.standfirst,
      url: absolute(site, path),
      publishedTime: article.publishedAt,
      modifiedTime: article.updatedAt,
      section: article.section?.name,
      tags: article.tags.map((tag) => tag.name),
      authors: article.authors.map((author) => author.name),
      images: image,
    },
    twitter: {
      card: image ? 'summary_large_image' : 'summary',
      title: article.title,
      description: article.standfirst,
      images: image?.map((picture) => picture.url),
    },
  }
}

/** schema.org `NewsArticle`, for search engines' news results. */
export function newsArticleJsonLd(site: SiteInfo, article: ArticleView) {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.standfirst,
    datePublished: article.publishedAt,
    dateModified: article.updatedAt,
    mainEntityOfPage: absolute(site, `/articles/${article.slug}`),
    articleSection: article.section?.name,
    keywords: article.tags.map((tag) => tag.name).join(', '),
    author: article.authors.map((author) => ({
      '@type': 'Person',
      name: author.name,
      jobTitle: author.role ?? undefined,
    })),
    ...(article.image?.url
      ? {
          image: {
            '@type': 'ImageObject',
            url: absolute(site, article.image.url),
            caption: article.imageCaption ?? undefined,
            creditText: article.imageCredit ?? undefined,
          },
        }
      : {}),
    ...(article.dateline.place ? { dateline: article.dateline.place } : {}),
    publisher: {
      '@type': 'NewsMediaOrganization',
      name: site.name,
      ...(site.logo?.url ? { logo: { '@type': 'ImageObject', url: absolute(site, site.logo.url) } } : {}),
    },
  }
}

/** JSON for a `<script>` element: `<` escaped, so no text in it can close the element. */
export const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c')
