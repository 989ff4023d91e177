import { GraphQLError, Kind, parse, type DocumentNode, type SelectionSetNode, type ValueNode } from 'graphql'

import { refusal, type Refusal } from './refusal'
import { LIMITS } from './limits'

/**
 * What a GraphQL request may cost, judged on its text before Payload validates or runs it: the query's size, its
 * tokens, and, with every fragment expanded, its field selections, aliases, top-level fields and depth. A query of
 * fragments that spread fragments grows exponentially when expanded; each fragment's cost is computed once.
 */
export function checkGraphQLBody(text: string, { introspection }: { introspection: boolean }): Refusal | undefined {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return refusal('the body must be JSON: { "query": "...", "variables": { ... } }', 'body')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return refusal('the body must be a JSON object with a query', 'body')
  const { query, variables, operationName } = body as Record<string, unknown>
  if (typeof query !== 'string' || query.trim() === '') return refusal('query must be a GraphQL document', 'query')
  if (query.length > LIMITS.graphQLQueryChars)
    return refusal(`query is longer than ${LIMITS.graphQLQueryChars} characters`, 'query')
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
    return refusal('variables must be an object', 'variables')
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    return refusal('operationName must be a string', 'operationName')
  }
  let document: DocumentNode
  try {
    document = parse(query, { maxTokens: LIMITS.graphQLTokens, noLocation: true })
  } catch (failure) {
    const message = failure instanceof GraphQLError ? failure.message : 'query is not a GraphQL document'
    return refusal(
      /maxTokens|token limit/i.test(message)
        ? `query has more than ${LIMITS.graphQLTokens} tokens`
        : `query: ${message}`,
      'query',
    )
  }
  return (
    checkCost(document, introspection) ?? checkWheres(document, variables as Record<string, unknown> | null | undefined)
  )
}

/**
 * A `where` argument, written in the query or passed as a variable, within the limits of a REST where: its
 * conditions (each operator on a field) and how deep `AND`/`OR` nest.
 */
function checkWheres(
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
): Refusal | undefined {
  const count = { conditions: 0, nesting: 0 }
  const visitJson = (value: unknown, nesting: number) => {
    if (!value || typeof value !== 'object') return
    count.nesting = Math.max(count.nesting, nesting)
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'AND' || key === 'OR')
        (Array.isArray(inner) ? inner : [inner]).forEach((branch) => visitJson(branch, nesting + 1))
      else if (inner && typeof inner === 'object' && !Array.isArray(inner))
        count.conditions += Object.keys(inner).length
    }
  }
  const visitNode = (value: ValueNode, nesting: number) => {
    if (value.kind !== Kind.OBJECT) return
    count.nesting = Math.max(count.nesting, nesting)
    for (const field of value.fields) {
      const inner = field.value
      if (field.name.value === 'AND' || field.name.value === 'OR') {
        for (const branch of inner.kind === Kind.LIST ? inner.values : [inner]) visitNode(branch, nesting + 1)
      } else if (inner.kind === Kind.OBJECT) count.conditions += inner.fields.length
    }
  }
  const visitSelections = (selections: SelectionSetNode | undefined) => {
    for (const selection of selections?.selections ?? []) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) continue
      if (selection.kind === Kind.FIELD) {
        for (const argument of selection.arguments ?? []) {
          if (argument.name.value !== 'where') continue
          if (argument.value.kind === Kind.VARIABLE) visitJson(variables?.[argument.value.name.value], 0)
          else visitNode(argument.value, 0)
        }
      }
      visitSelections(selection.selectionSet)
    }
  }
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION)
      visitSelections(definition.selectionSet)
  }
  if (count.conditions > LIMITS.whereClauses)
    return refusal(`where has more than ${LIMITS.whereClauses} conditions`, 'query')
  if (count.nesting > LIMITS.whereNesting)
    return refusal(`where nests AND/OR more than ${LIMITS.whereNesting} deep`, 'query')
  return undefined
}

type Cost = { fields: number; aliases: number; depth: number; rootFields: number }

function checkCost(document: DocumentNode, introspection: boolean): Refusal | undefined {
  const fragments = new Map<string, SelectionSetNode>()
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition.selectionSet)
  }
  const fragmentCosts = new Map<string, Cost>()
  const expanding = new Set<string>()
  const cap = (value: number) => Math.min(value, Number.MAX_SAFE_INTEGER)
  let problem: Refusal | undefined

  const costOf = (selections: SelectionSetNode): Cost => {
    const total: Cost = { fields: 0, aliases: 0, depth: 0, rootFields: 0 }
    const add = (inner: Cost, roots: number) => {
      total.fields = cap(total.fields + inner.fields)
      total.aliases = cap(total.aliases + inner.aliases)
      total.depth = Math.max(total.depth, inner.depth)
      total.rootFields = cap(total.rootFields + roots)
    }
    for (const selection of selections.selections) {
      if (problem) return total
      if (selection.kind === Kind.FIELD) {
        if (!introspection && (selection.name.value === '__schema' || selection.name.value === '__type')) {
          problem = refusal(
            'GraphQL introspection is turned off here (GRAPHQL_INTROSPECTION=true turns it on)',
            'query',
          )
          return total
        }
        const inner = selection.selectionSet
          ? costOf(selection.selectionSet)
          : { fields: 0, aliases: 0, depth: 0, rootFields: 0 }
        add(
          {
            fields: inner.fields + 1,
            aliases: inner.aliases + (selection.alias ? 1 : 0),
            depth: inner.depth + 1,
            rootFields: 0,
          },
          1,
        )
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inner = costOf(selection.selectionSet)
        add(inner, inner.rootFields)
      } else {
        const name = selection.name.value
        const fragment = fragments.get(name)
        if (!fragment) {
          problem = refusal(`query spreads the unknown fragment ${name}`, 'query')
          return total
        }
        if (expanding.has(name)) {
          problem = refusal(`query: fragment ${name} spreads itself`, 'query')
          return total
        }
        let inner = fragmentCosts.get(name)
        if (!inner) {
          expanding.add(name)
          inner = costOf(fragment)
          expanding.delete(name)
          fragmentCosts.set(name, inner)
        }
        add(inner, inner.rootFields)
      }
    }
    return total
  }

  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue
    const cost = costOf(definition.selectionSet)
    if (problem) return problem
    if (cost.rootFields > LIMITS.graphQLRootFields)
      return refusal(`an operation asks for more than ${LIMITS.graphQLRootFields} top-level fields`, 'query')
    if (cost.depth > LIMITS.graphQLDepth)
      return refusal(`query nests fields more than ${LIMITS.graphQLDepth} deep`, 'query')
    if (cost.aliases > LIMITS.graphQLAliases)
      return refusal(`query has more than ${LIMITS.graphQLAliases} aliases`, 'query')
    if (cost.fields > LIMITS.graphQLFields)
      return refusal(`query selects more than ${LIMITS.graphQLFields} fields once its fragments are expanded`, 'query')
  }
  return undefined
}
