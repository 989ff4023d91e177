import { NextResponse, type NextRequest } from 'next/server'

import { listQueryString, moderationQueue } from '../admin/queues'
import { SLUGS } from '../slugs'

/**
 * For the app's Next.js middleware: the comments list opens on the moderation queue (pending comments, oldest
 * first). Any filter the moderator sets wins. Answers nothing for other requests.
 */
export function moderationQueueRedirect(request: NextRequest, adminRoute = '/admin'): NextResponse | undefined {
  const url = request.nextUrl
  if (url.pathname !== `${adminRoute}/collections/${SLUGS.comments}` || url.search !== '') return undefined
  const queue = url.clone()
  queue.search = `?${listQueryString(moderationQueue)}`
  return NextResponse.redirect(queue)
}
