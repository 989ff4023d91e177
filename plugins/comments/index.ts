import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CollectionConfig, Config } from 'payload'
import { formatLabels } from 'payload/shared'

import { commentReportsCollection } from './collections/CommentReports'
import { commentsCollection } from './collections/Comments'
import { rateLimitsCollection } from './collections/RateLimits'
import { commentsStore } from './db'
import { threadEndpoint } from './endpoints/thread'
import { commentedFields } from './fields/commented'
import { commentSettingsGlobal } from './globals/CommentSettings'
import { deleteCommentsFirst, filterByReadableComments, keepCommentCountTrue } from './hooks/commented'
import { parseCommentsOptions, type CommentsOptions } from './options'
import type { CommentsSetup } from './setup'
import { SLUGS } from './slugs'

export type { CommentsOptions } from './options'
export { commentsOptionsSchema } from './options'
export { readThread, type PublicComment } from './endpoints/thread'
export { hashAddress } from './readerAddress'
export { COMMENT_STATUSES, REPORT_REASONS, type CommentStatus } from './rules'

const adminDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), 'admin')

/** The import-map path of an admin component, from the config's import-map base directory. */
function componentPaths(config: Config) {
  const baseDir = config.admin?.importMap?.baseDir ?? process.cwd()
  const relative = path.relative(baseDir, adminDirectory).split(path.sep).join('/')
  return (name: string) => `${relative.startsWith('.') ? relative : `/${relative}`}/${name}#${name}`
}

function checkAgainstConfig(config: Config, slug: string): CollectionConfig {
  const fail = (option: string, problem: string): never => {
    throw new Error(`comments: option "${option}" ${problem}`)
  }
  const commented = config.collections?.find((collection) => collection.slug === slug)
  if (!commented) return fail('collection', `names "${slug}", which is not a collection of this config`)
  for (const own of Object.values(SLUGS)) {
    if ([...(config.collections ?? []), ...(config.globals ?? [])].some((entry) => entry.slug === own)) {
      fail('collection', `cannot be added: this config already has a "${own}" collection or global`)
    }
  }
  return commented
}

/**
 * Reader comments on one collection: readers post without an account (REST, GraphQL), moderation rules give each
 * comment its state, moderators decide in the admin panel, and every commented document keeps a true count of its
 * approved comments. The public reads approved comments only, never an email, an address hash or a report.
 */
export const comments =
  (input: CommentsOptions = {}) =>
  (config: Config): Config => {
    const options = parseCommentsOptions(input)
    const commented = checkAgainstConfig(config, options.collection)
    const setup: CommentsSetup = {
      options,
      commented: commented.slug,
      versioned: Boolean(commented.versions),
      // As Payload chooses: the admin's user collection, else the first collection with auth.
      users: config.admin?.user ?? config.collections?.find((collection) => collection.auth)?.slug ?? 'users',
      secret: config.secret,
      store: commentsStore({ commented: commented.slug, versioned: Boolean(commented.versions) }),
      component: componentPaths(config),
    }
    const singular = commented.labels?.singular
    const noun = (typeof singular === 'string' ? singular : formatLabels(commented.slug).singular).toLowerCase()
    const columns = commented.admin?.defaultColumns
    const withComments: CollectionConfig = {
      ...commented,
      admin: { ...commented.admin, ...(columns && { defaultColumns: [...columns, 'commentCount'] }) },
      endpoints: [...(commented.endpoints || []), threadEndpoint(setup)],
      hooks: {
        ...commented.hooks,
        beforeOperation: [...(commented.hooks?.beforeOperation ?? []), filterByReadableComments(setup)],
        beforeDelete: [...(commented.hooks?.beforeDelete ?? []), deleteCommentsFirst(setup)],
        afterChange: [...(commented.hooks?.afterChange ?? []), keepCommentCountTrue(setup)],
      },
      fields: [...commented.fields, ...commentedFields(noun)],
    }
    return {
      ...config,
      admin: {
        ...config.admin,
        components: {
          ...config.admin?.components,
          beforeDashboard: [...(config.admin?.components?.beforeDashboard ?? []), setup.component('ModerationCard')],
        },
      },
      collections: [
        ...(config.collections ?? []).map((collection) => (collection === commented ? withComments : collection)),
        commentsCollection(setup),
        commentReportsCollection(setup),
        rateLimitsCollection(),
      ],
      globals: [...(config.globals ?? []), commentSettingsGlobal(setup)],
    }
  }
