import type { CollectionBeforeChangeHook, CollectionSlug, Field, FieldHook } from 'payload'
import { ValidationError } from 'payload'

import { LOCK_SPACES, lockUntilCommit } from '../../plugins/shared/advisoryLocks'
import { slugify } from './slugify'

type SlugOptions = {
  /** The field the slug is generated from when none is given. */
  from: string
  /** How a clash names the holder: `The slug "x" is already taken by the ${noun} "Its title"`. */
  noun: string
  /** Generated slugs that clash get a numeric suffix; given slugs that clash are refused. */
  suffixGenerated?: boolean
}

/**
 * A unique, lowercase slug, generated from another field and editable. Lowercasing makes uniqueness
 * case-insensitive ("Haiti" and "haiti" are the same slug).
 */
export function slugField({ from }: Pick<SlugOptions, 'from'>): Field {
  const normalise: FieldHook = ({ value }) => (typeof value === 'string' && value.trim() ? slugify(value) : value)
  return {
    name: 'slug',
    type: 'text',
    unique: true,
    index: true,
    admin: {
      position: 'sidebar',
      description: `Generated from the ${from} when left empty. Lowercase letters, digits and hyphens.`,
    },
    hooks: { beforeValidate: [normalise] },
  }
}

/** Fills in and checks the slug before every save, drafts included (Payload skips field validation on drafts). */
export function ensureUniqueSlug({ from, noun, suffixGenerated = false }: SlugOptions): CollectionBeforeChangeHook {
  return async ({ collection, data, originalDoc, req }) => {
    const given = typeof data.slug === 'string' && data.slug !== '' ? data.slug : undefined
    const source = data[from] ?? originalDoc?.[from]
    const base =
      given ?? (originalDoc?.slug as string | undefined) ?? (typeof source === 'string' ? slugify(source) : '')
    if (!base) {
      throw new ValidationError({
        collection: collection.slug,
        errors: [{ path: 'slug', message: `A slug is required: give one or fill in the ${from}` }],
      })
    }
    const holderOf = async (slug: string) => {
      const { docs } = await req.payload.find({
        collection: collection.slug as CollectionSlug,
        where: originalDoc?.id
          ? { and: [{ slug: { equals: slug } }, { id: { not_equals: originalDoc.id } }] }
          : { slug: { equals: slug } },
        limit: 1,
        depth: 0,
        pagination: false,
        req,
        overrideAccess: true,
      })
      return docs[0] as unknown as Record<string, unknown> | undefined
    }

    // Saves that want the same slug take turns: the second one then sees the first one's and takes the next suffix.
    await lockUntilCommit(req, LOCK_SPACES.slug, `${collection.slug}:${base}`)
    let slug = base
    const generated = given === undefined && base !== originalDoc?.slug
    for (let suffix = 2, holder = await holderOf(slug); holder; holder = await holderOf(slug), suffix++) {
      if (!(generated && suffixGenerated)) {
        throw new ValidationError({
          collection: collection.slug,
          errors: [
            { path: 'slug', message: `The slug "${slug}" is already taken by the ${noun} "${String(holder[from])}"` },
          ],
        })
      }
      slug = `${base}-${suffix}`
    }
    return { ...data, slug }
  }
}
