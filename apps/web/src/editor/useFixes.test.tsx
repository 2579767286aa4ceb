// @vitest-environment jsdom
import { derive, exampleReport, type Report, setCell } from '@nianbao/core';
import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useFixes } from './useFixes.js';

describe('useFixes', () => {
  it('ranks a fix of the cell the user just typed first (undo the 21, not move 结转 around it)', async () => {
    const id = 'applications.granted.naturalPerson';
    const before = exampleReport({ year: 2023 });
    const was = before.cells[id]!.value!;
    const typed = derive(setCell(before, id, was + 1)).report;
    const { result, rerender } = renderHook(({ r }: { r: Report }) => useFixes(r, true), {
      initialProps: { r: before },
    });
    rerender({ r: typed });
    await waitFor(() => expect(result.current.pending).toBe(false));
    expect(result.current.fixes[0]!.changes).toEqual([
      expect.objectContaining({ cell: id, from: was + 1, to: was }),
    ]);
  });
});
