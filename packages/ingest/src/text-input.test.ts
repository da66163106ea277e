import { describe, expect, it } from 'vitest';
import { decodeText, splitTextPages } from './text-input.js';

describe('text input', () => {
  it('makes one page per form feed, without an empty page after a final one', () => {
    const pages = splitTextPages('trang một\r\n\ftrang hai\f');
    expect(pages.map((p) => p.text)).toEqual(['trang một\n', 'trang hai']);
    expect(pages.map((p) => p.index)).toEqual([0, 1]);
    expect(pages.every((p) => p.source === 'text-layer' && p.blocks.length === 0)).toBe(true);
  });

  it('refuses binary data and text that is not UTF-8, naming the file', () => {
    expect(() => decodeText(new Uint8Array([0x41, 0x00, 0x42]), 'x.txt')).toThrow(/binary/);
    expect(() => decodeText(new Uint8Array([0xc3, 0x28, 0xff]), 'y.txt')).toThrow(/not UTF-8/);
    expect(decodeText(new TextEncoder().encode('\uFEFFho\u0300a'), 'z.txt')).toBe('hòa');
  });
});
