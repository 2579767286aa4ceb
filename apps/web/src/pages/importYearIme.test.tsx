import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Me } from '../App';
import { fakeClient, testQueryClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';
import { ImportPage } from './ImportPage';

afterEach(cleanup);

// 报告年度 typed with a Chinese input method in full-width mode: 「２０２４」 is a year, not nothing.
describe('ImportPage 报告年度 with an input method', () => {
  function renderPage() {
    const { client } = fakeClient({});
    const queryClient = testQueryClient();
    const me = { agency: { id: 'a1', name: '某某局' } } as unknown as Me;
    const v = render(
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={client} queryClient={queryClient}>
          <ImportPage me={me} />
        </TRPCProvider>
      </QueryClientProvider>,
    );
    return v.container.querySelector('input[name=import-year]') as HTMLInputElement;
  }

  it('full-width digits committed at once read as the year', () => {
    const box = renderPage();
    fireEvent.change(box, { target: { value: '２０２４' } });
    expect(box.value).toBe('2024');
  });

  it('composed: the year at compositionend; letters still dropped', () => {
    const box = renderPage();
    fireEvent.compositionStart(box, { data: '' });
    fireEvent.change(box, { target: { value: '２０２５' } });
    fireEvent.compositionEnd(box, { data: '２０２５' });
    expect(box.value).toBe('2025');
    fireEvent.change(box, { target: { value: '2025年' } });
    expect(box.value).toBe('2025');
  });
});
