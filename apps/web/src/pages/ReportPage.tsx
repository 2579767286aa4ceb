import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Me } from '../App';
import { Editor } from '../editor/Editor';
import type { ImportDiagnostics } from '../editor/ImportSources';
import { useTRPC } from '../trpc';

export const importKey = (id: string) => `nianbao:import:${id}`;

/** One report: loads it, the deployment's rule config and last year's report (cross-year rules), then the form. */
export function ReportPage({ id }: { id: string; me: Me }) {
  const trpc = useTRPC();
  const info = useQuery(trpc.reports.get.queryOptions({ id }));
  const config = useQuery(trpc.config.get.queryOptions());
  const year = info.data?.year ?? 0;
  const prevFind = useQuery({
    ...trpc.reports.find.queryOptions({
      agencyId: info.data?.agencyId ?? '',
      year: Math.max(2019, year - 1),
    }),
    enabled: !!info.data && year - 1 >= 2019,
  });
  const prevId = prevFind.data?.id;
  const prev = useQuery({ ...trpc.reports.get.queryOptions({ id: prevId ?? '' }), enabled: !!prevId });
  const importDiag = useMemo<ImportDiagnostics | null>(() => {
    try {
      const raw = sessionStorage.getItem(importKey(id));
      return raw ? (JSON.parse(raw) as ImportDiagnostics) : null;
    } catch {
      return null;
    }
  }, [id]);
  if (info.isLoading) return <p className="loading">正在载入报告…</p>;
  if (info.error) return <p className="error-text page">{info.error.message}</p>;
  return (
    <Editor
      info={info.data!}
      {...(prev.data ? { previous: prev.data.report } : {})}
      {...(config.data ? { config: config.data } : {})}
      importDiag={importDiag}
      onInfoChanged={() => void info.refetch()}
    />
  );
}
