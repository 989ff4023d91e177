'use client'
import { useConfig, useDocumentInfo, useField, useFormFields } from '@payloadcms/ui'
import type { UIFieldClientProps } from 'payload'
import React, { useEffect, useState } from 'react'

import type { TagSuggestion } from '../types.js'
import { ids, same } from './relationValues.js'

type TagSuggestionsProps = UIFieldClientProps & {
  /** The story's tag field, which a suggestion is added to. */
  tagField: string
  /** The story's fields whose text is read. */
  fields: string[]
}

type Answer = { request: string } & ({ docs: TagSuggestion[] } | { failed: string })

const styles = {
  box: { margin: '4px 0 16px', display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' },
  label: { fontSize: 12, color: 'var(--theme-elevation-600)' },
  button: {
    border: '1px solid var(--theme-elevation-250)',
    borderRadius: 12,
    background: 'var(--theme-elevation-50)',
    padding: '2px 10px',
    fontSize: 12,
    cursor: 'pointer',
  },
} satisfies Record<string, React.CSSProperties>

const whyNote = ({ matched, occurrences, publishedCount }: TagSuggestion) =>
  `"${matched}" occurs ${occurrences}× in the text; the tag is on ${publishedCount} published stories`

/** How long typing must pause before the suggestions are asked for again. */
const PAUSE_MS = 400

/**
 * Under the tag field: the existing tags whose name or an alias occurs in what the editor has written so far, rarest
 * and most specific first; one click adds a tag. Asked for again whenever the text or the tags change.
 */
export function TagSuggestions({ tagField, fields }: TagSuggestionsProps) {
  const { collectionSlug } = useDocumentInfo()
  const {
    config: { routes, serverURL },
  } = useConfig()
  const tags = useField<unknown[]>({ path: tagField })
  const written = useFormFields(([formFields]) =>
    JSON.stringify(Object.fromEntries(fields.map((field) => [field, formFields[field]?.value ?? null]))),
  )
  const current = ids(tags.value)
  const request = JSON.stringify({ document: JSON.parse(written), exclude: current })
  const [answer, setAnswer] = useState<Answer>()

  useEffect(() => {
    if (!collectionSlug) return
    const controller = new AbortController()
    const timer = setTimeout(() => {
      fetch(`${serverURL ?? ''}${routes.api}/${collectionSlug}/tag-suggestions`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: request,
        signal: controller.signal,
      })
        .then(async (response) => {
          const body = await response.json()
          setAnswer(
            response.ok
              ? { request, docs: body.docs as TagSuggestion[] }
              : { request, failed: body?.errors?.[0]?.message ?? response.statusText },
          )
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted)
            setAnswer({ request, failed: error instanceof Error ? error.message : String(error) })
        })
    }, PAUSE_MS)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [collectionSlug, request, routes.api, serverURL])

  if (answer && 'failed' in answer) {
    return (
      <p style={styles.label} role="alert">
        Could not load tag suggestions: {answer.failed}
      </p>
    )
  }
  // Until the next answer, the last one's suggestions, less any tag added since.
  const shown = (answer?.docs ?? []).filter((suggestion) => !current.some((id) => same(id, suggestion.id)))
  if (shown.length === 0) return null
  return (
    <div style={styles.box} data-testid="tag-suggestions">
      <span style={styles.label}>Suggested tags:</span>
      {shown.map((suggestion) => (
        <button
          key={suggestion.id}
          type="button"
          style={styles.button}
          data-testid="tag-suggestion"
          data-id={suggestion.id}
          title={whyNote(suggestion)}
          onClick={() => tags.setValue([...current, suggestion.id])}
        >
          + {suggestion.label}
          {suggestion.kind ? ` (${suggestion.kind})` : ''}
        </button>
      ))}
    </div>
  )
}
