'use client'
import {
  Button,
  useConfig,
  useDebounce,
  useDocumentDrawerContext,
  useDocumentInfo,
  useFormFields,
  useModal,
} from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import { slugify } from '../fields/slugify'

type ExistingTag = { id: number; name: string; slug: string; kind?: string }

/**
 * Under a tag's name: the existing tags it resembles, as it is typed. A name with the same slug ("haiti" for "Haiti")
 * would be refused on save, so that one is offered instead; in the drawer opened from an article's tags field, one
 * click puts the existing tag on the article.
 */
export function TagNameCheck() {
  const name = useFormFields(([fields]) => fields.name?.value)
  const typed = useDebounce(typeof name === 'string' ? name.trim() : '', 250)
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const drawer = useDocumentDrawerContext()
  const { closeModal } = useModal()
  // The tags found for a typed name; what another name found is not shown.
  const [found, setFound] = useState<{ name: string; tags: ExistingTag[] }>({ name: '', tags: [] })

  useEffect(() => {
    const slug = slugify(typed)
    if (!slug) return
    const controller = new AbortController()
    const query = new URLSearchParams({
      'where[or][0][slug][equals]': slug,
      'where[or][1][name][like]': typed,
      ...(id !== undefined ? { 'where[id][not_equals]': String(id) } : {}),
      limit: '5',
      depth: '0',
    })
    fetch(`${config.serverURL ?? ''}${config.routes.api}/tags?${query}`, {
      credentials: 'include',
      signal: controller.signal,
    })
      .then((response) => (response.ok ? response.json() : { docs: [] }))
      .then((body: { docs: ExistingTag[] }) => setFound({ name: typed, tags: body.docs }))
      .catch(() => undefined)
    return () => controller.abort()
  }, [typed, id, config.serverURL, config.routes.api])

  const similar = found.name === typed && slugify(typed) ? found.tags : []
  const duplicate = similar.find((tag) => tag.slug === slugify(typed))
  const others = similar.filter((tag) => tag !== duplicate)
  if (!duplicate && others.length === 0) return null

  const chooseExisting = (tag: ExistingTag) => {
    void drawer.onSave?.({ doc: tag as never, operation: 'create', result: { doc: tag } })
    closeModal(drawer.drawerSlug)
  }
  const link = (tag: ExistingTag) => `${config.routes.admin}/collections/tags/${tag.id}`
  return (
    <div className="tag-name-check" data-testid="tag-name-check" style={{ marginTop: 8, fontSize: 13 }}>
      {duplicate && (
        <div
          role="alert"
          style={{
            padding: 8,
            borderRadius: 4,
            background: 'var(--theme-warning-100)',
            color: 'var(--theme-warning-800)',
          }}
        >
          The tag <a href={link(duplicate)}>“{duplicate.name}”</a>
          {duplicate.kind ? ` (${duplicate.kind})` : ''} already exists: this name would be refused as a duplicate.
          {drawer.onSave && (
            <div style={{ marginTop: 6 }}>
              <Button buttonStyle="primary" size="small" margin={false} onClick={() => chooseExisting(duplicate)}>
                Use “{duplicate.name}”
              </Button>
            </div>
          )}
        </div>
      )}
      {others.length > 0 && (
        <div style={{ color: 'var(--theme-elevation-500)', marginTop: 4 }}>
          Similar tags:{' '}
          {others.map((tag, index) => (
            <span key={tag.id}>
              {index > 0 && ', '}
              <a href={link(tag)}>{tag.name}</a>
              {tag.kind ? ` (${tag.kind})` : ''}
            </span>
          ))}
        </div>
      )}
    </div>
  )
}
