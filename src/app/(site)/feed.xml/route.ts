import { siteFeed } from '../../../site/feedRoutes'

export const dynamic = 'force-dynamic'

export const GET = siteFeed
