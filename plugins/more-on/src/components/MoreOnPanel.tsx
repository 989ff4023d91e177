'use client'
import { Button, useConfig, useDocumentInfo, useField } from '@payloadcms/ui'
import type { UIFieldClientProps } from 'payload'
import React, { useEffect, useState } from 'react'

import type { Preview } from '../types.js'
import { ids, same, type Id } from './relationValues.js'

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; preview: Preview }
const fallbackNote = (threshold: number) =>
  `Scores under the threshold of ${threshold}: shown so that the block is not short`

const badge: React.CSSProperties = { borderRadius: 3, padding: '0 6px', fontSize: 11, marginRight: 6 }

const styles = {
  panel: { border: '1px solid var(--theme-elevation-150)', borderRadius: 4, padding: 12, marginBottom: 16 },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: { borderTop: '1px solid var(--theme-elevation-100)', padding: '8px 0' },
  meta: { color: 'var(--theme-elevation-500)', fontSize: 12 },
  tag: {
    display: 'inline-block',
    background: 'var(--theme-elevation-100)',
    borderRadius: 3,
    padding: '0 6px',
    margin: '2px 4px 0 0',
    fontSize: 12,
  },
  pinned: { ...badge, background: 'var(--theme-success-100)', color: 'var(--theme-success-800)' },
  fallback: { ...badge, background: 'var(--theme-warning-100)', color: 'var(--theme-warning-800)' },
  pending: { color: 'var(--theme-warning-700)', fontSize: 12 },
  actions: { display: 'flex', gap: 6, marginTop: 4 },
}

/**
 * The story's "More on" block as readers get it, in the edit view's sidebar: pins first, then the automatic links with
 * the tags they share (each tag's share of the score in its tooltip and under "Why"). Pin, unpin and exclude write the
 * story's own controls; the block is reloaded after every save.
 */
export function MoreOnPanel({ path }: UIFieldClientProps) {
  const { id, collectionSlug, lastUpdateTime } = useDocumentInfo()
  const {
    config: { routes, serverURL },
    getEntityConfig,
  } = useConfig()
  // The controls beside this panel in its group: `moreOn.pinned` next to `moreOn.preview`.
  const sibling = (name: string) => `${path.slice(0, path.lastIndexOf('.') + 1)}${name}`
  const pinned = useField<Id[]>({ path: sibling('pinned') })
  const excluded = useField<Id[]>({ path: sibling('excluded') })
  // The block as loaded for one request; a newer request shows as loading until its answer comes.
  const request = `${collectionSlug}/${id}@${lastUpdateTime}`
  const [answer, setAnswer] = useState<{ request: string; loaded: Loaded }>()
  const loaded: Loaded = answer?.request === request ? answer.loaded : { state: 'loading' }
  const titleField = (collectionSlug && getEntityConfig({ collectionSlug })?.admin?.useAsTitle) || 'title'

  useEffect(() => {
    if (id === undefined || !collectionSlug) return
    const controller = new AbortController()
    const setLoaded = (result: Loaded) => setAnswer({ request, loaded: result })
    fetch(`${serverURL ?? ''}${routes.api}/${collectionSlug}/${id}/more-on/preview`, {
      credentials: 'include',
      signal: controller.signal,
    })
      .then(async (response) => {
        const body = await response.json()
        setLoaded(
          response.ok
            ? { state: 'ready', preview: body as Preview }
            : { state: 'failed', message: body?.errors?.[0]?.message ?? response.statusText },
        )
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted)
          setLoaded({ state: 'failed', message: error instanceof Error ? error.message : String(error) })
      })
    return () => controller.abort()
  }, [id, collectionSlug, request, routes.api, serverURL])

  const pinnedIds = ids(pinned.value)
  const excludedIds = ids(excluded.value)
  const without = (list: Id[], story: Id) => list.filter((other) => !same(other, story))
  const pin = (story: Id) => {
    pinned.setValue([...without(pinnedIds, story), story])
    excluded.setValue(without(excludedIds, story))
  }
  const exclude = (story: Id) => {
    excluded.setValue([...without(excludedIds, story), story])
    pinned.setValue(without(pinnedIds, story))
  }

  return (
    <div className="more-on-panel" data-testid="more-on-panel" style={styles.panel}>
      <strong>As readers see it</strong>
      {id === undefined ? (
        <p style={styles.meta}>Save the story to see its related stories.</p>
      ) : loaded.state === 'loading' ? (
        <p style={styles.meta}>Loading…</p>
      ) : loaded.state === 'failed' ? (
        <p style={styles.meta} role="alert">
          Could not load the block: {loaded.message}
        </p>
      ) : loaded.preview.docs.length === 0 ? (
        <p style={styles.meta} data-testid="more-on-empty" data-reason={loaded.preview.empty?.reason}>
          {loaded.preview.empty?.message ?? 'No related stories.'}
        </p>
      ) : (
        <>
          <p style={styles.meta}>
            {loaded.preview.docs.length} of up to {loaded.preview.settings.listLength}; links scoring under{' '}
            {loaded.preview.settings.threshold}{' '}
            {loaded.preview.settings.fallbackUpTo > 0
              ? `are shown only as fallbacks, to fill a list shorter than ${loaded.preview.settings.fallbackUpTo}.`
              : 'are left out.'}
          </p>
          <ol style={styles.list}>
            {loaded.preview.docs.map((card) => {
              const isPinned = pinnedIds.some((other) => same(other, card.id))
              const willExclude = excludedIds.some((other) => same(other, card.id))
              const willPin = card.origin !== 'pinned' && isPinned
              const willUnpin = card.origin === 'pinned' && !isPinned
              const title = String(card[titleField] ?? card.title ?? `#${card.id}`)
              return (
                <li
                  key={card.id}
                  style={styles.item}
                  data-testid="more-on-item"
                  data-origin={card.origin}
                  data-id={card.id}
                >
                  <div>
                    {card.origin === 'pinned' && <span style={styles.pinned}>Pinned</span>}
                    {card.origin === 'fallback' && (
                      <span style={styles.fallback} title={fallbackNote(loaded.preview.settings.threshold)}>
                        Fallback
                      </span>
                    )}
                    <a href={`${routes.admin}/collections/${collectionSlug}/${card.id}`}>{title}</a>
                  </div>
                  <div style={styles.meta}>
                    {card.origin === 'pinned'
                      ? 'Chosen by an editor'
                      : card.origin === 'fallback'
                        ? `Score ${card.score.toFixed(2)}, under the threshold: the closest match there is`
                        : `Score ${card.score.toFixed(2)}`}
                    {card.sharedTags.length > 0 && ' · shares '}
                    {card.sharedTags.map((tag) => (
                      <span
                        key={tag.id}
                        style={styles.tag}
                        title={`${tag.kind ? `${tag.kind}, ` : ''}adds ${tag.contribution.toFixed(2)} to the score`}
                      >
                        {tag.label}
                      </span>
                    ))}
                  </div>
                  {card.sharedTags.length > 0 && (
                    <details style={styles.meta}>
                      <summary>Why</summary>
                      <ul>
                        {card.sharedTags.map((tag) => (
                          <li key={tag.id}>
                            {tag.label}
                            {tag.kind ? ` (${tag.kind})` : ''}: +{tag.contribution.toFixed(2)}
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                  {(willPin || willUnpin || willExclude) && (
                    <div style={styles.pending}>
                      {willExclude ? 'Excluded' : willPin ? 'Pinned' : 'Unpinned'}: save to apply.
                    </div>
                  )}
                  <div style={styles.actions}>
                    {willExclude ? (
                      <Button
                        buttonStyle="secondary"
                        size="small"
                        margin={false}
                        aria-label={`Undo excluding “${title}”`}
                        onClick={() => excluded.setValue(without(excludedIds, card.id))}
                      >
                        Undo exclude
                      </Button>
                    ) : (
                      <>
                        {isPinned ? (
                          <Button
                            buttonStyle="secondary"
                            size="small"
                            margin={false}
                            aria-label={`Unpin “${title}”`}
                            onClick={() => pinned.setValue(without(pinnedIds, card.id))}
                          >
                            Unpin
                          </Button>
                        ) : (
                          <Button
                            buttonStyle="secondary"
                            size="small"
                            margin={false}
                            aria-label={`Pin “${title}”`}
                            onClick={() => pin(card.id)}
                          >
                            Pin
                          </Button>
                        )}
                        <Button
                          buttonStyle="secondary"
                          size="small"
                          margin={false}
                          aria-label={`Exclude “${title}”`}
                          onClick={() => exclude(card.id)}
                        >
                          Exclude
                        </Button>
                      </>
                    )}
                  </div>
                </li>
              )
            })}
          </ol>
        </>
      )}
    </div>
  )
}
