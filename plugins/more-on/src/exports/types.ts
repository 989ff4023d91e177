export type { MoreOnOptions, ResolvedMoreOnOptions } from '../options.js'
export type { Publication } from '../publication.js'
export type {
  Card,
  CardTag,
  EmptyBlock,
  EmptyReason,
  ID,
  Link,
  ListMode,
  Origin,
  Preview,
  RebuildProgress,
  RebuildResult,
  SharedTag,
} from '../types.js'
