/** The app's REST API over real HTTP, as a front end or a script reaches it. */
export type HttpAnswer<T = any> = { status: number; body: T; ms: number }

export type HttpApi = {
  request: <T = any>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ) => Promise<HttpAnswer<T>>
  /** Logs in and returns the JWT. */
  login: (email: string, password: string) => Promise<string>
}

export function httpApi(baseURL: string, { timeoutMs = 30_000 } = {}): HttpApi {
  const request: HttpApi['request'] = async (method, path, { token, body, headers } = {}) => {
    const started = performance.now()
    const response = await fetch(`${baseURL}/api${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `JWT ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    })
    const text = await response.text()
    let parsed: unknown = text
    try {
      parsed = JSON.parse(text)
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as never, ms: performance.now() - started }
  }
  const login: HttpApi['login'] = async (email, password) => {
    const answer = await request('POST', '/users/login', { body: { email, password } })
    if (answer.status !== 200)
      throw new Error(`login as ${email} failed (${answer.status}): ${JSON.stringify(answer.body)}`)
    return answer.body.token
  }
  return { request, login }
}
