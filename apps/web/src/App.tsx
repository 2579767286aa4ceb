import { reportingYear } from '@nianbao/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Component, lazy, type ReactNode, Suspense, useEffect } from 'react';
import { usePageTitleAndFocus } from './lib/pageTitle';
import { forgetTabState } from './lib/review';
import { CorrectionsPage } from './pages/CorrectionsPage';
import { Home } from './pages/Home';
import { Login } from './pages/Login';
import { RegionPage } from './pages/RegionPage';
import { href, navigate, useRoute } from './router';
import { errorMessage, useTRPC } from './trpc';

/**
 * Pages the login and home screens do not show are loaded when first opened (the first screen's
 * JavaScript stays under the 200 KB goal: apps/web/bench). The report form — the page opened most —
 * is fetched in the background once the home screen is up, so opening a report does not wait for it.
 */
const loadReportPage = () => import('./pages/ReportPage');
const ReportPage = lazy(() => loadReportPage().then((m) => ({ default: m.ReportPage })));
const AdminPage = lazy(() => import('./pages/AdminPage').then((m) => ({ default: m.AdminPage })));
const ImportPage = lazy(() => import('./pages/ImportPage').then((m) => ({ default: m.ImportPage })));
const AccountPage = lazy(() => import('./pages/AccountPage').then((m) => ({ default: m.AccountPage })));
const FirstPasswordPage = lazy(() =>
  import('./pages/AccountPage').then((m) => ({ default: m.FirstPasswordPage })),
);
const PublishedReportPage = lazy(() =>
  import('./pages/PublishedReportPage').then((m) => ({ default: m.PublishedReportPage })),
);
const RollupPage = lazy(() => import('./pages/RollupPage'));

/** The report form's code, fetched while the browser is idle after sign-in (once). */
function usePreloadReportPage(signedIn: boolean) {
  useEffect(() => {
    if (!signedIn) return;
    const idle = (globalThis as { requestIdleCallback?: (f: () => void) => number }).requestIdleCallback;
    const start = () => void loadReportPage().catch(() => {}); // a failure is met again on opening
    if (idle) idle(start);
    else {
      const t = setTimeout(start, 200);
      return () => clearTimeout(t);
    }
  }, [signedIn]);
}

const pageLoading = <p className="loading">正在载入…</p>;

export type Me = NonNullable<ReturnType<typeof useMe>['data']>;

export function useMe() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions());
}

export function App() {
  const me = useMe();
  const route = useRoute();
  // the page's name in the window's title, and the focus on it after a move (login and logout too)
  usePageTitleAndFocus(`${route.path.join('/')}|${me.data ? me.data.id : ''}`);
  usePreloadReportPage(!!me.data);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: () => {
        forgetTabState();
        queryClient.clear();
        navigate(href.home());
      },
    }),
  );
  if (me.isLoading) return <p className="loading">正在载入…</p>;
  // Only a first load that failed: a refetch that fails keeps the page (and a form's edits) on screen.
  if (me.error && me.data === undefined)
    return <p className="error-text page">无法连接服务器：{errorMessage(me.error)}</p>;
  // Public pages, no login: the 更正公告 and each published report it links to.
  if (!me.data) {
    const [page, arg] = route.path;
    const open =
      page === 'corrections' ? (
        <CorrectionsPage />
      ) : page === 'published' && arg ? (
        <PublishedReportPage key={arg} id={arg} />
      ) : null;
    if (!open) return <Login />;
    return (
      <div className="app">
        <header className="app-header no-print">
          <a href={href.home()} className="brand">
            政府信息公开工作年度报告
          </a>
          <nav>
            <a href={href.corrections()}>更正公告</a>
          </nav>
          <a href={href.home()} className="login-link">
            登录
          </a>
        </header>
        <PageErrorBoundary key={route.path.join('/')}>
          <Suspense fallback={pageLoading}>{open}</Suspense>
        </PageErrorBoundary>
      </div>
    );
  }
  const user = me.data;
  // A password a 管理员 set is replaced first: nothing else is shown (nor allowed by the server).
  if (user.mustChangePassword)
    return (
      <Suspense fallback={pageLoading}>
        <FirstPasswordPage me={user} onLogout={() => logout.mutate()} />
      </Suspense>
    );
  const [page, arg] = route.path;
  const defaultYear = reportingYear();
  let content: React.ReactNode;
  // The page's identity: what a change of it builds anew. The start page of a 审核人 or 管理员 is the
  // region list: a filter ticked there names #/region, and the list (with the focus) stays.
  let pageKey = route.path.join('/');
  if (page === 'report' && arg) content = <ReportPage key={arg} id={arg} me={user} />;
  else if (page === 'import') content = <ImportPage me={user} />;
  else if (page === 'account') content = <AccountPage me={user} />;
  else if (page === 'corrections') content = <CorrectionsPage signedIn />;
  else if (page === 'published' && arg) content = <PublishedReportPage key={arg} id={arg} />;
  else if (page === 'admin' && user.role !== 'filler') content = <AdminPage me={user} />;
  else if (page === 'admin')
    content = (
      <p className="page notice" role="status" data-testid="admin-refused">
        “管理”页只对管理员和审核人开放：机关、用户和检查规则由本单位管理员管理，如需新建或修改请联系管理员。
        <a href={href.home()}>返回我的报告</a>
      </p>
    );
  else if (page === 'region') {
    pageKey = 'region';
    content = (
      <RegionPage
        me={user}
        year={Number(route.query.get('year')) || defaultYear}
        nodeId={route.query.get('node')}
      />
    );
  } else if (page === 'rollup' && !route.query.get('node'))
    content = <RollupTop year={Number(route.query.get('year')) || defaultYear} />;
  else if (page === 'rollup')
    content = (
      <Suspense fallback={<p className="loading">正在载入汇总与图表…</p>}>
        <RollupPage
          year={Number(route.query.get('year')) || defaultYear}
          nodeId={route.query.get('node') ?? ''}
        />
      </Suspense>
    );
  else if (user.role === 'filler') content = <Home me={user} />;
  else {
    pageKey = 'region';
    content = <RegionPage me={user} year={defaultYear} nodeId={null} />;
  }
  return (
    <div className="app">
      <header className="app-header no-print">
        <a href={href.home()} className="brand">
          政府信息公开工作年度报告
        </a>
        <nav>
          {user.role === 'filler' ? (
            <>
              <a href={href.home()}>我的报告</a>
              <a href={href.import()}>导入已发布的报告</a>
            </>
          ) : (
            <a href={href.regionAsLeft()}>本地区报告</a>
          )}
          <a href={href.corrections()}>更正公告</a>
          {user.role === 'admin' && <a href={href.admin()}>管理</a>}
          {user.role === 'reviewer' && (
            <a href={href.admin()} title="在您的审核范围内新建、修改、移动和删除机关">
              机关管理
            </a>
          )}
          <a href={href.account()}>账号</a>
        </nav>
        <span className="user">
          {user.displayName}（{user.roleLabel}
          {user.agency ? ` · ${user.agency.name}` : ''}）
        </span>
        <button type="button" className="small" onClick={() => logout.mutate()}>
          退出登录
        </button>
      </header>
      <PageErrorBoundary key={pageKey}>
        <Suspense fallback={pageLoading}>{content}</Suspense>
      </PageErrorBoundary>
    </div>
  );
}

/**
 * #/rollup naming only a year (a link or a typed address): the roll-up of the user's top region, as
 * #/region with only a year opens it — the address then names it. With no region to sum, says where to choose one.
 */
function RollupTop({ year }: { year: number }) {
  const trpc = useTRPC();
  const tree = useQuery(trpc.agencies.tree.queryOptions());
  const top = tree.data?.[0];
  useEffect(() => {
    if (top) navigate(href.rollup(year, top.id), { replace: true });
  }, [top, year]);
  if (tree.error) return <p className="error-text page">{errorMessage(tree.error)}</p>;
  if (tree.data && !top)
    return (
      <p className="page muted" role="status">
        没有可汇总的地区：汇总按地区进行，请在“本地区报告”页选择范围后点“区域汇总与图表”。
      </p>
    );
  return <p className="loading">正在载入汇总与图表…</p>;
}

/**
 * A page that fails as it is drawn — its code not loaded (the system updated since this tab opened:
 * the old file is gone) or an error of its own — says so in 简体中文 under the header, with 刷新; the
 * whole window went blank, the header and its links with it. Another page (a link, Back) starts afresh.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }
  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const chunk =
      /dynamically imported module|Importing a module script failed|error loading dynamically/i.test(
        error.message,
      );
    return (
      <div className="page" role="alert" data-testid="page-error">
        <p className="error-text">
          {chunk
            ? '页面载入失败：本系统可能已更新，请刷新页面后再试。'
            : `页面出错，无法显示：${error.message}。请刷新页面后再试；如仍出错，请联系管理员。`}
        </p>
        <button type="button" onClick={() => window.location.reload()}>
          刷新页面
        </button>
      </div>
    );
  }
}
