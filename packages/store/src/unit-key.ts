import { stripMarks } from './fold-text.js';
import type { UnitAlias } from './unit-aliases.js';

interface Token {
  raw: string;
  folded: string;
}

interface CompiledAlias {
  tokens: Token[];
  caseSensitive: boolean;
  expansion: string[];
}

/** Words, numbers and "&" (read as "và", so "KH&CN" and "KH và CN" are the same tokens). */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.normalize('NFC').matchAll(/[\p{L}\p{M}\p{N}]+|&/gu)) {
    const raw = m[0] === '&' ? 'và' : m[0];
    tokens.push({ raw, folded: stripMarks(raw).toLowerCase() });
  }
  return tokens;
}

export type UnitKeyFn = (name: string) => string;

/**
 * Builds the function that turns a printed unit name into its key: abbreviations expanded (longest
 * first), then accent- and case-insensitive. "Sở KH&CN" and "Sở Khoa học và Công nghệ" both give
 * "so khoa hoc va cong nghe".
 */
export function createUnitKey(aliases: readonly UnitAlias[]): UnitKeyFn {
  const compiled: CompiledAlias[] = aliases
    .map((a) => ({
      tokens: tokenize(a.alias),
      caseSensitive: a.caseSensitive,
      expansion: tokenize(a.expansion).map((t) => t.folded),
    }))
    .filter((a) => a.tokens.length > 0)
    .sort((a, b) => b.tokens.length - a.tokens.length);

  const matchesAt = (tokens: Token[], at: number, alias: CompiledAlias): boolean => {
    if (at + alias.tokens.length > tokens.length) return false;
    return alias.tokens.every((t, i) =>
      alias.caseSensitive ? tokens[at + i].raw === t.raw : tokens[at + i].folded === t.folded,
    );
  };

  return (name: string): string => {
    const tokens = tokenize(name);
    const out: string[] = [];
    for (let i = 0; i < tokens.length; ) {
      const alias = compiled.find((a) => matchesAt(tokens, i, a));
      if (alias) {
        out.push(...alias.expansion);
        i += alias.tokens.length;
      } else {
        out.push(tokens[i].folded);
        i += 1;
      }
    }
    return out.join(' ');
  };
}
