'use client'
import { Button, toast, useSelection } from '@payloadcms/ui'
import React from 'react'

import type { CommentStatus } from '../rules'
import { DECISIONS, useCommentDecision } from './useCommentDecision'

/** Above the comments table: approve, reject or mark as spam every selected comment at once. */
export function CommentBulkActions() {
  const { getSelectedIds, count, toggleAll } = useSelection()
  const { busy, decide } = useCommentDecision()

  const decideSelected = async (status: CommentStatus) => {
    const ids = getSelectedIds()
    if (ids.length === 0 || !(await decide(ids, status))) return
    toast.success(`${ids.length} comment${ids.length === 1 ? '' : 's'} marked ${status}.`)
    toggleAll()
  }

  return (
    <div
      className="comment-bulk-actions"
      data-testid="comment-bulk-actions"
      style={{ display: 'flex', gap: 8, alignItems: 'center', margin: '8px 0 16px' }}
    >
      <span>{count > 0 ? `${count} selected:` : 'Select comments to moderate several at once:'}</span>
      {DECISIONS.map((decision) => (
        <Button
          key={decision.status}
          buttonStyle="secondary"
          size="small"
          margin={false}
          disabled={busy || count === 0}
          onClick={() => void decideSelected(decision.status)}
        >
          {decision.label} selected
        </Button>
      ))}
    </div>
  )
}
