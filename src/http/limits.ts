/**
 * What one request may ask of the server (the README's "Limits" table). Each is checked before any database work;
 * a request over one is refused with a 400 (a 413 for size) that names it.
 */
export const LIMITS = {
  /** Bytes of a JSON body (REST or GraphQL). */
  jsonBodyBytes: 1_000_000,
  /** Bytes of a multipart body (uploads to the media collection). */
  uploadBodyBytes: 20_000_000,
  /**
   * Documents in one page (`limit`), of a join on a document (`joins[...][limit]`), and values in one `in` list. The
   * admin panel asks for up to 250 at once (the labels of a list's relationship cells).
   */
  pageSize: 250,
  /** Highest `page`. */
  page: 10_000,
  /** Highest `depth` of populated relationships. */
  depth: 5,
  /** Conditions in one `where`, and how deep `and`/`or` nest. */
  whereClauses: 20,
  whereNesting: 3,
  /**
   * GraphQL: characters of a query, its tokens, field selections after fragments are expanded, aliases, top-level
   * fields of one operation, and how deep selections nest.
   */
  graphQLQueryChars: 20_000,
  graphQLTokens: 5_000,
  graphQLFields: 500,
  graphQLAliases: 30,
  graphQLRootFields: 10,
  graphQLDepth: 10,
  /** Payload's own cost estimate of a GraphQL query (its `maxComplexity`). */
  graphQLComplexity: 500,
} as const
