/** Rows -> RFC 4180 CSV; nested values (lists of units, period) are flattened so a spreadsheet reads them. */
export function toCsv(rows: Record<string, unknown>[]): string {
  const flat = rows.map((row) => flattenRow(row));
  const columns = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  const lines = [columns.map(quote).join(',')];
  for (const row of flat) lines.push(columns.map((c) => quote(row[c] ?? '')).join(','));
  return lines.join('\r\n') + '\r\n';
}

function flattenRow(row: Record<string, unknown>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(row)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value === null || value === undefined) out[name] = '';
    else if (Array.isArray(value)) out[name] = value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join('; ');
    else if (typeof value === 'object') Object.assign(out, flattenRow(value as Record<string, unknown>, name));
    else out[name] = String(value);
  }
  return out;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
