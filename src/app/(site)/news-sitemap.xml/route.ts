import { siteNewsSitemap } from '../../../site/feedRoutes'

export const dynamic = 'force-dynamic'

export const GET = siteNewsSitemap
