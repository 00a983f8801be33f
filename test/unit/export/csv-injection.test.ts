/**
 * Attack 5 of issue #12: a title such as `a;=cmd|' /C calc'!A0` became a formula cell in Excel,
 * which splits CSV on `;` in five of our six UI languages. The export is split here the way a
 * spreadsheet does it, on `,` and on `;`, and no cell may start a formula either way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, ordersCsv } from '../../../src/core/export';
import { buildLadder } from '../../../src/core/ladder';
import type { StoredOrder } from '../../../src/core/model';
import { generateOrders } from '../ui/generate';

/**
 * A spreadsheet's CSV split: a quote counts only at the start of a cell (then `""` is a quote and
 * the closing quote ends the quoting; anything after it up to the separator joins the cell), a
 * separator or a line break outside quotes ends the cell.
 */
function spreadsheetCells(text: string, separator: ',' | ';'): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i += 1;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') {
          i += 1;
          break;
        } else {
          cell += text[i];
          i += 1;
        }
      }
    }
    while (i < text.length && text[i] !== separator && text[i] !== '\r' && text[i] !== '\n') {
      cell += text[i];
      i += 1;
    }
    cells.push(cell);
    if (text[i] === separator) {
      i += 1;
      // A separator at the very end still opens one (empty) cell.
      if (i === text.length) cells.push('');
    } else while (text[i] === '\r' || text[i] === '\n') i += 1;
  }
  return cells;
}

/** What a spreadsheet runs as a formula: the cell's first character after spaces. */
const isFormula = (cell: string) => /^ *[=+\-@\t\r]/.test(cell);

const ATTACKS = [
  "a;=cmd|' /C calc'!A0",
  "Cable, =cmd|' /C calc'!A0",
  'x;"=HYPERLINK(""http://evil"")"',
  'x";=1+1',
  'x; -2+3',
  '=1+1;@SUM(A1);+1,-1',
  'x;\t=1',
  'tail;',
];

describe('CSV export, split on , and on ; (issue #12, attack 5)', () => {
  it.each(ATTACKS)('no cell of %j starts a formula under either split', (text) => {
    const field = csvField(text);
    for (const separator of [',', ';'] as const) {
      for (const cell of spreadsheetCells(field, separator))
        expect(isFormula(cell), `${separator} ${cell}`).toBe(false);
    }
    // Split on `,` (RFC 4180) the field stays one cell, the page's text with apostrophes only added.
    const [one, ...rest] = spreadsheetCells(field, ',');
    expect(rest).toEqual([]);
    expect(one?.replaceAll("'", '')).toBe(text.replaceAll("'", ''));
  });

  it('holds for any text built from separators, quotes and formula starts', () => {
    const alphabet = fc.constantFrom(...'=+-@;,"\' \tab1'.split(''));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 30 }).map((cs) => cs.join('')),
        (text) => {
          const field = csvField(text);
          for (const separator of [',', ';'] as const)
            for (const cell of spreadsheetCells(field, separator)) if (isFormula(cell)) return false;
          const cells = spreadsheetCells(field, ',');
          return cells.length <= 1 && (cells[0] ?? '').replaceAll("'", '') === text.replaceAll("'", '');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('the whole export of orders with hostile titles and store names: every row, both splits', () => {
    const now = Date.UTC(2026, 8, 1, 12);
    const orders = generateOrders(8, now, 5, 'UTC');
    orders.forEach((order: StoredOrder, i) => {
      const read = order.reads.detail ?? order.reads.list;
      if (!read) return;
      read.items = [{ title: ATTACKS[i % ATTACKS.length] as string, quantity: 1 }];
      read.storeName = ATTACKS[(i + 3) % ATTACKS.length] as string;
    });
    const csv = ordersCsv(
      orders.map((o) => buildLadder(o, { now, timeZone: 'UTC' })),
      { now },
    );
    const rows = csv.trimEnd().split('\r\n');
    for (const separator of [',', ';'] as const) {
      for (const row of rows) {
        for (const cell of spreadsheetCells(row, separator))
          expect(isFormula(cell), `${separator} ${row}`).toBe(false);
      }
    }
    // Split on `,`, every row still has the header's thirteen columns.
    for (const row of rows) expect(spreadsheetCells(row, ',')).toHaveLength(17);
    expect(csv).toContain("a;'=cmd");
  });
});
