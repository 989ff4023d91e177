import { listingFeed } from '../../../../../site/feedRoutes'

export const dynamic = 'force-dynamic'

export const GET = listingFeed('sections')
