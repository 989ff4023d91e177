import { NextResponse, type NextRequest } from 'next/server'

import { moderationQueueRedirect } from '../plugins/comments/exports/middleware'

export function middleware(request: NextRequest) {
  return moderationQueueRedirect(request) ?? NextResponse.next()
}

export const config = { matcher: '/admin/collections/comments' }
