import type { Task } from '@sohoa/core';
import { isValidSyllable } from '../vietnamese/index.js';
import { foldWords, levenshtein } from './cell-text.js';

const BRACKETS: [string, string][] = [
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
];

/**
 * A unit name without the specks OCR reads around and inside it: leading and trailing marks ("':Sở ...",
 * "... Đào tạo...”"), a bracket with no partner ("UBND các xã, [phường"), dots between two lower-case
 * words ("Nông nghiệp.. và"). Dots before a capital ("TP. Huế") and balanced brackets ("(VNPT)") stay.
 */
export function cleanUnitName(name: string): string {
  let out = name
    .replace(/^[^\p{L}\p{N}(]+/u, '')
    .replace(/[^\p{L}\p{N})]+$/u, '')
    .replace(/(\p{Ll})\.+(?=\s+\p{Ll})/gu, '$1');
  for (const [open, close] of BRACKETS) {
    if (out.split(open).length !== out.split(close).length) out = out.split(open).join(' ').split(close).join(' ');
  }
  return out.replace(/\s+/gu, ' ').trim();
}

/** Letters and digits only, no diacritics, lower case: "Sởkhoahọocvà Công nghệ" -> "sokhoahoocvacongnghe". */
function unitKey(name: string): string {
  return foldWords(name).replaceAll(' ', '');
}

/**
 * A word no correct unit name would hold: not a Vietnamese syllable in lower or capitalised form
 * ("KhoahQc", "Sởkhoahọocvà"), or a lone letter ("tỉnh Ể"). Abbreviations (UBND, XTĐT) and numbers pass.
 */
function isSuspectWord(word: string): boolean {
  if (/\p{N}/u.test(word)) return false;
  if (word.length >= 2 && word === word.toUpperCase()) return false;
  if (word.length < 2) return true;
  const lower = word.toLowerCase();
  const casing = word === lower || word === lower[0].toUpperCase() + lower.slice(1);
  return !(casing && isValidSyllable(lower));
}

function words(name: string): string[] {
  return name.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** u holds a suspect word that v does not: the letters that differ are a misreading, not another place. */
function hasOwnSuspectWord(u: string, v: string): boolean {
  const theirs = new Set(words(v));
  return words(u).some((w) => !theirs.has(w) && isSuspectWord(w));
}

/** Edits a key of this length may differ by and still be the same unit misread: none below 10 letters. */
function allowedEdits(length: number): number {
  return length < 10 ? 0 : Math.floor(length / 10);
}

/**
 * The same unit is named in many rows of one plan ("Sở Khoa học và Công nghệ" leads one task and partners
 * ten), and OCR rarely misreads every copy the same way. A name met fewer times than a close one is taken
 * for a misreading of it and replaced when the two have the same letters once diacritics and spaces are
 * gone ("Vặn phòng", "cõng"), or when they differ by at most one edit per ten letters (from 10 letters up)
 * and the rarer one holds a word no unit name would ("KhoahQc"): two real places a letter apart ("Tân
 * Uyên", "Tân Yên") are both good words and stay apart. A name met as often as every close one is left
 * alone, so a tie never merges.
 */
export function reconcileUnits(tasks: readonly Task[]): Task[] {
  const counts = new Map<string, number>();
  for (const t of tasks) for (const u of [...t.leads, ...t.partners]) counts.set(u, (counts.get(u) ?? 0) + 1);
  const names = [...counts.keys()].map((name) => ({ name, key: unitKey(name), count: counts.get(name)! }));
  const replace = new Map<string, string>();
  for (const u of names) {
    let best: { name: string; count: number; edits: number } | null = null;
    for (const v of names) {
      if (v.count <= u.count || v.count < 2) continue;
      const limit = allowedEdits(Math.min(u.key.length, v.key.length));
      if (Math.abs(u.key.length - v.key.length) > limit) continue;
      const edits = u.key === v.key ? 0 : limit ? levenshtein(u.key, v.key) : Infinity;
      if (edits > limit || (edits > 0 && !hasOwnSuspectWord(u.name, v.name))) continue;
      if (!best || v.count > best.count || (v.count === best.count && edits < best.edits)) best = { name: v.name, count: v.count, edits };
    }
    if (best) replace.set(u.name, best.name);
  }
  if (!replace.size) return [...tasks];
  const fix = (units: string[]): string[] => {
    const out: string[] = [];
    for (const u of units) {
      const name = replace.get(u) ?? u;
      if (!out.includes(name)) out.push(name);
    }
    return out;
  };
  return tasks.map((t) => ({ ...t, leads: fix(t.leads), partners: fix(t.partners) }));
}
