import { listingRoute } from '../../../../site/components/listingRoute'

export const dynamic = 'force-dynamic'

const route = listingRoute('tags')
export const generateMetadata = route.generateMetadata
export default route.Page
