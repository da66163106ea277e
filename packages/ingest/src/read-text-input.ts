import { readFile } from 'node:fs/promises';
import { decodeText } from './text-input.js';

/** Text from FILE, or from stdin when no file is named (`sohoa restore < page.txt`). */
export async function readTextInput(file: string | undefined): Promise<string> {
  if (file) return decodeText(await readFile(file), file);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return decodeText(Buffer.concat(chunks), 'stdin');
}
