import { derive, exampleReport, type Finding, keyFindings, setCell, validate } from '@nianbao/core';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { panelProps } from '../test-support/findingsPanel';
import { FindingsBar, FindingsPanel } from './FindingsPanel';

afterEach(cleanup);

// Phones: the findings bar at the bottom of the screen and the panel as a sheet (the CSS shows the
// bar and hides the panel below 700 px; here their behaviour).

const cell = 'applications.newReceived.naturalPerson';
const base = exampleReport({ year: 2024 });
const typo = derive(setCell(base, cell, (base.cells[cell]!.value as number) + 900)).report;
const findingsOf = (r: typeof base) => keyFindings(validate(r));

function bar(findings: ReturnType<typeof findingsOf>, focused: string | null = null) {
  const onOpen = vi.fn();
  const onFocusFinding = vi.fn<(f: Finding) => void>();
  const el = (f: ReturnType<typeof findingsOf>, c: string | null) => (
    <FindingsBar
      findings={f}
      focused={c as never}
      open={false}
      onOpen={onOpen}
      onFocusFinding={onFocusFinding}
    />
  );
  const view = render(el(findings, focused));
  return {
    ...view,
    onOpen,
    onFocusFinding,
    update: (f: typeof findings, c = focused) => view.rerender(el(f, c)),
  };
}

describe('FindingsBar (phones): why, right after typing', () => {
  it('a wrong number typed: the bar counts the error and says it, one tap from its cell; 查看全部 opens the panel', () => {
    const { getByTestId, update, onFocusFinding, onOpen, getByText } = bar(findingsOf(base));
    // what the report had when opened is not news: counts only
    expect(getByTestId('findings-bar').querySelector('.findings-bar-finding')).toBeNull();
    expect(getByTestId('findings-bar').textContent).not.toContain('错误');
    update(findingsOf(typo), 'applications.carriedForward.naturalPerson');
    const text = getByTestId('findings-bar').textContent!;
    expect(text).toMatch(/错误 \d/);
    const named = getByTestId('findings-bar').querySelector<HTMLButtonElement>('.findings-bar-finding')!;
    expect(named.getAttribute('data-rule')).toBe('T3-B');
    expect(named.textContent).toContain(String(typo.cells[cell]!.value));
    fireEvent.click(named);
    expect(onFocusFinding).toHaveBeenCalledTimes(1);
    expect(onFocusFinding.mock.calls[0]![0].cells).toContain(cell);
    fireEvent.click(getByText('查看全部'));
    expect(onOpen).toHaveBeenCalledTimes(1);
  });

  it('the error mended: the bar says nothing more of it; with the cursor on a cell that has a finding, that one', () => {
    const { getByTestId, update } = bar(findingsOf(base));
    update(findingsOf(typo));
    expect(getByTestId('findings-bar').querySelector('.findings-bar-finding')).not.toBeNull();
    update(findingsOf(base));
    expect(getByTestId('findings-bar').querySelector('.findings-bar-finding')).toBeNull();
    expect(getByTestId('findings-bar').textContent).not.toContain('错误');
    // an error already there when opened, the cursor on its cell
    const { getAllByTestId } = bar(findingsOf(typo), cell);
    expect(
      getAllByTestId('findings-bar')[1]!.querySelector('.findings-bar-finding')!.getAttribute('data-rule'),
    ).toMatch(/^T3-/);
  });
});

describe('FindingsPanel as a sheet (phones)', () => {
  it('关闭 shuts it; a finding tapped shuts it and goes to the cell', () => {
    const onClose = vi.fn();
    const onFocusFinding = vi.fn();
    const { container, getByText } = render(
      <FindingsPanel
        {...panelProps(findingsOf(typo), {
          edition: typo.meta.edition,
          onFocusFinding,
          sheet: { open: true, onClose },
        })}
      />,
    );
    expect(container.querySelector('aside.findings')!.className).toContain('sheet-open');
    fireEvent.click(getByText('关闭'));
    expect(onClose).toHaveBeenCalledTimes(1);
    fireEvent.click(container.querySelector('button.finding.sev-error')!);
    expect(onClose).toHaveBeenCalledTimes(2);
    expect(onFocusFinding).toHaveBeenCalledTimes(1);
  });
});
