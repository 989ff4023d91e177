import type { SanitizedConfig } from 'payload'

import { newsroomGraphQLRoute, newsroomRestRoutes } from '../../src/http/routes'

export type ApiResponse<T = any> = { status: number; body: T; headers: Headers }
export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'
export type RestOptions = { token?: string; body?: unknown; headers?: Record<string, string> }

const BASE_URL = 'http://localhost:3000'

export async function toApiResponse(response: Response): Promise<ApiResponse> {
  const text = await response.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body, headers: response.headers }
}

function jsonRequest(method: Method, url: string, { token, body, headers: extra }: RestOptions = {}): Request {
  const headers: Record<string, string> = { ...extra }
  if (token) headers.authorization = `JWT ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  return new Request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
}

/** Calls the app's real REST route handlers, as Next would: `rest('GET', '/articles?depth=1')`. */
export function restCaller(config: Promise<SanitizedConfig>) {
  const handlers = newsroomRestRoutes(config)
  return async <T = any>(method: Method, path: string, options?: RestOptions): Promise<ApiResponse<T>> => {
    const url = `${BASE_URL}/api${path}`
    const slug = new URL(url).pathname
      .replace(/^\/api\//, '')
      .split('/')
      .filter(Boolean)
    const response = await handlers[method](jsonRequest(method, url, options), { params: Promise.resolve({ slug }) })
    return toApiResponse(response)
  }
}

/** Calls the app's real GraphQL route handler. */
export function graphqlCaller(config: Promise<SanitizedConfig>) {
  const { POST } = newsroomGraphQLRoute(config)
  return async <T = any>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    headers?: Record<string, string>,
  ): Promise<ApiResponse<T>> => {
    const response = await POST(
      jsonRequest('POST', `${BASE_URL}/api/graphql`, { token, headers, body: { query, variables } }),
    )
    return toApiResponse(response)
  }
}
