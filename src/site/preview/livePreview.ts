import type { CollectionConfig } from 'payload'

type LivePreviewConfig = NonNullable<NonNullable<CollectionConfig['admin']>['livePreview']>

/**
 * Live Preview on the articles: the article page, through the staff-only preview route (src/app/(site)/preview),
 * at a phone's width and a desktop's. The page follows the editor's unsaved changes.
 */
export const livePreview: LivePreviewConfig = {
  url: ({ data, req }) => {
    const base = req.payload.config.serverURL || ''
    return data?.id ? `${base}/preview?id=${encodeURIComponent(String(data.id))}` : null
  },
  breakpoints: [
    { label: 'Mobile', name: 'mobile', width: 390, height: 844 },
    { label: 'Desktop', name: 'desktop', width: 1280, height: 800 },
  ],
}
