'use client'
import type { DefaultCellComponentProps } from 'payload'
import React from 'react'

/** Draft, Scheduled (published, its time not yet come) or Published, in the articles list. */
export function ArticleStatusCell({ cellData, rowData }: DefaultCellComponentProps) {
  const publishedAt = rowData.publishedAt ? new Date(rowData.publishedAt as string).getTime() : undefined
  const label = cellData !== 'published' ? 'Draft' : publishedAt !== undefined && publishedAt > Date.now() ? 'Scheduled' : 'Published'
  return <span data-testid="article-status">{label}</span>
}
