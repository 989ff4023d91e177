import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

/**
 * The layout's rules, checked on the import graph of every source file: no import cycle between files, no two
 * folders that import from each other, and each layer importing only the layers under it.
 */
type Graph = Map<string, Set<string>>

const root = path.resolve(import.meta.dirname, '../..')
const SKIPPED = new Set([
  'node_modules',
  'dist',
  '.next',
  '.next-test',
  '.next-production',
  '.data',
  'media',
  'migrations',
])
const SOURCE = /\.(ts|tsx|js|mjs)$/
// The plugin package, imported by its name as its users do.
const PACKAGE_ENTRIES: Record<string, string> = {
  'payload-plugin-more-on': 'plugins/more-on/src/index.ts',
  'payload-plugin-more-on/client': 'plugins/more-on/src/exports/client.ts',
  'payload-plugin-more-on/types': 'plugins/more-on/src/exports/types.ts',
}

function sourceFiles(directory: string): string[] {
  return readdirSync(path.join(root, directory)).flatMap((name) => {
    const relative = path.posix.join(directory, name)
    if (SKIPPED.has(name) || name.startsWith('.')) return []
    if (statSync(path.join(root, relative)).isDirectory()) return sourceFiles(relative)
    return SOURCE.test(name) && !name.endsWith('.d.ts') ? [relative] : []
  })
}

function resolve(from: string, specifier: string): string | undefined {
  if (PACKAGE_ENTRIES[specifier]) return PACKAGE_ENTRIES[specifier]
  if (!specifier.startsWith('.')) return undefined
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier)).replace(/\.js$/, '')
  const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}.js`, `${base}/index.ts`, `${base}/index.tsx`]
  return candidates.find(
    (candidate) => existsSync(path.join(root, candidate)) && statSync(path.join(root, candidate)).isFile(),
  )
}

function importGraph(files: string[]): Graph {
  return new Map(
    files.map((file) => {
      const { importedFiles } = ts.preProcessFile(readFileSync(path.join(root, file), 'utf8'), true, true)
      const targets = importedFiles.map((imported) => resolve(file, imported.fileName))
      return [file, new Set(targets.filter((target): target is string => target !== undefined))]
    }),
  )
}

/** Groups of files that import each other in a ring (Tarjan's strongly connected components larger than one). */
function importCycles(graph: Graph): string[][] {
  const index = new Map<string, number>()
  const lowest = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  const visit = (file: string) => {
    index.set(file, index.size)
    lowest.set(file, index.get(file)!)
    stack.push(file)
    onStack.add(file)
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target)
        lowest.set(file, Math.min(lowest.get(file)!, lowest.get(target)!))
      } else if (onStack.has(target)) {
        lowest.set(file, Math.min(lowest.get(file)!, index.get(target)!))
      }
    }
    if (lowest.get(file) === index.get(file)) {
      const component: string[] = []
      let member: string
      do {
        member = stack.pop()!
        onStack.delete(member)
        component.push(member)
      } while (member !== file)
      if (component.length > 1 || graph.get(file)?.has(file)) cycles.push(component.sort())
    }
  }
  for (const file of graph.keys()) if (!index.has(file)) visit(file)
  return cycles
}

const foldersOf = (file: string) => {
  const parts = path.posix.dirname(file).split('/')
  return parts.map((_, depth) => parts.slice(0, depth + 1).join('/'))
}
const contains = (folder: string, file: string) => file.startsWith(`${folder}/`)

/** Pairs of folders, neither inside the other, each importing from the other: `a <-> b (a/x.ts -> b/y.ts; …)`. */
function mutualFolders(graph: Graph): string[] {
  const evidence = new Map<string, string>()
  for (const [file, targets] of graph) {
    for (const target of targets) {
      for (const from of foldersOf(file).filter((folder) => !contains(folder, target))) {
        for (const to of foldersOf(target).filter((folder) => !contains(folder, file))) {
          evidence.set(`${from} -> ${to}`, `${file} -> ${target}`)
        }
      }
    }
  }
  const mutual: string[] = []
  for (const [edge, example] of evidence) {
    const [from, to] = edge.split(' -> ') as [string, string]
    const back = evidence.get(`${to} -> ${from}`)
    if (back && from < to) mutual.push(`${from} <-> ${to} (${example}; ${back})`)
  }
  return mutual
}

/**
 * What each layer may import, besides itself and packages: collections and the app's plugins only the small shared
 * things; the more-on package nothing of the app's. From outside, a plugin is reached by its entry points.
 */
const LAYERS: { files: string; mayImport: RegExp }[] = [
  { files: 'plugins/shared/', mayImport: /^plugins\/shared\// },
  { files: 'collections/', mayImport: /^(collections|plugins\/shared)\/|^plugins\/more-on\/src\/(index|exports\/)/ },
  { files: 'plugins/comments/', mayImport: /^plugins\/(comments|shared)\// },
  { files: 'plugins/more-on/', mayImport: /^plugins\/more-on\// },
]
const ENTRY_POINTS =
  /^plugins\/comments\/(index\.ts|exports\/)|^plugins\/more-on\/src\/(index\.ts|exports\/)|^plugins\/shared\//

function layerViolations(graph: Graph): string[] {
  const violations: string[] = []
  for (const [file, targets] of graph) {
    const layer = LAYERS.find((candidate) => file.startsWith(candidate.files))
    for (const target of targets) {
      if (layer && !target.startsWith(layer.files) && !layer.mayImport.test(target))
        violations.push(`${file} -> ${target}`)
      const sameFeature = file.split('/').slice(0, 2).join('/') === target.split('/').slice(0, 2).join('/')
      const generated = file.endsWith('importMap.js')
      const test = file.startsWith('tests/') || file.startsWith('bench/') || /^plugins\/[^/]+\/(tests|dev)\//.test(file)
      if (target.startsWith('plugins/') && !sameFeature && !generated && !test && !ENTRY_POINTS.test(target)) {
        violations.push(`${file} -> ${target} (inside a plugin: import its entry point)`)
      }
      if (target.startsWith('tests/') && !file.startsWith('tests/') && !file.startsWith('bench/')) {
        violations.push(`${file} -> ${target} (tests are imported by tests and benchmarks only)`)
      }
      if (target.startsWith('bench/') && !file.startsWith('bench/')) violations.push(`${file} -> ${target}`)
    }
  }
  return violations
}

describe('the checks themselves', () => {
  const graph = (edges: Record<string, string[]>): Graph =>
    new Map(Object.entries(edges).map(([file, targets]) => [file, new Set(targets)]))

  it('find a ring of imports, however long', () => {
    expect(importCycles(graph({ 'a/x.ts': ['b/y.ts'], 'b/y.ts': ['c/z.ts'], 'c/z.ts': ['a/x.ts'] }))).toEqual([
      ['a/x.ts', 'b/y.ts', 'c/z.ts'],
    ])
    expect(importCycles(graph({ 'a/x.ts': ['b/y.ts'], 'b/y.ts': [] }))).toEqual([])
  })

  it('find two folders importing from each other, but not a folder and its own subfolder', () => {
    const mutual = graph({
      'src/a.ts': ['collections/b.ts'],
      'collections/c.ts': ['src/util/d.ts'],
      'src/util/d.ts': [],
    })
    expect(mutualFolders(mutual)).toEqual([
      'collections <-> src (collections/c.ts -> src/util/d.ts; src/a.ts -> collections/b.ts)',
    ])
    expect(mutualFolders(graph({ 'p/index.ts': ['p/hooks/h.ts'], 'p/hooks/h.ts': ['p/types.ts'] }))).toEqual([])
  })

  it('find a collection reaching into the app or into a plugin', () => {
    expect(layerViolations(graph({ 'collections/A.ts': ['src/http/x.ts', 'plugins/comments/rules.ts'] }))).toEqual([
      'collections/A.ts -> src/http/x.ts',
      'collections/A.ts -> plugins/comments/rules.ts',
      'collections/A.ts -> plugins/comments/rules.ts (inside a plugin: import its entry point)',
    ])
  })
})

describe('the tree', () => {
  const files = ['src', 'collections', 'plugins', 'tests', 'bench'].flatMap(sourceFiles)
  const graph = importGraph(files)

  it('reads every source file and resolves their imports', () => {
    expect(files.length).toBeGreaterThan(150)
    expect(graph.get('src/newsroomConfig.ts')).toContain('plugins/comments/index.ts')
  })

  it('has no import cycle', () => {
    expect(importCycles(graph)).toEqual([])
  })

  it('has no two folders that import from each other', () => {
    expect(mutualFolders(graph)).toEqual([])
  })

  it('keeps each layer to the layers under it', () => {
    expect(layerViolations(graph)).toEqual([])
  })
})
