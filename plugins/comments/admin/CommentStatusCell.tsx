'use client'
import { Button } from '@payloadcms/ui'
import type { DefaultCellComponentProps } from 'payload'
import React from 'react'

import { capitalize } from '../../shared/capitalize'
import type { CommentStatus } from '../rules'
import { DECISIONS, useCommentDecision } from './useCommentDecision'

/** The comment's status in the moderation queue, with one-click buttons for the other decisions. */
export function CommentStatusCell({ cellData, rowData }: DefaultCellComponentProps) {
  const { busy, decide } = useCommentDecision()
  const status = cellData as CommentStatus | undefined

  return (
    <div className="comment-status-cell" style={{ display: 'flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}>
      <span data-testid="comment-status">{status ? capitalize(status) : '—'}</span>
      {DECISIONS.filter((decision) => decision.status !== status).map((decision) => (
        <Button
          key={decision.status}
          buttonStyle="secondary"
          size="small"
          margin={false}
          disabled={busy}
          aria-label={`${decision.label} the comment by ${String(rowData.authorName ?? 'a reader')}`}
          onClick={() => void decide([rowData.id], decision.status)}
        >
          {decision.label}
        </Button>
      ))}
    </div>
  )
}
