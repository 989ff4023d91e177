import type { DefaultServerCellComponentProps } from 'payload'
import React from 'react'

import { scheduledPublishTime } from '../../plugins/more-on/scheduledPublish'

/**
 * Draft, Scheduled or Published, in the articles list. Scheduled: published with a publish time still to come, or a
 * draft that Payload's scheduled publishing will publish.
 */
export async function ArticleStatusCell({ cellData, rowData, payload }: DefaultServerCellComponentProps) {
  const publishedAt = rowData.publishedAt ? new Date(rowData.publishedAt as string).getTime() : undefined
  const goesLive =
    cellData === 'published'
      ? publishedAt !== undefined && publishedAt > Date.now()
        ? publishedAt
        : null
      : await scheduledPublishTime(payload, 'articles', rowData.id as number)
  const label = goesLive ? 'Scheduled' : cellData === 'published' ? 'Published' : 'Draft'
  return (
    <span data-testid="article-status" title={goesLive ? `Goes live ${new Date(goesLive).toISOString()}` : undefined}>
      {label}
    </span>
  )
}
