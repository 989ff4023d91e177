import type { Listing, SiteInfo } from '../content/types'
import { Footer, Masthead } from './Masthead'
import { Pagination } from './Pagination'
import { Teaser } from './Teaser'

/** A section's or a tag's page: newest first, paginated. */
export function ListingPage({
  site,
  title,
  description,
  base,
  listing,
}: {
  site: SiteInfo
  title: string
  description?: string | null
  base: string
  listing: Listing
}) {
  return (
    <>
      <Masthead site={site} />
      <main id="main" className="listing">
        <header className="listing-header">
          <h1>{title}</h1>
          {description ? <p className="standfirst">{description}</p> : null}
          <p className="meta">
            <a href={`${base}/feed.xml`}>RSS feed</a>
          </p>
        </header>
        {listing.docs.length ? (
          <div className="cards">
            {listing.docs.map((story) => (
              <Teaser key={story.id} story={story} headingLevel={2} />
            ))}
          </div>
        ) : (
          <p>No stories yet.</p>
        )}
        <Pagination base={base} page={listing.page} totalPages={listing.totalPages} />
      </main>
      <Footer site={site} />
    </>
  )
}
