import { toast, useConfig } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import type { CommentStatus } from '../rules'
import { SLUGS } from '../slugs'

/** The one-click decisions a moderator takes on a comment, with the words on their buttons. */
export const DECISIONS: { status: CommentStatus; label: string }[] = [
  { status: 'approved', label: 'Approve' },
  { status: 'rejected', label: 'Reject' },
  { status: 'spam', label: 'Spam' },
]

/**
 * Sets the status of these comments in one request through the REST API, with the moderator's own session (so
 * Payload's access rules and the comment hooks apply as for any edit). Resolves to the error message, if any.
 */
async function setCommentStatus(
  apiURL: string,
  ids: readonly (number | string)[],
  status: CommentStatus,
): Promise<string | undefined> {
  const query = new URLSearchParams(ids.map((id, index) => [`where[id][in][${index}]`, String(id)]))
  const response = await fetch(`${apiURL}/${SLUGS.comments}?${query}`, {
    method: 'PATCH',
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status }),
  })
  const body = (await response.json().catch(() => ({}))) as { errors?: { message?: string }[] }
  if (!response.ok || body.errors?.length) return body.errors?.[0]?.message ?? `The server answered ${response.status}`
  return undefined
}

/**
 * For the moderation buttons: `decide(ids, status)` sets the status, reports a failure in a toast, and redraws the
 * list; `busy` while it runs. Resolves to whether it worked.
 */
export function useCommentDecision() {
  const { config } = useConfig()
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const decide = async (ids: readonly (number | string)[], status: CommentStatus): Promise<boolean> => {
    setBusy(true)
    const problem = await setCommentStatus(`${config.serverURL ?? ''}${config.routes.api}`, ids, status)
    setBusy(false)
    if (problem) {
      toast.error(problem)
      return false
    }
    router.refresh()
    return true
  }
  return { busy, decide }
}
