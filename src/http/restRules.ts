import { HIDDEN_CHARACTER } from '../../plugins/shared/plainText'
import { parseSerialId, SERIAL_ID_RULE } from '../../plugins/shared/serialId'
import { LIMITS } from './limits'
import { refusal, type Refusal } from './refusal'

/**
 * The rules a REST request must meet before Payload sees it: pure, over a description of the schema (rest-schema.ts).
 * Payload turns each of these mistakes into a failed SQL statement and a 500; here they are a 400 naming the part.
 */

/** What a `where` condition can say about a field, by the kind of values it holds. */
export type ValueKind = 'serialId' | 'number' | 'date' | 'boolean' | 'text' | 'point' | 'other'

export type FieldNode = { kind: ValueKind; hasMany?: boolean; children?: Map<string, FieldNode>; target?: string }

export type CollectionShape = {
  idKind: ValueKind
  fields: Map<string, FieldNode>
  /** Paths of the collection's own endpoints, as segments (`[':id', 'more-on']`). */
  endpoints: { method: string; segments: string[] }[]
}

export type RestSchema = { collections: Map<string, CollectionShape>; globals: Set<string> }

export type RestRequest = { method: string; segments: string[]; query: Record<string, unknown> }

const OPERATORS = new Set([
  'equals',
  'not_equals',
  'in',
  'not_in',
  'all',
  'exists',
  'greater_than',
  'greater_than_equal',
  'less_than',
  'less_than_equal',
  'like',
  'not_like',
  'contains',
  'near',
  'within',
  'intersects',
])
const LIST_OPERATORS = new Set(['in', 'not_in', 'all'])
const TEXT_OPERATORS = new Set(['like', 'not_like', 'contains'])
const GEO_OPERATORS = new Set(['near', 'within', 'intersects'])

/** Payload's own document and list routes (its sanitized collections list them among their endpoints). */
const PAYLOAD_PATHS = new Set(['', ':id', 'count', 'versions', 'versions/:id'])

/** Payload's own routes under a collection whose second segment is a word, not an id. */
const COLLECTION_WORDS = new Set([
  'access',
  'count',
  'versions',
  'init',
  'me',
  'login',
  'logout',
  'refresh-token',
  'first-register',
  'forgot-password',
  'reset-password',
  'unlock',
  'verify',
  'file',
  'paste-url',
])

export function checkRestRequest(request: RestRequest, schema: RestSchema): Refusal | undefined {
  for (const segment of request.segments) {
    if (HIDDEN_CHARACTER.test(segment)) return refusal('the path must not contain control characters', 'path')
  }
  const hidden = findHiddenCharacter(request.query, '')
  if (hidden !== undefined)
    return refusal(`${hidden || 'the query'} must not contain control characters`, hidden || 'query')

  const [first, ...rest] = request.segments
  const collection = first === undefined ? undefined : schema.collections.get(first)
  const endpoint = collection ? endpointFor(request.method, rest, collection) : undefined
  if (collection) {
    const idRefusal = checkIds(rest, collection, endpoint)
    if (idRefusal) return idRefusal
  }
  // The app's and plugins' own endpoints check their paging parameters themselves, each with its own range.
  if (request.method === 'GET' && (!endpoint || PAYLOAD_PATHS.has(endpoint.segments.join('/')))) {
    const paging = checkPaging(request.query)
    if (paging) return paging
  }
  if (request.query.where !== undefined && collection) {
    return checkWhere(request.query.where, collection, schema)
  }
  return undefined
}

function findHiddenCharacter(value: unknown, name: string): string | undefined {
  if (typeof value === 'string') return HIDDEN_CHARACTER.test(value) ? name : undefined
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const innerName = name ? `${name}[${key}]` : key
      if (HIDDEN_CHARACTER.test(key)) return innerName
      const found = findHiddenCharacter(inner, innerName)
      if (found !== undefined) return found
    }
  }
  return undefined
}

const endpointFor = (method: string, segments: string[], collection: CollectionShape) =>
  collection.endpoints.find(
    (candidate) =>
      candidate.method === method.toLowerCase() &&
      candidate.segments.length === segments.length &&
      candidate.segments.every((part, index) => part.startsWith(':') || part === segments[index]),
  )

/**
 * The segments after the collection's slug that are ids: of `/:id` and `/versions/:id`, and of its endpoints' `:id`.
 */
function checkIds(
  segments: string[],
  collection: CollectionShape,
  endpoint: CollectionShape['endpoints'][number] | undefined,
): Refusal | undefined {
  if (collection.idKind !== 'serialId' || segments.length === 0) return undefined
  const idSegments = endpoint
    ? endpoint.segments.flatMap((part, index) => (part === ':id' ? [segments[index]!] : []))
    : segments[0] === 'versions' || segments[0] === 'access'
      ? segments.slice(1, 2)
      : COLLECTION_WORDS.has(segments[0]!)
        ? []
        : segments.slice(0, 1)
  for (const id of idSegments) {
    if (parseSerialId(id) === undefined) return refusal(`id must be ${SERIAL_ID_RULE}`, 'id')
  }
  return undefined
}

const WHOLE = /^(0|[1-9]\d*)$/

function checkPaging(query: Record<string, unknown>): Refusal | undefined {
  const ranges: [string, unknown, number, number][] = [
    ['limit', query.limit, 1, LIMITS.pageSize],
    ['page', query.page, 1, LIMITS.page],
    ['depth', query.depth, 0, LIMITS.depth],
  ]
  if (query.joins && typeof query.joins === 'object') {
    for (const [name, join] of Object.entries(query.joins as Record<string, unknown>)) {
      if (join && typeof join === 'object') {
        ranges.push([`joins[${name}][limit]`, (join as Record<string, unknown>).limit, 1, LIMITS.pageSize])
        ranges.push([`joins[${name}][page]`, (join as Record<string, unknown>).page, 1, LIMITS.page])
      }
    }
  }
  for (const [name, given, min, max] of ranges) {
    if (given === undefined) continue
    // A query string's values are text; a method override's JSON body (Live Preview's reads) may hold numbers.
    const value = typeof given === 'number' && Number.isSafeInteger(given) ? String(given) : given
    if (typeof value !== 'string' || !WHOLE.test(value) || Number(value) < min || Number(value) > max) {
      return refusal(`${name} must be a whole number from ${min} to ${max}`, name)
    }
  }
  if (query.pagination !== undefined && query.pagination !== 'true') {
    return refusal(
      `pagination cannot be turned off: read page by page, at most ${LIMITS.pageSize} documents each`,
      'pagination',
    )
  }
  return undefined
}

function checkWhere(raw: unknown, collection: CollectionShape, schema: RestSchema): Refusal | undefined {
  let where = raw
  if (typeof raw === 'string') {
    try {
      where = JSON.parse(raw)
    } catch {
      return refusal('where must be JSON when it is given as one parameter', 'where')
    }
  }
  const count = { clauses: 0 }
  return checkWhereNode(where, 'where', 0, collection, schema, count)
}

function checkWhereNode(
  node: unknown,
  name: string,
  nesting: number,
  collection: CollectionShape,
  schema: RestSchema,
  count: { clauses: number },
): Refusal | undefined {
  if (!isRecord(node)) return refusal(`${name} must be a set of conditions, such as where[title][equals]=...`, name)
  for (const [key, value] of Object.entries(node)) {
    const inner = `${name}[${key}]`
    if (key === 'and' || key === 'or') {
      if (nesting + 1 > LIMITS.whereNesting)
        return refusal(`where nests and/or more than ${LIMITS.whereNesting} deep`, inner)
      const branches = Array.isArray(value) ? value : isRecord(value) ? Object.values(value) : undefined
      if (!branches) return refusal(`${inner} must be a list of conditions`, inner)
      for (const [index, branch] of branches.entries()) {
        const found = checkWhereNode(branch, `${inner}[${index}]`, nesting + 1, collection, schema, count)
        if (found) return found
      }
      continue
    }
    if (!isRecord(value)) return refusal(`${inner} needs an operator, such as ${inner}[equals]=...`, inner)
    const field = resolvePath(key, collection, schema)
    for (const [operator, operand] of Object.entries(value)) {
      count.clauses += 1
      if (count.clauses > LIMITS.whereClauses)
        return refusal(`where has more than ${LIMITS.whereClauses} conditions`, 'where')
      const found = checkCondition(field, operator, operand, `${inner}[${operator}]`)
      if (found) return found
    }
  }
  return undefined
}

/** The field a where path names, through groups and relationships (`tags.name`, `moreOn.mode`); undefined when the
 * path is not one this schema knows, which Payload then answers itself. */
function resolvePath(path: string, collection: CollectionShape, schema: RestSchema): FieldNode | undefined {
  let fields: Map<string, FieldNode> | undefined = collection.fields
  let idKind: ValueKind = collection.idKind
  let node: FieldNode | undefined
  for (const part of path.split('.')) {
    if (!fields) return undefined
    node = part === 'id' ? { kind: idKind } : fields.get(part)
    if (!node) return undefined
    const target: CollectionShape | undefined =
      node.target === undefined ? undefined : schema.collections.get(node.target)
    fields = node.children ?? target?.fields
    // Rows of arrays and groups have no serial id of their own; a relationship's target does.
    idKind = target?.idKind ?? 'other'
  }
  return node
}

function checkCondition(
  field: FieldNode | undefined,
  operator: string,
  operand: unknown,
  name: string,
): Refusal | undefined {
  if (!OPERATORS.has(operator)) return refusal(`${name}: ${operator} is not an operator`, name)
  if (!field) return undefined
  if (operator === 'exists') {
    return operand === 'true' || operand === 'false' ? undefined : refusal(`${name} must be true or false`, name)
  }
  if (GEO_OPERATORS.has(operator) && field.kind !== 'point')
    return refusal(`${name}: ${operator} applies to point fields only`, name)
  if (TEXT_OPERATORS.has(operator) && field.kind !== 'text' && field.kind !== 'other') {
    return refusal(`${name}: ${operator} applies to text fields only`, name)
  }
  if (TEXT_OPERATORS.has(operator) || GEO_OPERATORS.has(operator)) return undefined
  const values = LIST_OPERATORS.has(operator) ? listOf(operand) : [operand]
  if (!values) return refusal(`${name} must be a list of values`, name)
  if (values.length > LIMITS.pageSize) return refusal(`${name} lists more than ${LIMITS.pageSize} values`, name)
  for (const value of values) {
    if (value === 'null' && (operator === 'equals' || operator === 'not_equals')) continue
    const problem = valueProblem(field.kind, value)
    if (problem) return refusal(`${name} must be ${problem}`, name)
  }
  return undefined
}

function valueProblem(kind: ValueKind, value: unknown): string | undefined {
  if (typeof value !== 'string') return 'a single value'
  switch (kind) {
    case 'serialId':
      return parseSerialId(value) === undefined ? `an id: ${SERIAL_ID_RULE}` : undefined
    case 'number':
      return value.trim() === '' || !Number.isFinite(Number(value)) ? 'a number' : undefined
    case 'date':
      return Number.isNaN(Date.parse(value)) ? 'a date, such as 2026-12-01 or 2026-12-01T09:30:00Z' : undefined
    case 'boolean':
      return value === 'true' || value === 'false' ? undefined : 'true or false'
    default:
      return undefined
  }
}

const listOf = (operand: unknown): unknown[] | undefined =>
  typeof operand === 'string'
    ? operand.split(',')
    : Array.isArray(operand)
      ? operand
      : isRecord(operand)
        ? Object.values(operand)
        : undefined

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
