import { type CellId, createEmptyReport, formatValue, type Report } from '@nianbao/core';
import { cleanup, fireEvent, render } from '@testing-library/react';
import fc from 'fast-check';
import { useReducer, useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { buildNav, move } from '../grid/nav';
import { type GridHandlers, TableView } from './Grid';
import { editorReducer, initEditor } from './state';

afterEach(cleanup);

const nav = buildNav('2021');

/** 表三 with the editor's reducer, the stored cells shown as JSON. */
function Harness(props: { report: Report; messages: (string | null)[] }) {
  const [state, dispatch] = useReducer(editorReducer, undefined, () => initEditor(props.report, 1));
  const inputs = useRef(new Map<CellId, HTMLInputElement>());
  const handlers = useRef<GridHandlers>(null as unknown as GridHandlers);
  handlers.current = {
    commit: (cell, value, unit) => dispatch({ type: 'cell', cell, value, ...(unit ? { unit } : {}) }),
    nav: (cell, key, shift) => {
      const next = move(nav, cell, key, shift);
      if (next) inputs.current.get(next)?.focus();
      return next !== undefined || key !== 'Tab';
    },
    paste: (cell, text) => dispatch({ type: 'paste', nav, start: cell, text }),
    focus() {},
    reject: (_cell, msg) => props.messages.push(msg),
    undo: () => dispatch({ type: 'undo' }),
    redo: () => dispatch({ type: 'redo' }),
    register: (cell, el) => {
      if (el) inputs.current.set(cell, el);
      else inputs.current.delete(cell);
    },
  };
  const none = new Set<CellId>();
  return (
    <>
      {(['applications'] as const).map((t) => (
        <TableView
          key={t}
          edition="2021"
          table={t}
          report={state.report}
          marks={new Map()}
          highlighted={none}
          pasted={none}
          focused={null}
          readOnly={false}
          handlers={handlers}
        />
      ))}
      <output data-testid="stored">{JSON.stringify(state.report.cells)}</output>
    </>
  );
}

// What a 填报人 types, a key at a time: digits (half and full width), separators, signs, spaces,
// a decimal point, an exponent, units and words.
const key = fc.constantFrom(
  ...'0123456789０１２３４５６７８９,，. 　-+eE万件元'.split(''),
  '12',
  '1,250',
  '-0',
  '1e3',
);

describe('any text typed into a count cell, a key at a time, then left', () => {
  it('is stored as the integer the cell then shows, or refused with a message and the number before kept', () => {
    const CELL = 'applications.newReceived.naturalPerson';
    fc.assert(
      fc.property(
        fc.option(fc.nat(99_999), { nil: null }),
        fc.array(key, { minLength: 1, maxLength: 8 }),
        (before, keys) => {
          cleanup();
          const base = createEmptyReport({ year: 2025, agency: '某某镇人民政府' });
          const report = {
            ...base,
            cells: { ...base.cells, [CELL]: { value: before, origin: 'entered' as const } },
          };
          const messages: (string | null)[] = [];
          const v = render(<Harness report={report} messages={messages} />);
          const input = v.container.querySelector(`input[data-cell="${CELL}"]`) as HTMLInputElement;
          fireEvent.focus(input);
          let typed = '';
          for (const k of keys) {
            typed += k;
            fireEvent.change(input, { target: { value: typed } });
          }
          fireEvent.blur(input);
          const stored =
            (JSON.parse(v.getByTestId('stored').textContent!) as Report['cells'])[CELL]?.value ?? null;
          const refused =
            messages
              .filter((m): m is string => !!m)
              .at(-1)
              ?.startsWith('已放弃无效输入') ?? false;
          // what the cell shows is what is stored
          expect(input.value).toBe(formatValue(stored, 'count'));
          if (refused) expect(stored).toBe(before);
          else if (stored !== null) {
            expect(Number.isInteger(stored)).toBe(true);
            expect(stored).toBeGreaterThanOrEqual(0);
          }
          // blank is never 0, nor 0 blank
          if (stored === null) expect(input.value).toBe('');
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
