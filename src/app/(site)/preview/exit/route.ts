import { draftMode } from 'next/headers'
import { redirect } from 'next/navigation'

export const dynamic = 'force-dynamic'

/** `/preview/exit?to=/articles/<slug>`: leaves draft mode and goes back to the page (a path on this site only). */
export async function GET(request: Request) {
  ;(await draftMode()).disable()
  const to = new URL(request.url).searchParams.get('to') ?? '/'
  redirect(to.startsWith('/') && !to.startsWith('//') ? to : '/')
}
