import { NextResponse, type NextRequest } from 'next/server'

import { listQueryString, moderationQueue } from './admin/queues'

/** The comments list opens on the moderation queue: pending comments, oldest first. Any filter the moderator sets wins. */
export function middleware(request: NextRequest) {
  const url = request.nextUrl
  if (url.pathname === '/admin/collections/comments' && url.search === '') {
    const queue = url.clone()
    queue.search = `?${listQueryString(moderationQueue)}`
    return NextResponse.redirect(queue)
  }
  return NextResponse.next()
}

export const config = { matcher: '/admin/collections/comments' }
