/* Payload's GraphQL handler, behind the app's cost rules (src/http/routes.ts). */
import config from '@payload-config'

import { newsroomGraphQLRoute } from '../../../../http/routes'

export const { POST, OPTIONS } = newsroomGraphQLRoute(Promise.resolve(config))
