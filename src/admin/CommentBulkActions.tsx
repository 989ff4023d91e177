'use client'
import { Button, toast, useConfig, useSelection } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

import { DECISIONS, setCommentStatus, type CommentStatus } from './moderation'

/** Above the comments table: approve, reject or mark as spam every selected comment at once. */
export function CommentBulkActions() {
  const { config } = useConfig()
  const { getSelectedIds, count, toggleAll } = useSelection()
  const router = useRouter()
  const [busy, setBusy] = useState(false)

  const decide = async (status: CommentStatus) => {
    const ids = getSelectedIds()
    if (ids.length === 0) return
    setBusy(true)
    const problem = await setCommentStatus(`${config.serverURL ?? ''}${config.routes.api}`, ids, status)
    setBusy(false)
    if (problem) return void toast.error(problem)
    toast.success(`${ids.length} comment${ids.length === 1 ? '' : 's'} marked ${status}.`)
    toggleAll()
    router.refresh()
  }

  return (
    <div className="comment-bulk-actions" data-testid="comment-bulk-actions" style={{ display: 'flex', gap: 8, alignItems: 'center', margin: '8px 0 16px' }}>
      <span>{count > 0 ? `${count} selected:` : 'Select comments to moderate several at once:'}</span>
      {DECISIONS.map((decision) => (
        <Button key={decision.status} buttonStyle="secondary" size="small" margin={false} disabled={busy || count === 0} onClick={() => void decide(decision.status)}>
          {decision.label} selected
        </Button>
      ))}
    </div>
  )
}
