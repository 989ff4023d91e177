import Link from 'next/link'

import type { Teaser as TeaserData } from '../content/types'
import { Picture } from './Picture'
import { RelativeTime } from './RelativeTime'

/** A story's card: the section label, the headline (the whole card is the link), the standfirst and its age. */
export function Teaser({ story, lead, headingLevel = 3 }: { story: TeaserData; lead?: boolean; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as const
  return (
    <article className={lead ? 'teaser teaser-lead' : 'teaser'}>
      <Link href={`/articles/${story.slug}`} className="teaser-link">
        {story.image ? <Picture media={story.image} eager={lead} /> : null}
        <div className="teaser-text">
          {story.section ? <p className="label">{story.kicker || story.section.name}</p> : null}
          <Heading className="teaser-title">{story.title}</Heading>
          <p className="teaser-standfirst">{story.standfirst}</p>
          {story.publishedAt ? (
            <p className="meta">
              <RelativeTime iso={story.publishedAt} />
            </p>
          ) : null}
        </div>
      </Link>
    </article>
  )
}
