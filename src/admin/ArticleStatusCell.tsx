import type { DefaultServerCellComponentProps } from 'payload'
import React from 'react'

import { publication } from '../../plugins/more-on/scheduledPublish'

/**
 * Draft, Scheduled or Published, in the articles list. Scheduled: published with a publish time still to come, or a
 * draft that Payload's scheduled publishing will publish.
 */
export async function ArticleStatusCell({ cellData, rowData, payload }: DefaultServerCellComponentProps) {
  const publishedAt = rowData.publishedAt ? new Date(rowData.publishedAt as string).getTime() : null
  const { live, goesLiveAt } = await publication(payload, 'articles', { id: rowData.id as number, status: cellData, publishedAt })
  const label = live ? 'Published' : goesLiveAt ? 'Scheduled' : 'Draft'
  return (
    <span data-testid="article-status" title={goesLiveAt ? `Goes live ${new Date(goesLiveAt).toISOString()}` : undefined}>
      {label}
    </span>
  )
}
