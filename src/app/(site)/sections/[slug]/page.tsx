import { listingRoute } from '../../../../site/components/listingRoute'

export const dynamic = 'force-dynamic'

const route = listingRoute('sections')
export const generateMetadata = route.generateMetadata
export default route.Page
