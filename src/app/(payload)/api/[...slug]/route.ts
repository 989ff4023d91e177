/* Payload's REST handlers, behind the app's request rules (src/http/routes.ts). */
import config from '@payload-config'
import '@payloadcms/next/css'

import { newsroomRestRoutes } from '../../../../http/routes'

export const { GET, POST, DELETE, PATCH, PUT, OPTIONS } = newsroomRestRoutes(Promise.resolve(config))
