import { readdir, stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';

export const SUPPORTED_EXTENSIONS = ['.pdf', '.png', '.jpg', '.jpeg', '.tif', '.tiff', '.txt'];

/** Files a person would not mean as input: partial downloads, Office lock files, dotfiles. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || name.toLowerCase().endsWith('.part');
}

export function isSupportedFile(name: string): boolean {
  return !isIgnoredName(name) && SUPPORTED_EXTENSIONS.includes(extname(name).toLowerCase());
}

const GLOB_CHARS = /[*?[]/;

/**
 * FILE|DIR|GLOB arguments -> files. Directories are searched recursively for supported files; a named
 * file is kept whatever its type (the pipeline then says why it cannot read it); a path that does not
 * exist is kept too, so it fails with "file not found" instead of vanishing.
 */
export async function collectInputs(args: string[], options: { skipDirs?: string[] } = {}): Promise<string[]> {
  const out: string[] = [];
  const skip = new Set((options.skipDirs ?? []).map((d) => resolve(d)));
  for (const arg of args) {
    if (GLOB_CHARS.test(arg)) {
      out.push(...(await expandGlob(arg)));
      continue;
    }
    const info = await stat(arg).catch(() => null);
    if (info?.isDirectory()) out.push(...(await walk(arg, skip)));
    else out.push(arg);
  }
  return [...new Set(out)];
}

async function walk(dir: string, skip: Set<string>): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!isIgnoredName(entry.name) && !skip.has(resolve(path))) files.push(...(await walk(path, skip)));
    } else if (entry.isFile() && isSupportedFile(entry.name)) {
      files.push(path);
    }
  }
  return files;
}

export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      re += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i);
      if (end === -1) re += '\\[';
      else {
        re += pattern.slice(i, end + 1);
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

async function expandGlob(pattern: string): Promise<string[]> {
  const parts = pattern.split('/');
  const firstGlob = parts.findIndex((p) => GLOB_CHARS.test(p));
  const base = parts.slice(0, firstGlob).join('/') || '.';
  const rest = parts.slice(firstGlob).join('/');
  const matcher = globToRegExp(rest);
  const files = await walk(base, new Set()).catch(() => []);
  return files.filter((f) => matcher.test(relative(base, f).split(sep).join('/')));
}
