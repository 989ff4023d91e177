import {
  Forbidden,
  type CollectionBeforeChangeHook,
  type CollectionSlug,
  type SanitizedConfig,
  type Where,
} from 'payload'

/**
 * Payload lets any logged-in user create, move or delete the edit locks of any document (its `payload-locked-documents`
 * collection). Here a lock is only for a document its user may update, and always in that user's own name, so a
 * moderator cannot lock editors out of an article, nor anyone lock a document as somebody else. The admin panel's own
 * locking runs on the server through the Local API, and is left as Payload does it.
 */
export function restrictDocumentLocks(config: SanitizedConfig): SanitizedConfig {
  const locks = config.collections.find((collection) => collection.slug === 'payload-locked-documents')
  if (locks) locks.hooks.beforeChange = [...(locks.hooks.beforeChange ?? []), lockOnlyWhatYouMayEdit(config)]
  return config
}

type LockTarget = { relationTo?: string; value?: unknown } | null | undefined

function lockOnlyWhatYouMayEdit(config: SanitizedConfig): CollectionBeforeChangeHook {
  return async ({ data, originalDoc, req }) => {
    if (!req.user || req.payloadAPI === 'local') return data
    const target = (data.document ?? originalDoc?.document) as LockTarget
    const collection = config.collections.find((candidate) => candidate.slug === target?.relationTo)
    if (target && collection) {
      const id =
        typeof target.value === 'object' && target.value !== null ? (target.value as { id: unknown }).id : target.value
      const allowed = await collection.access.update({ req, id: id as number, data: undefined })
      const mayUpdate =
        allowed === true ||
        (typeof allowed === 'object' &&
          (
            await req.payload.count({
              collection: collection.slug as CollectionSlug,
              where: { and: [{ id: { equals: id } }, allowed as Where] },
              req,
            })
          ).totalDocs > 0)
      if (!mayUpdate) throw new Forbidden(req.t)
    }
    return { ...data, user: { relationTo: req.user.collection, value: req.user.id } }
  }
}
