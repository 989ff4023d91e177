import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { siteMetadata } from '../metadata'
import { sectionPage, tagPage } from '../pages'
import { pageNumber, sitePayload } from '../payload'
import { ListingPage } from './ListingPage'

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: string | string[] }> }

const KINDS = {
  sections: { read: sectionPage, title: (name: string) => name },
  tags: { read: tagPage, title: (name: string) => `More on ${name}` },
}

/** The route of a section's or a tag's page (`/sections/<slug>`, `/tags/<slug>`): its metadata and its page. */
export function listingRoute(kind: keyof typeof KINDS) {
  const { read, title } = KINDS[kind]
  async function load({ params, searchParams }: Props) {
    const [{ slug }, { page }] = await Promise.all([params, searchParams])
    const number = pageNumber(page)
    if (number === null) notFound()
    const content = await read(await sitePayload(), slug, number)
    if (!content.subject || (number > 1 && number > content.listing.totalPages)) notFound()
    return { ...content, base: `/${kind}/${slug}`, number }
  }
  return {
    async generateMetadata(props: Props): Promise<Metadata> {
      const { site, subject, base, number } = await load(props)
      return siteMetadata(site, {
        title: title(subject.name),
        description: subject.description ?? undefined,
        path: number > 1 ? `${base}?page=${number}` : base,
      })
    },
    async Page(props: Props) {
      const { site, subject, listing, base } = await load(props)
      return (
        <ListingPage
          site={site}
          title={title(subject.name)}
          description={subject.description}
          base={base}
          listing={listing}
        />
      )
    },
  }
}
