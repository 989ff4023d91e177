import type { Config, PayloadRequest } from 'payload'
import { APIError, NotFound } from 'payload'

import { readableCards } from './cards'
import { wholeNumber } from './endpoints/queries'
import type { Lists } from './lists'
import type { ResolvedMoreOnOptions } from './types'

type GraphQLModule = Parameters<NonNullable<NonNullable<Config['graphQL']>['queries']>>[0]

/** `MoreOn(article: ID!, limit: Int) { docs { ...card } }`, chained after any queries the config already has. */
export function moreOnQueries(options: ResolvedMoreOnOptions, lists: Lists, existing: NonNullable<Config['graphQL']>['queries']) {
  return ((GraphQL: GraphQLModule, payload: unknown) => {
    const { GraphQLFloat, GraphQLID, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString } = GraphQL
    const text = { type: GraphQLString }
    const Section = new GraphQLObjectType({ name: 'MoreOnSection', fields: { id: { type: GraphQLID }, name: text, slug: text } })
    const Image = new GraphQLObjectType({
      name: 'MoreOnImage',
      fields: { id: { type: GraphQLID }, url: text, alt: text, caption: text, credit: text, width: { type: GraphQLFloat }, height: { type: GraphQLFloat } },
    })
    const Tag = new GraphQLObjectType({
      name: 'MoreOnTag',
      fields: { id: { type: new GraphQLNonNull(GraphQLID) }, name: text, slug: text, kind: text, contribution: { type: GraphQLFloat } },
    })
    const relation = (value: unknown) => (value && typeof value === 'object' ? value : value == null ? null : { id: value })
    const Card = new GraphQLObjectType({
      name: 'MoreOnCard',
      fields: {
        id: { type: new GraphQLNonNull(GraphQLID) },
        slug: text,
        title: text,
        standfirst: text,
        section: { type: Section, resolve: (card: Record<string, unknown>) => relation(card.section) },
        publishedAt: { type: GraphQLString, resolve: (card: Record<string, unknown>) => card[options.publishedAtField] ?? null },
        featuredImage: { type: Image, resolve: (card: Record<string, unknown>) => relation(card.featuredImage) },
        sharedTags: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Tag))) },
        score: { type: new GraphQLNonNull(GraphQLFloat) },
        origin: { type: new GraphQLNonNull(GraphQLString) },
      },
    })
    const List = new GraphQLObjectType({ name: 'MoreOnList', fields: { docs: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Card))) } } })
    const limitSchema = wholeNumber('limit', 1, 50, options.listLength)

    return {
      ...(existing ? existing(GraphQL, payload as never) : {}),
      MoreOn: {
        type: new GraphQLNonNull(List),
        args: { article: { type: new GraphQLNonNull(GraphQLID) }, limit: { type: GraphQLInt } },
        resolve: async (_: unknown, args: { article: string; limit?: number | null }, context: { req: PayloadRequest }) => {
          const limit = limitSchema.safeParse(args.limit)
          if (!limit.success) throw new APIError(limit.error.issues[0]!.message, 400, undefined, true)
          const cards = await readableCards(context.req, options, lists.namesFor(context.req.payload), args.article, limit.data)
          if (!cards) throw new NotFound(context.req.t)
          return { docs: cards }
        },
      },
    }
  }) as NonNullable<NonNullable<Config['graphQL']>['queries']>
}
