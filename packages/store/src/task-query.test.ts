import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { searchColumn } from './fold-text.js';
import { searchTerms, taskWhere } from './task-query.js';
import { createUnitKey } from './unit-key.js';

describe('taskWhere', () => {
  const unitKey = createUnitKey([]);

  it('never lets a LIKE wildcard through, even when validation is bypassed', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE tasks (id INTEGER PRIMARY KEY, is_current INTEGER, search_text TEXT)');
    const insert = db.prepare('INSERT INTO tasks (is_current, search_text) VALUES (1, ?)');
    for (const text of ['axb', 'a_b', '100% xong', '100 phan tram']) insert.run(searchColumn(text));
    const count = (q: string) => {
      const where = taskWhere({ q, limit: 50 }, unitKey);
      return (db.prepare(`SELECT count(*) AS n FROM tasks t WHERE ${where.sql}`).get(...where.params) as { n: number }).n;
    };
    // Folding turns punctuation into spaces, so "a_b" searches "a b" and "100%" searches "100".
    expect(count('a_b')).toBe(1);
    expect(count('100%')).toBe(2);
    expect(count('%')).toBe(4);
    db.close();
  });

  it('splits search text into words and quoted phrases', () => {
    expect(searchTerms('An ninh "mạng xã hội"  số')).toEqual(['an', 'ninh', 'mang xa hoi', 'so']);
    expect(searchTerms('""')).toEqual([]);
  });

  it('passes every value as a parameter', () => {
    const where = taskWhere({ lead: "x'); DROP TABLE tasks; --", group: 'II', year: 2026, q: 'a', limit: 50 }, unitKey);
    expect(where.sql).not.toContain('DROP');
    expect(where.params).toContain('x drop table tasks');
  });
});
