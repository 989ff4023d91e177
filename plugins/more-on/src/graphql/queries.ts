import type { Config, PayloadRequest } from 'payload'
import { APIError, NotFound } from 'payload'

import { readableCards } from '../cards.js'
import { wholeNumber } from '../endpoints/query.js'
import type { Instance } from '../instance.js'

type Queries = NonNullable<NonNullable<Config['graphQL']>['queries']>
type GraphQLModule = Parameters<Queries>[0]
type SchemaSoFar = {
  collections: Record<string, { graphQL?: { type?: unknown } }>
  Query: { fields: Record<string, unknown> }
}

/**
 * `MoreOn<Type>(id: ID!, limit: Int) { docs { ...card } }`, chained after any queries the config already has. A card
 * is the linked story as the collection's own GraphQL type gives it (every field, relationships filled in with the
 * caller's access), with `sharedTags`, `score` and `origin`.
 */
export function moreOnQueries(instance: Instance, existing: Queries | undefined): Queries {
  const graphQLOptions = instance.options.graphQL
  return ((GraphQL: GraphQLModule, schema: SchemaSoFar) => {
    const before = existing ? existing(GraphQL, schema as never) : {}
    if (graphQLOptions === false) return before
    const { GraphQLFloat, GraphQLID, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString } =
      GraphQL
    const storyType = schema.collections[instance.slugs.stories]?.graphQL?.type as
      InstanceType<typeof GraphQLObjectType> | undefined
    if (!storyType) return before
    const typeName = storyType.name
    const queryName = graphQLOptions.queryName ?? `MoreOn${typeName}`
    if (queryName in schema.Query.fields || queryName in before) {
      throw new Error(
        `more-on: option "graphQL.queryName": the query "${queryName}" already exists; give this instance another name`,
      )
    }
    const Tag = new GraphQLObjectType({
      name: `${typeName}MoreOnTag`,
      fields: {
        id: { type: new GraphQLNonNull(GraphQLID) },
        label: { type: new GraphQLNonNull(GraphQLString) },
        slug: { type: GraphQLString },
        kind: { type: GraphQLString },
        contribution: { type: new GraphQLNonNull(GraphQLFloat) },
      },
    })
    const Card = new GraphQLObjectType({
      name: `${typeName}MoreOnCard`,
      fields: () => ({
        ...storyType.toConfig().fields,
        sharedTags: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Tag))) },
        score: { type: new GraphQLNonNull(GraphQLFloat) },
        origin: { type: new GraphQLNonNull(GraphQLString) },
      }),
    })
    const List = new GraphQLObjectType({
      name: `${typeName}MoreOnList`,
      fields: { docs: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Card))) } },
    })
    const limitSchema = wholeNumber('limit', 1, 50, instance.options.listLength)
    return {
      ...before,
      [queryName]: {
        type: new GraphQLNonNull(List),
        args: { id: { type: new GraphQLNonNull(GraphQLID) }, limit: { type: GraphQLInt } },
        resolve: async (_: unknown, args: { id: string; limit?: number | null }, context: { req: PayloadRequest }) => {
          const limit = limitSchema.safeParse(args.limit)
          if (!limit.success) throw new APIError(limit.error.issues[0]!.message, 400, undefined, true)
          const cards = await readableCards(context.req, instance, args.id, limit.data, 'graphql')
          if (!cards) throw new NotFound(context.req.t)
          return { docs: cards }
        },
      },
    }
  }) as Queries
}
