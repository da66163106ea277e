import { copyFile, constants, link, mkdir, unlink } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

/**
 * Moves `src` into `destDir` and never overwrites: on a name clash the new file gets a suffix
 * ("plan.pdf" -> "plan-1.pdf"). link() fails when the target exists, so two movers cannot race into one
 * name; across file systems it falls back to an exclusive copy.
 */
export async function moveWithoutClash(src: string, destDir: string): Promise<string> {
  await mkdir(destDir, { recursive: true });
  const name = basename(src);
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 0; n < 10_000; n++) {
    const dest = join(destDir, n === 0 ? name : `${stem}-${n}${ext}`);
    try {
      await link(src, dest);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP') throw error;
      try {
        await copyFile(src, dest, constants.COPYFILE_EXCL);
      } catch (copyError) {
        if ((copyError as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw copyError;
      }
    }
    await unlink(src);
    return dest;
  }
  throw new Error(`no free name for ${name} in ${destDir}`);
}
