import { exampleReport, narrate, type Report } from '@nianbao/core';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Sections } from './Sections';

afterEach(cleanup);

// 插入 puts the sentence where the caret was in the text — a click on the button moves the focus to
// it first (Chrome, Firefox, Edge), and the sentence then went to the end of the text every time.

const r = exampleReport({ year: 2025 });
const TEXT = '第一段。第二段。';
const report = { ...r, sections: { ...r.sections, applications: TEXT } } as Report;

describe('插入 a sentence', () => {
  it('goes where the caret was, after the click took the focus to the button', () => {
    const onChange = vi.fn();
    const v = render(
      <Sections
        report={report}
        sentences={narrate(report).sentences}
        findings={[]}
        readOnly={false}
        onChange={onChange}
        onPreamble={() => {}}
        register={() => {}}
      />,
    );
    const area = v.container.querySelector('textarea[name="sections.applications"]') as HTMLTextAreaElement;
    area.focus();
    area.setSelectionRange(4, 4);
    fireEvent.select(area);
    const button = v
      .getAllByRole('button', { name: /^插入“/ })
      .find((b) => area.closest('section')!.contains(b))!;
    const sentence = button.getAttribute('aria-label')!.slice(3, -1);
    // a mouse click: the button takes the focus, then the click
    fireEvent.mouseDown(button);
    button.focus();
    fireEvent.click(button);
    expect(onChange).toHaveBeenCalledWith('applications', `第一段。${sentence}第二段。`);
  });

  it('at the end when the text was never in focus', () => {
    const onChange = vi.fn();
    const v = render(
      <Sections
        report={report}
        sentences={narrate(report).sentences}
        findings={[]}
        readOnly={false}
        onChange={onChange}
        onPreamble={() => {}}
        register={() => {}}
      />,
    );
    const area = v.container.querySelector('textarea[name="sections.applications"]') as HTMLTextAreaElement;
    const button = v
      .getAllByRole('button', { name: /^插入“/ })
      .find((b) => area.closest('section')!.contains(b))!;
    const sentence = button.getAttribute('aria-label')!.slice(3, -1);
    fireEvent.click(button);
    expect(onChange).toHaveBeenCalledWith('applications', `${TEXT}${sentence}`);
  });
});
