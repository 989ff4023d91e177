import Link from 'next/link'

import type { SiteInfo } from '../content/types'
import { Picture } from './Picture'

export function Masthead({ site, sections }: { site: SiteInfo; sections?: { name: string; slug?: string | null }[] }) {
  return (
    <header className="masthead">
      <div className="masthead-inner">
        <Link href="/" className="brand">
          {site.logo ? <Picture media={site.logo} eager /> : null}
          <span>{site.name}</span>
        </Link>
        {sections?.length ? (
          <nav aria-label="Sections">
            <ul>
              {sections.map((section) =>
                section.slug ? (
                  <li key={section.slug}>
                    <Link href={`/sections/${section.slug}`}>{section.name}</Link>
                  </li>
                ) : null,
              )}
            </ul>
          </nav>
        ) : null}
      </div>
    </header>
  )
}

export function Footer({ site }: { site: SiteInfo }) {
  return (
    <footer className="footer">
      <p>
        {site.name}. {site.description}
      </p>
      <p>
        <a href="/feed.xml">RSS feed</a> · <a href="/sitemap.xml">Sitemap</a>
      </p>
    </footer>
  )
}
