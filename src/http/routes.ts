import {
  GRAPHQL_POST,
  REST_DELETE,
  REST_GET,
  REST_OPTIONS,
  REST_PATCH,
  REST_POST,
  REST_PUT,
} from '@payloadcms/next/routes'
import type { SanitizedConfig } from 'payload'
import * as qs from 'qs-esm'

import { asReaderRequest } from '../db/pool'
import { refusal, refusalAnswer, type Refusal } from './refusal'
import { checkGraphQLBody } from './graphqlRules'
import { LIMITS } from './limits'
import { checkRestRequest } from './restRules'
import { restSchemaOf } from './restSchema'

/**
 * Payload's REST and GraphQL route handlers behind the request rules (rest-rules.ts, graphql-rules.ts): a request that
 * breaks one is answered with a 400 or 413 naming the parameter, before Payload parses it or touches the database.
 * The app's route files and the tests call these same handlers.
 */
type RouteContext = { params: Promise<{ slug?: string[] }> }
type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>

export function newsroomRestRoutes(config: Promise<SanitizedConfig>) {
  const schema = config.then(restSchemaOf)
  const guarded =
    (handler: RouteHandler): RouteHandler =>
    async (request, context) => {
      const checked = await checkRest(request, (await context.params).slug ?? [], await schema)
      if ('status' in checked) return refusalAnswer(checked)
      return asCaller(request, await config, () => handler(checked.request, context))
    }
  return {
    GET: guarded(REST_GET(config)),
    POST: guarded(REST_POST(config)),
    PATCH: guarded(REST_PATCH(config)),
    PUT: guarded(REST_PUT(config)),
    DELETE: guarded(REST_DELETE(config)),
    OPTIONS: REST_OPTIONS(config),
  }
}

export function newsroomGraphQLRoute(config: Promise<SanitizedConfig>) {
  const handler = GRAPHQL_POST(config)
  return {
    POST: async (request: Request): Promise<Response> => {
      const body = await readBody(request, LIMITS.jsonBodyBytes)
      if ('status' in body) return refusalAnswer(body)
      const introspection = (await config).custom?.graphQLIntrospection === true
      const refused = checkGraphQLBody(new TextDecoder().decode(body.bytes), { introspection })
      if (refused) return refusalAnswer(refused)
      return withErrorStatus(await asCaller(request, await config, () => handler(rebuilt(request, body.bytes))))
    },
    OPTIONS: REST_OPTIONS(config),
  }
}

/**
 * Payload answers every GraphQL request 200, errors or not. One that produced no data gets the status its errors
 * carry (a 404 for a missing document, a 403 for a refused one), and a 400 when the query was invalid.
 */
async function withErrorStatus(response: Response): Promise<Response> {
  if (response.status !== 200) return response
  const text = await response.text()
  const headers = new Headers(response.headers)
  let status = 200
  // Most answers carry no errors: only those are parsed.
  if (!text.includes('"errors"')) return new Response(text, { status, headers })
  try {
    const body = JSON.parse(text) as {
      data?: unknown
      errors?: { path?: unknown; extensions?: { statusCode?: unknown } }[]
    }
    if (body.data == null && Array.isArray(body.errors) && body.errors.length > 0) {
      const carried = body.errors
        .map((error) => Number(error.extensions?.statusCode))
        .find((code) => code >= 400 && code < 500)
      status = carried ?? (body.errors.every((error) => error.path === undefined) ? 400 : 200)
    }
  } catch {
    // not JSON: passed on as it is
  }
  return new Response(text, { status, headers })
}

/** A request with no credentials is a reader's: its statements run on the readers' connections (src/db/pool.ts). */
function asCaller(request: Request, config: SanitizedConfig, work: () => Promise<Response>): Promise<Response> {
  const token = `${config.cookiePrefix}-token=`
  const credentials = request.headers.has('authorization') || (request.headers.get('cookie') ?? '').includes(token)
  return credentials ? work() : asReaderRequest(work)
}

const QUERY_OPTIONS = { allowEmptyArrays: true, arrayLimit: 1000, depth: 10, ignoreQueryPrefix: true }

async function checkRest(
  request: Request,
  rawSegments: string[],
  schema: ReturnType<typeof restSchemaOf>,
): Promise<Refusal | { request: Request }> {
  let segments: string[]
  let query: Record<string, unknown>
  try {
    segments = rawSegments.map((segment) => decodeURIComponent(segment))
    // As Payload parses it (createPayloadRequest), so the rules judge what Payload would act on.
    query = qs.parse(new URL(request.url).search, QUERY_OPTIONS)
  } catch {
    return refusal('the path or query string is not valid URL encoding', 'query')
  }
  const contentType = (request.headers.get('content-type') ?? '').toLowerCase()
  const multipart = contentType.startsWith('multipart/form-data')
  const body = request.body
    ? await readBody(request, multipart ? LIMITS.uploadBodyBytes : LIMITS.jsonBodyBytes)
    : { bytes: new Uint8Array() }
  if ('status' in body) return body
  const text = () => new TextDecoder().decode(body.bytes)
  const forwarded = request.body ? rebuilt(request, body.bytes) : request

  // The admin panel reads with a POST whose body is the query (Payload's method override, handleEndpoints.ts).
  const override =
    request.method === 'POST' &&
    [request.headers.get('x-payload-http-method-override'), request.headers.get('x-http-method-override')].includes(
      'GET',
    )
  if (override) {
    let bodyQuery: unknown = {}
    try {
      bodyQuery = contentType.startsWith('application/x-www-form-urlencoded')
        ? qs.parse(text(), QUERY_OPTIONS)
        : contentType.startsWith('application/json')
          ? JSON.parse(text())
          : {}
    } catch {
      return refusal('the body must be the query, URL-encoded or as a JSON object', 'body')
    }
    if (typeof bodyQuery !== 'object' || bodyQuery === null || Array.isArray(bodyQuery))
      return refusal('the body must be the query as a JSON object', 'body')
    const refused = checkRestRequest({ method: 'GET', segments, query: { ...query, ...bodyQuery } }, schema)
    return refused ?? { request: forwarded }
  }

  const refused = checkRestRequest({ method: request.method, segments, query }, schema)
  if (refused) return refused
  if (body.bytes.length === 0) return { request: forwarded }
  // The admin panel sends a document as JSON in the `_payload` part of a multipart body.
  const json = multipart
    ? ((await rebuilt(request, body.bytes).formData()).get('_payload') ?? undefined)
    : contentType.includes('json')
      ? text()
      : undefined
  if (typeof json !== 'string') return { request: forwarded }
  return checkJsonDocument(json) ?? { request: forwarded }
}

/** A write's body: a JSON object whose strings Postgres can store (no NUL character). */
function checkJsonDocument(text: string): Refusal | undefined {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return refusal('the body must be JSON', 'body')
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return refusal('the body must be a JSON object', 'body')
  const path = pathWithNul(data, '')
  return path === undefined ? undefined : refusal(`${path || 'body'} must not contain a NUL character`, path || 'body')
}

function pathWithNul(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const innerPath = path ? `${path}.${key}` : key
      if (key.includes('\u0000')) return innerPath
      const found = pathWithNul(inner, innerPath)
      if (found !== undefined) return found
    }
  }
  return undefined
}

/** Reads a body up to `limit` bytes; a larger one is refused with a 413 without reading the rest. */
async function readBody(request: Request, limit: number): Promise<Refusal | { bytes: Uint8Array<ArrayBuffer> }> {
  const tooLarge = refusal(`the body is larger than ${limit} bytes`, 'body', 413)
  if (Number(request.headers.get('content-length') ?? 0) > limit) return tooLarge
  if (!request.body) return { bytes: new Uint8Array() }
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.length
    if (size > limit) {
      await reader.cancel()
      return tooLarge
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return { bytes }
}

const rebuilt = (request: Request, bytes: Uint8Array) =>
  new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: bytes.length > 0 ? (bytes as Uint8Array<ArrayBuffer>) : undefined,
    signal: request.signal,
  })
