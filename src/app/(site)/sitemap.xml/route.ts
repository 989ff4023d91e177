import { siteSitemap } from '../../../site/feedRoutes'

export const dynamic = 'force-dynamic'

export const GET = siteSitemap
