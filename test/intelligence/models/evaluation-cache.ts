import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'abm-evaluation');
/** Everything an evaluation result is a function of, besides the data file and the options. */
const SOURCE_DIRS = ['src/intelligence/models', 'src/intelligence/evaluation', 'src/intelligence/roles'].map((d) => join(ROOT, d));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

/**
 * Reuses an evaluation result when nothing it depends on has changed. The key hashes the contents of
 * every model, evaluation and title-classifier source file, the data file's size and modification
 * time, and the options; the evaluation is seeded, so the same key always yields the same numbers.
 * Any change to the models or the data therefore recomputes and re-asserts on fresh results.
 */
export async function cachedEvaluation<T>(name: string, dataFiles: string | string[], options: unknown, compute: () => Promise<T>): Promise<T> {
  const hash = createHash('sha256').update(`v1|${name}|${JSON.stringify(options)}`);
  for (const file of SOURCE_DIRS.flatMap(filesUnder)) hash.update(relative(ROOT, file)).update(readFileSync(file));
  for (const file of [dataFiles].flat()) {
    const stat = statSync(file);
    hash.update(`${file}|${stat.size}|${stat.mtimeMs}`);
  }
  const path = join(CACHE_DIR, `${name}-${hash.digest('hex').slice(0, 24)}.json`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    const result = await compute();
    mkdirSync(CACHE_DIR, { recursive: true });
    // Results for older sources can never be hit again.
    for (const old of readdirSync(CACHE_DIR)) if (old.startsWith(`${name}-`)) rmSync(join(CACHE_DIR, old), { force: true });
    writeFileSync(path, JSON.stringify(result));
    return result;
  }
}
