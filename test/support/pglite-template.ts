import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openDataSource } from '../../src/platform/database/data-source.factory';
import { startPglite } from '../../src/platform/database/pglite-server';

/**
 * A migrated PGlite data directory, built once and restored by every PGlite test database.
 *
 * Starting PGlite from scratch runs initdb (a second WASM program) and then every migration: seconds of
 * CPU per spec file. Restoring a `dumpDataDir()` tarball with `loadDataDir` skips both. The tarball is
 * cached under node_modules/.cache, keyed by the migrations' contents and the PGlite version, so it is
 * rebuilt exactly when either changes. Jest workers are separate processes: a lock file makes one of
 * them build while the others wait, and the file appears by an atomic rename, so nobody reads half of it.
 */

// Bump when the way the template is built changes (the key must change with it).
const TEMPLATE_FORMAT = 1;
const ROOT = path.join(__dirname, '..', '..');
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'abm-pglite-template');
// A builder that died (killed run) leaves its lock behind; one older than this is ignored.
const STALE_LOCK_MS = 5 * 60_000;

function templateKey(): string {
  const hash = createHash('sha256');
  hash.update(`format ${TEMPLATE_FORMAT}\n`);
  const pglite = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')) as { version: string };
  hash.update(`pglite ${pglite.version}\n`);
  const dir = path.join(ROOT, 'migrations');
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
    hash.update(`${file}\n`);
    hash.update(fs.readFileSync(path.join(dir, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

async function buildTemplate(): Promise<Buffer> {
  const embedded = await startPglite('memory://');
  try {
    const dataSource = await openDataSource({ url: embedded.url, embedded: true });
    // A checkpoint flushes everything to the data files, so the restored copy needs no WAL replay
    // (which would, like after a crash, advance sequences by their 32-value prefetch).
    await dataSource.query('CHECKPOINT');
    await dataSource.destroy();
    if (!embedded.dumpDataDir) throw new Error('PGlite instance cannot dump its data directory');
    const tarball = await embedded.dumpDataDir();
    return Buffer.from(await tarball.arrayBuffer());
  } finally {
    await embedded.stop();
  }
}

function lockIsStale(lock: string): boolean {
  try {
    const [pid] = fs.readFileSync(lock, 'utf8').split(' ');
    try {
      process.kill(Number(pid), 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') return true;
    }
    return Date.now() - fs.statSync(lock).mtimeMs > STALE_LOCK_MS;
  } catch {
    return false; // released (or replaced) while we looked
  }
}

function tryLock(lock: string): boolean {
  try {
    fs.writeFileSync(lock, `${process.pid} ${Date.now()}`, { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    if (lockIsStale(lock)) fs.rmSync(lock, { force: true });
    return false;
  }
}

let cached: { key: string; bytes: Buffer } | undefined;

/** The template tarball's bytes, building (or waiting for another process to build) it when missing. */
export async function pgliteTemplate(): Promise<Buffer> {
  const key = templateKey();
  if (cached?.key === key) return cached.bytes;
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const file = path.join(CACHE_DIR, `template-${key}.tar`);
  const lock = `${file}.lock`;
  for (;;) {
    if (fs.existsSync(file)) {
      cached = { key, bytes: fs.readFileSync(file) };
      return cached.bytes;
    }
    if (tryLock(lock)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  try {
    if (!fs.existsSync(file)) {
      const bytes = await buildTemplate();
      const partial = `${file}.${process.pid}.partial`;
      fs.writeFileSync(partial, bytes);
      fs.renameSync(partial, file);
      // Older templates (earlier migrations) are dead weight: 40 MB each.
      for (const old of fs.readdirSync(CACHE_DIR)) {
        if (old.startsWith('template-') && old.endsWith('.tar') && old !== path.basename(file)) fs.rmSync(path.join(CACHE_DIR, old), { force: true });
      }
    }
  } finally {
    fs.rmSync(lock, { force: true });
  }
  cached = { key, bytes: fs.readFileSync(file) };
  return cached.bytes;
}
