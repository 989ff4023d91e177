import type { Metadata } from 'next'
import Link from 'next/link'

import { Footer, Masthead } from '../../site/components/Masthead'
import { Teaser } from '../../site/components/Teaser'
import { siteMetadata } from '../../site/metadata'
import { frontPage } from '../../site/pages'
import { sitePayload } from '../../site/payload'

export const dynamic = 'force-dynamic'

export async function generateMetadata(): Promise<Metadata> {
  const { site } = await frontPage(await sitePayload())
  return siteMetadata(site, { path: '/' })
}

export default async function FrontPage() {
  const { site, lead, latest, sections } = await frontPage(await sitePayload())
  return (
    <>
      <Masthead site={site} sections={sections.map(({ section }) => section)} />
      <main id="main" className="front">
        <h1 className="visually-hidden">{site.name}</h1>
        {lead ? (
          <section className="lead" aria-label="Top story">
            <Teaser story={lead} lead headingLevel={2} />
            <div className="latest">
              <h2>Latest</h2>
              {latest.map((story) => (
                <Teaser key={story.id} story={story} />
              ))}
            </div>
          </section>
        ) : (
          <p>No stories yet.</p>
        )}
        {sections.map(({ section, stories }) => (
          <section key={section.id} className="section-block" aria-labelledby={`section-${section.id}`}>
            <h2 id={`section-${section.id}`}>
              <Link href={`/sections/${section.slug}`}>{section.name}</Link>
            </h2>
            <div className="cards">
              {stories.map((story) => (
                <Teaser key={story.id} story={story} />
              ))}
            </div>
          </section>
        ))}
      </main>
      <Footer site={site} />
    </>
  )
}
