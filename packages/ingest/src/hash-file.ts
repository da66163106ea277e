import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** The document id: sha256 of the bytes, so the same scan under another name is the same document. */
export async function hashFile(path: string): Promise<{ id: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { id: hash.digest('hex'), bytes };
}
