'use client'
import { Button, toast, useConfig } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import type { DefaultCellComponentProps } from 'payload'
import React, { useState } from 'react'

import { DECISIONS, setCommentStatus, type CommentStatus } from './moderation'

/** The comment's status in the moderation queue, with one-click buttons for the other decisions. */
export function CommentStatusCell({ cellData, rowData }: DefaultCellComponentProps) {
  const { config } = useConfig()
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const status = cellData as CommentStatus | undefined

  const decide = async (next: CommentStatus) => {
    setBusy(true)
    const problem = await setCommentStatus(`${config.serverURL ?? ''}${config.routes.api}`, [rowData.id], next)
    setBusy(false)
    if (problem) return void toast.error(problem)
    router.refresh()
  }

  return (
    <div className="comment-status-cell" style={{ display: 'flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}>
      <span data-testid="comment-status">{status ? status[0]!.toUpperCase() + status.slice(1) : '—'}</span>
      {DECISIONS.filter((decision) => decision.status !== status).map((decision) => (
        <Button
          key={decision.status}
          buttonStyle="secondary"
          size="small"
          margin={false}
          disabled={busy}
          aria-label={`${decision.label} the comment by ${String(rowData.authorName ?? 'a reader')}`}
          onClick={() => void decide(decision.status)}
        >
          {decision.label}
        </Button>
      ))}
    </div>
  )
}
