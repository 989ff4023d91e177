import type { DefaultServerCellComponentProps } from 'payload'
import React from 'react'

import { storyPublication } from 'payload-plugin-more-on'

/**
 * Draft, Scheduled or Published, in the articles list. Scheduled: published with a publish time still to come, or a
 * draft that Payload's scheduled publishing will publish.
 */
export async function ArticleStatusCell({ cellData, rowData, payload }: DefaultServerCellComponentProps) {
  const { live, goesLiveAt } = await storyPublication(payload, { ...rowData, _status: cellData })
  const label = live ? 'Published' : goesLiveAt ? 'Scheduled' : 'Draft'
  return (
    <span
      data-testid="article-status"
      title={goesLiveAt ? `Goes live ${new Date(goesLiveAt).toISOString()}` : undefined}
    >
      {label}
    </span>
  )
}
