import type { Payload, SanitizedPermissions, TypedUser } from 'payload'
import React from 'react'

import { SLUGS } from '../slugs'
import { listQueryString, moderationQueue, reportedComments } from './queues'

type Props = { payload: Payload; user?: TypedUser | null; permissions?: SanitizedPermissions }

/**
 * On the dashboard of those who may moderate: how many comments wait for a moderator, and how many reported ones are
 * still shown or waiting, each linking to its list. Counted with the user's own access.
 */
export async function ModerationCard({ payload, user, permissions }: Props) {
  if (!user || !permissions?.collections?.[SLUGS.comments]?.update) return null
  const access = { overrideAccess: false, user } as const
  const [pending, reports] = await Promise.all([
    payload.count({ collection: SLUGS.comments, where: moderationQueue.where, ...access }),
    payload.count({ collection: SLUGS.comments, where: reportedComments.where, ...access }),
  ])
  const comments = `${payload.config.routes.admin}/collections/${SLUGS.comments}`
  const card = {
    flex: '1 1 0',
    padding: 16,
    borderRadius: 4,
    border: '1px solid var(--theme-elevation-150)',
    textDecoration: 'none',
    color: 'inherit',
  }
  return (
    <section className="moderation-card" data-testid="moderation-card" style={{ marginBottom: 32 }}>
      <h2 style={{ marginBottom: 12 }}>Moderation</h2>
      <div style={{ display: 'flex', gap: 16, maxWidth: 640 }}>
        <a href={`${comments}?${listQueryString(moderationQueue)}`} style={card} data-testid="pending-comments">
          <strong style={{ fontSize: 28 }}>{pending.totalDocs}</strong>
          <div>pending comment{pending.totalDocs === 1 ? '' : 's'} · open the queue</div>
        </a>
        <a href={`${comments}?${listQueryString(reportedComments)}`} style={card} data-testid="reported-comments">
          <strong style={{ fontSize: 28 }}>{reports.totalDocs}</strong>
          <div>reported comment{reports.totalDocs === 1 ? '' : 's'} still shown or waiting</div>
        </a>
      </div>
    </section>
  )
}
