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
  TagSuggestion,
} from '../types.js'
