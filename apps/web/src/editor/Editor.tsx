import {
  type CellId,
  cellDef,
  derive,
  diffReports,
  type Finding,
  getEdition,
  keyFindings,
  narrate,
  overrideNote,
  type Report,
  type SectionKey,
  TABLE_KEYS,
  type ValidationConfig,
  validate,
} from '@nianbao/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import { cellLabels } from '../grid/labels';
import { buildNav, type KeptColumns, keptAfter, move as moveCell } from '../grid/nav';
import { parseCellText } from '../grid/numbers';
import { pasteSummary } from '../grid/paste';
import { base64ToBytes, downloadFile, downloadFrom } from '../lib/download';
import { isComposingKey } from '../lib/ime';
import { blockNavigation, href, navigate } from '../router';
import {
  appCode,
  errorMessage,
  isNetworkError,
  isSessionLost,
  type RouterOutputs,
  useTRPC,
  useTRPCClient,
} from '../trpc';
import { ConflictDialog, type ConflictInfo } from './ConflictDialog';
import { type DownloadFormat, DownloadMenu } from './DownloadMenu';
import {
  FindingsAnnouncer,
  FindingsBar,
  FindingsPanel,
  type PreviousBasis,
  severityOf,
  type TriageDecision,
  type TriageState,
} from './FindingsPanel';
import { type CellMark, type GridHandlers, GridHint, revealCell, TableView, useStickyBars } from './Grid';
import { History } from './History';
import { type ImportDiagnostics, ImportSources, provenanceClass } from './ImportSources';
import { KeysHelp } from './KeysHelp';
import { correctionQuestion, lateNote } from './latePublication';
import { Preview } from './Preview';
import { type ReadRepair, ReadRepairs, type RepairPlace } from './ReadRepairs';
import { Sections } from './Sections';
import { SessionDialog } from './SessionDialog';
import { editorReducer, fixUndoable, initEditor, isDirty, pasteUndoable } from './state';
import { useFixes } from './useFixes';
import { Workflow } from './Workflow';

/** Asked before a route change with a 版本说明 typed and not saved. */
export const NOTE_NOT_SAVED = '版本说明尚未保存（点「保存」才会记下），离开本页它将丢失。确定离开吗？';

type ReportInfo = RouterOutputs['reports']['get'];
interface Backup {
  readonly tab?: string;
  readonly baseVersion: number;
  readonly base: Report;
  readonly report: Report;
  readonly at: number;
}
const backupKey = (id: string) => `nianbao:unsaved:${id}`;
/** This tab: it only ever removes the copy it wrote itself (another tab may hold other edits). */
const TAB_ID = Math.random().toString(36).slice(2);

/**
 * The cells still blank that the 填报人 can fill (没有数据的应填 0), as 提交审核… counts them: computed
 * totals are left out — read-only, blank only while a part of them is (表四's 总计), so counted once,
 * as those parts.
 */
export function blankFillable(report: Report): number {
  return getEdition(report.meta.edition).cells.filter(
    (c) => !c.derived && (report.cells[c.id]?.value ?? null) === null,
  ).length;
}

/** Unsaved edits this browser kept for the report, unless they equal what the server has. */
function readBackup(id: string, current: Report): Backup | null {
  try {
    const raw = localStorage.getItem(backupKey(id));
    if (!raw) return null;
    const b = JSON.parse(raw) as Backup;
    // The same numbers and texts whatever the order of keys (the server's JSON is canonical): core's diff.
    const d = diffReports(b.report, current);
    if (!d.cells.length && !d.texts.length) {
      localStorage.removeItem(backupKey(id));
      return null;
    }
    return b;
  } catch {
    return null;
  }
}

function writeBackup(
  id: string,
  s: { revision: number; savedRevision: number; savedVersion: number; saved: Report; report: Report },
) {
  try {
    if (!isDirty(s)) {
      const raw = localStorage.getItem(backupKey(id));
      if (raw && (JSON.parse(raw) as Backup).tab === TAB_ID) localStorage.removeItem(backupKey(id));
    } else
      localStorage.setItem(
        backupKey(id),
        JSON.stringify({
          tab: TAB_ID,
          baseVersion: s.savedVersion,
          base: s.saved,
          report: s.report,
          at: Date.now(),
        }),
      );
  } catch {
    // storage full or disabled: the server copy and the in-memory edits remain
  }
}

function clearBackup(id: string) {
  try {
    localStorage.removeItem(backupKey(id));
  } catch {
    // ignore
  }
}

/** Retries of a save that could not reach the server (ms): then every 30 s. */
const RETRY_DELAYS = [2000, 5000, 10_000, 30_000];
const SAVE_OFFLINE = '网络连接中断，修改已保存在本机，恢复连接后自动保存';
/** The server unreachable while nothing waits to be saved. */
const OFFLINE = '网络连接中断，正在重新连接…';
const SESSION_LOST = '登录已失效，修改已保存在本机';
/** A save that may go through later by itself: the network, or the server's database for a moment. */
const transient = (e: unknown) => isNetworkError(e) || appCode(e) === 'DB_UNAVAILABLE';
type Tab = 'tables' | 'sections' | 'preview' | 'history' | 'import';

const SEV_RANK = { error: 5, crossYear: 4, warning: 3, info: 1, unchecked: 0 } as const;

export interface EditorProps {
  readonly info: ReportInfo;
  readonly previous?: Report;
  /** What `previous` is (or that there is none), said beside the findings when not published. */
  readonly previousBasis?: PreviousBasis;
  readonly config?: ValidationConfig;
  readonly importDiag: ImportDiagnostics | null;
  /** The version the import diagnostics belong to. */
  readonly importVersion?: number;
  /** Open on 导入来源 (right after an import). */
  readonly openOnImport?: boolean;
  readonly onInfoChanged: () => void;
  /** Who is logged in (the conflict dialog tells a save of one's own elsewhere; logging in again). */
  readonly me?: { readonly id: string; readonly username: string; readonly displayName: string };
  /**
   * The last fetch of the report: answered ('ok'), the server unreachable ('offline'), or the session
   * ended ('session': logged out in another tab, expired). The form stays whatever it says.
   */
  readonly connection?: 'ok' | 'offline' | 'session';
  /** The next report of the reviewer's filtered list (「通过并打开下一份」). */
  readonly next?: { readonly id: string; readonly open: () => void | Promise<void> } | null;
}

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  /**
   * The server stored nothing (`unchanged: true`): the content sent is already its current version's
   * (saved from another tab, or by a save whose answer was lost) — that version is the form's now.
   */
  | { kind: 'unchanged'; version: number }
  | { kind: 'error'; message: string }
  | { kind: 'conflict' }
  /** The server refused the save: the session has ended. Edits stay here and in the local copy. */
  | { kind: 'session' };

/** Autosave: ms after the last change (idle), or of a pause while a cell is being typed into. */
export const AUTOSAVE_DELAY = { idle: 1200, typing: 4000 } as const;

/** The report form: the official tables, the six sections, live findings, autosave with conflicts, history, preview. */
export function Editor(props: EditorProps) {
  const { info } = props;
  const id = info.id;
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [state, dispatch] = useReducer(editorReducer, undefined, () => initEditor(info.report, info.version));
  const stateRef = useRef(state);
  stateRef.current = state;
  const report = state.report;
  const edition = getEdition(report.meta.edition);
  const nav = buildNav(report.meta.edition);
  // A published report is locked; whoever may correct it edits it in correction mode, and the
  // edits go to the server as a correction (a new published version with its reason, public).
  const canCorrect = info.permissions.correct; // the server grants it on published reports only
  const [correcting, setCorrecting] = useState(false);
  // A newer version on the server than the form holds (the form opened on a cached copy, or someone
  // saved since): show it — a reviewer must see what they approve — unless there are edits here not
  // yet saved (their save meets the conflict dialog, nothing is lost).
  useEffect(() => {
    const s = stateRef.current;
    if (info.version > s.savedVersion && !isDirty(s) && !correcting) {
      dispatch({ type: 'reset', report: info.report, version: info.version });
      // A local copy of edits this newer version already holds (saved as the form was left) is done.
      setBackup((b) => (b ? readBackup(id, info.report) : b));
    }
  }, [id, info.version, info.report, correcting]);
  const readOnly = !info.permissions.save && !correcting;
  // Why a key typed into the report does nothing, said as it is typed.
  const lockedReason =
    info.status === 'published'
      ? canCorrect
        ? '报告已发布，不能直接修改；如需更正请使用“更正”'
        : '报告已发布，不能修改'
      : info.status === 'submitted'
        ? info.permissions.return
          ? '报告已提交审核，审核人不能直接修改；如需修改，请“退回修改”并写明意见'
          : '报告已提交审核，不能修改；如需修改，请审核人退回'
        : info.status === 'approved'
          ? '报告已审核通过、等待发布，不能修改'
          : '只读查看：您不能修改这份报告';
  // The report moved on in the workflow while open here, by someone else or in another tab (found by
  // a refetch, or a save answered unchanged because that tab stored the same content and handed it
  // in): the new status and what the user may do now, under the bar until 知道了. A step taken here
  // (Workflow: 提交审核 …) says itself.
  const seenStatus = useRef(info.status);
  const ownStepAt = useRef(0);
  const [statusMoved, setStatusMoved] = useState(false);
  useEffect(() => {
    if (info.status === seenStatus.current) return;
    seenStatus.current = info.status;
    setStatusMoved(Date.now() - ownStepAt.current > 15_000);
  }, [info.status]);
  const statusAdvice = statusMovedAdvice(info, canCorrect);
  const [tab, setTab] = useState<Tab>(props.importDiag && props.openOnImport ? 'import' : 'tables');
  const [focused, setFocused] = useState<CellId | null>(null);
  // Phones: the findings panel as a sheet over the form, opened from the findings bar.
  const [findingsOpen, setFindingsOpen] = useState(false);
  const [hover, setHover] = useState<readonly CellId[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const rejectedAt = useRef(0);
  // A message said as the focus is sent to the tables (恢复此版本): the cell taking it keeps it, however
  // long the tables take to show (on a busy machine more than the 500 ms above: it was cleared unseen).
  const keepOnFocus = useRef(false);
  // A cell being typed into: autosave waits longer (a pause mid-number saves no half-typed number).
  const [editingCell, setEditingCell] = useState<CellId | null>(null);
  // The cell being typed into, as the save loop must see it at once (the state lags a render).
  const editingRef = useRef<CellId | null>(null);
  // A section an input method is composing in: its pinyin is shown in the text, not yet the report's
  // — no autosave until the composition ends (what it commits is then saved a moment later).
  const [composingSection, setComposingSection] = useState<SectionKey | null>(null);
  const composingRef = useRef<SectionKey | null>(null);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  /**
   * What the server did not keep as sent, from the last save's answer (`warnings`: a title without
   * the agency's name, a contradicting 原文, Word line breaks): said under the bar until a save no
   * longer says it, or 知道了 hides these very messages.
   */
  const [saveWarnings, setSaveWarnings] = useState<{ list: string[]; hidden: string }>({
    list: [],
    hidden: '',
  });
  const noteWarnings = useCallback((w: readonly { message: string }[] | undefined) => {
    const list = [...new Set((w ?? []).map((x) => x.message))];
    setSaveWarnings((cur) => (cur.list.join('\n') === list.join('\n') ? cur : { list, hidden: cur.hidden }));
  }, []);
  /**
   * What the server changed reading the version on screen, stored by an earlier release
   * (`readRepairs` of reports.get: control characters removed, a count's unit dropped …): said under
   * the bar while the form holds that version as read (a save stores the repaired content as a new
   * version, whose answer has none), with what to do; 知道了 hides it for that version. A version
   * brought back by 恢复此版本 says its own until 知道了.
   */
  const [repairsHidden, setRepairsHidden] = useState<number | null>(null);
  const [restoredRepairs, setRestoredRepairs] = useState<{
    version: number;
    list: readonly ReadRepair[];
  } | null>(null);
  const readRepairs: readonly ReadRepair[] = info.readRepairs ?? [];
  const repairsOnScreen =
    readRepairs.length > 0 && state.savedVersion === info.version && repairsHidden !== info.version;
  // 保存 keeps the repaired content as a new version even with no edit since (it differs from what
  // the server holds, which the form does not show).
  // (By the version read: the save loop sees the saved version before the next render does.)
  const repairsAt = useRef<number | null>(null);
  repairsAt.current = readRepairs.length > 0 ? info.version : null;
  // 版本说明: what the next manual 保存 writes as the version's 说明 (历史版本); autosaves keep
  // 「自动保存」. With one, 保存 keeps a version even when nothing changed since the autosave.
  const [versionNote, setVersionNote] = useState('');
  const versionNoteRef = useRef('');
  versionNoteRef.current = versionNote;
  // The session ended (a save refused, or the report's refetch): the login dialog, until logged in again.
  const [loginOpen, setLoginOpen] = useState(false);
  const connection = props.connection ?? 'ok';
  const sessionLost = saveState.kind === 'session' || connection === 'session';
  const [conflict, setConflict] = useState<ConflictInfo | null>(null);
  // 保存冲突 put off (稍后处理：继续编辑，不保存): no autosave brings the dialog back by itself; a save
  // the user asks for (保存, Ctrl+S, 提交审核, a download) meets it again.
  const conflictLater = useRef(false);
  // Restoring edits left unsaved (tab closed, crash, session ended): their own base and content.
  const [restoreCtx, setRestoreCtx] = useState<{ base: Report; baseVersion: number; mine: Report } | null>(
    null,
  );
  const [backup, setBackup] = useState<Backup | null>(() => readBackup(info.id, info.report));
  // Each version saved here (a save, a correction) may hold what an old local copy held: then that
  // copy is done, and its banner goes (it stayed after a correction that made the same change).
  useEffect(() => {
    setBackup((b) => (b ? readBackup(id, state.saved) : b));
  }, [id, state.saved]);
  const inputs = useRef(new Map<CellId, HTMLInputElement>());
  const sectionEls = useRef(new Map<SectionKey, HTMLTextAreaElement>());
  const dirty = isDirty(state);
  // A refused keystroke's message goes away by itself.
  // A longer message (a warning after a download) stays long enough to be read.
  useEffect(() => {
    if (!message) return;
    const t = setTimeout(() => setMessage(null), Math.max(4000, message.length * 150));
    return () => clearTimeout(t);
  }, [message]);
  // The sticky bar's height: the cell bar and the findings panel stick just below it.
  const barRef = useRef<HTMLDivElement>(null);
  const [barH, setBarH] = useState(96);
  useEffect(() => {
    const el = barRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setBarH(el.offsetHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Findings: core's validate on every change, the same rules (and deployment config) the server runs.
  const findings = useMemo(
    () =>
      validate(report, {
        ...(props.previous ? { previous: props.previous } : {}),
        ...(props.config ? { config: props.config } : {}),
        // Published through the server without a stated date: F1–F3 check the day of its 发布 step,
        // as the server does (the list and this page then agree).
        ...(info.publicationDate ? { publicationDate: info.publicationDate } : {}),
      }),
    [report, props.previous, props.config, info.publicationDate],
  );
  const keyed = useMemo(() => keyFindings(findings), [findings]);
  // The blank cells 提交审核… counts: those the 填报人 can type into. A computed total (表四's 总计, 表三's)
  // is blank while a part of it is — read-only, nothing to fill there; its blank parts are counted.
  const blankCells = useMemo(() => blankFillable(report), [report]);
  // Triage (确认 / 忽略 with a reason) is kept by the server for the saved version's findings: read
  // with them (checks.validate by id), matched to the live findings by key, fetched again after each
  // save (the key holds the saved version) and each decision.
  const triageQuery = useQuery({
    queryKey: ['nianbao-triage', id, state.savedVersion],
    queryFn: () => client.checks.validate.mutate({ id }),
    enabled: info.permissions.triage,
    staleTime: 60_000,
    // After a save, the decisions read before hold until the saved version's are read (a dismissed
    // error does not come back for that moment: its cell red, 「新增错误」 said).
    placeholderData: keepPreviousData,
  });
  const triage = useMemo(
    () =>
      triageQuery.data
        ? new Map<string, TriageState | null>(triageQuery.data.findings.map((f) => [f.key, f.triage]))
        : undefined,
    [triageQuery.data],
  );
  const onTriage = useCallback(
    async (key: string, decision: TriageDecision, reason: string) => {
      // The decision is the server's on its version's numbers: edits on screen not yet saved are saved
      // first (decided on the old numbers, the save a moment later would reopen it at once).
      if (!(await saveRef.current('before')))
        throw new Error('修改尚未保存，未记录此决定：请先处理保存问题，再确认或忽略');
      await client.checks.triage.mutate({ id, findingKey: key, decision, reason });
      await queryClient.invalidateQueries({ queryKey: ['nianbao-triage', id] });
      void queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() });
    },
    [client, id, queryClient, trpc],
  );
  const conflicts = useMemo(() => derive(report).conflicts, [report]);
  // The number sentences are only shown with the sections.
  const sentences = useMemo(() => (tab === 'sections' ? narrate(report).sentences : []), [report, tab]);
  // Suggested fixes are heavier: computed in a worker once typing pauses, so keystrokes never wait.
  const { fixes, pending: fixesPending } = useFixes(report, !readOnly);

  const marks = useMemo(() => {
    const m = new Map<CellId, CellMark & { rank: number; titles: string[] }>();
    for (const f of keyed) {
      // A dismissed finding marks no cell.
      const t = triage?.get(f.key);
      if (t?.decision === 'dismissed' && t.state === 'active') continue;
      const sev = severityOf(f);
      for (const c of f.cells) {
        const cur = m.get(c) ?? { rank: -1, titles: [] };
        // the worst first: what the cell's description says (Grid.tsx)
        if (SEV_RANK[sev] > cur.rank) {
          cur.titles.unshift(`${f.ruleId}：${f.message}`);
          m.set(c, { ...cur, status: sev, rank: SEV_RANK[sev] });
        } else {
          cur.titles.push(`${f.ruleId}：${f.message}`);
          m.set(c, cur);
        }
      }
    }
    for (const c of conflicts) {
      const cur = m.get(c.cell) ?? { rank: -1, titles: [] };
      cur.titles.unshift(
        `印制的合计为 ${c.printed}，各项之和为 ${c.computed}（已保留印制值）${readOnly ? '' : '；按 Tab 或 F2 处理'}`,
      );
      m.set(c.cell, { ...cur, conflict: true });
    }
    const out = new Map<CellId, CellMark>();
    for (const [k, v] of m)
      out.set(k, {
        ...(v.status ? { status: v.status } : {}),
        ...(v.conflict ? { conflict: true } : {}),
        title: v.titles.join('\n'),
      });
    return out;
  }, [keyed, triage, conflicts, readOnly]);
  // For `npm run bench`: the moment the DOM shows the new totals and findings (a no-op unless the benchmark installs the hook).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each commit of new totals or findings
  useLayoutEffect(() => {
    (window as { __nianbaoRendered?: (t: number) => void }).__nianbaoRendered?.(performance.now());
  }, [report, findings]);
  const highlighted = useMemo(() => new Set(hover ?? []), [hover]);
  const pasteText = useMemo(
    () => (state.lastPaste ? pasteSummary(state.lastPaste) : null),
    [state.lastPaste],
  );
  const pasted = useMemo(() => new Set(state.lastPaste?.changes.map((c) => c.cell) ?? []), [state.lastPaste]);

  // The cell bar's controls (a computed total's 改用计算值… / 手动改写合计…, a money cell's 单位).
  const cellBarRef = useRef<HTMLDivElement>(null);
  const barControls = () =>
    [...(cellBarRef.current?.querySelectorAll<HTMLElement>('button, select, input') ?? [])].filter(
      (el) => !(el as HTMLButtonElement).disabled,
    );
  const focusCellBar = () => {
    const first = barControls()[0];
    first?.focus();
    return !!first;
  };
  // The tables' head rows stick below the cell bar; a phone's table box fits between the bars.
  useStickyBars(cellBarRef, tab);
  /** Back to a cell (from the cell bar, a form closed): focused and in view. */
  const toCell = (cell: CellId | null | undefined) => {
    const el = cell ? inputs.current.get(cell) : undefined;
    if (!el) return false;
    el.focus();
    revealCell(el);
    return true;
  };
  const focusCell = useCallback((cell: CellId) => {
    setTab('tables');
    requestAnimationFrame(() => {
      const el = inputs.current.get(cell);
      if (el) {
        el.focus();
        revealCell(el);
      }
    });
  }, []);

  // What 撤销 / 重做 just did, said to a screen reader (the button turns off, nothing else is heard).
  const [undoSaid, setUndoSaid] = useState('');
  const undoRedo = (kind: 'undo' | 'redo') => {
    // Locked (handed in, approved, published, read only): Ctrl+Z takes back nothing of what the
    // report now is — no number on screen that is not the report's, as edits no save can keep.
    if (readOnly) {
      rejectedAt.current = Date.now();
      setMessage(lockedReason);
      return;
    }
    const s = stateRef.current;
    const top = (kind === 'undo' ? s.undo : s.redo).at(-1);
    if (!top) return;
    dispatch({ type: kind });
    const verb = kind === 'undo' ? '已撤销' : '已重做';
    const cell = top.key.startsWith('cell:') ? (top.key.slice(5) as CellId) : null;
    const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '空白' : String(v));
    setUndoSaid(
      cell
        ? `${verb}：${cellLabels(report.meta.edition).get(cell) ?? cell} ${fmt(s.report.cells[cell]?.value)} → ${fmt(top.report.cells[cell]?.value)}`
        : `${verb}：${top.label}`,
    );
  };
  // The cell last worked on, after the focus left the tables (跳到表格 goes back to it).
  const lastCell = useRef<CellId | null>(null);
  // The printed columns ↑ / ↓ keep (through a merged cell, back into a table just left: nav's
  // keptAfter), for the cell they reached.
  const keptColumn = useRef<{ cell: CellId; kept: KeptColumns } | null>(null);
  const handlers = useRef<GridHandlers>(null as unknown as GridHandlers);
  handlers.current = {
    commit: (cell, value, unit) => dispatch({ type: 'cell', cell, value, ...(unit ? { unit } : {}) }),
    nav: (cell, key, shift) => {
      // Read-only, Tab leaves the table (the browser's own order): nothing to fill cell by cell.
      if (readOnly && key === 'Tab') return false;
      // Tab from a computed total (reached by the arrows) goes to its controls in the cell bar first
      // (改用计算值…, 手动改写合计…): a keyboard reaches them; Tab from their last goes on to the next cell.
      if (key === 'Tab' && !shift && nav.derived.has(cell) && focusCellBar()) return true;
      // ↑ / ↓ keep the printed column through a merged cell of 表二 (现行有效件数 ↓ 行政许可 ↑ 现行有效件数).
      const kept = keptColumn.current?.cell === cell ? keptColumn.current.kept : undefined;
      const next = moveCell(nav, cell, key, shift, kept);
      if (next === undefined && key === 'Tab') return false;
      const after = next === undefined ? undefined : keptAfter(nav, cell, next, key, kept);
      keptColumn.current = next !== undefined && after ? { cell: next, kept: after } : null;
      const el = next ? inputs.current.get(next) : undefined;
      if (el) {
        el.focus();
        revealCell(el);
      }
      return true;
    },
    paste: (cell, text) => {
      if (readOnly) return;
      setMessage(null);
      dispatch({ type: 'paste', nav, start: cell, text });
    },
    focus: (cell) => {
      // A cell reached otherwise than by ↑ / ↓ (a click, Tab, a finding): its own column from now on.
      if (keptColumn.current?.cell !== cell) keptColumn.current = null;
      setFocused(cell);
      lastCell.current = cell;
      // Moving on clears an old message, not the one the cell just left gave (its text was not taken).
      if (keepOnFocus.current) keepOnFocus.current = false;
      else if (Date.now() - rejectedAt.current > 500) setMessage(null);
    },
    reject: (_cell, msg) => {
      if (msg === null) return setMessage(null);
      rejectedAt.current = Date.now();
      setMessage(msg);
    },
    locked: () => {
      rejectedAt.current = Date.now();
      setMessage(lockedReason);
    },
    editing: (cell, on) => {
      const c = editingRef.current;
      editingRef.current = on ? cell : c === cell ? null : c;
      setEditingCell(editingRef.current);
    },
    undo: () => undoRedo('undo'),
    redo: () => undoRedo('redo'),
    register: (cell, el) => {
      if (el) inputs.current.set(cell, el);
      else inputs.current.delete(cell);
    },
  };

  const onInfoChanged = useRef(props.onInfoChanged);
  onInfoChanged.current = props.onInfoChanged;

  // ---- saving -------------------------------------------------------------------------------
  // One save at a time. A save asked for while one runs waits for it, then saves whatever is still
  // unsaved: save() resolves true only once the server holds the content on screen (submit and
  // downloads go on only then). A network failure is retried by itself (backoff, and when the
  // browser is back online); the edits meanwhile stay in this browser's local copy.
  const inflight = useRef<Promise<boolean> | null>(null);
  // Who saved a version (the conflict dialog says it: the user themself elsewhere, or who).
  const myId = props.me?.id;
  const whoSaved = useCallback(
    async (version: number): Promise<Omit<ConflictInfo, 'theirs' | 'theirsVersion'>> => {
      const hist = await client.reports.history.query({ id }).catch(() => null);
      const v = hist?.versions.find((x) => x.version === version);
      if (!v) return { theirsAuthor: '' };
      return {
        theirsAuthor: v.author,
        theirsAt: v.createdAt,
        ...(myId ? { theirsMine: v.authorId === myId } : {}),
      };
    },
    [client, id, myId],
  );
  const retry = useRef<{ timer?: ReturnType<typeof setTimeout>; attempt: number }>({ attempt: 0 });
  const saveRef = useRef<(why: 'auto' | 'manual' | 'before') => Promise<boolean>>(async () => true);
  const saveOnce = useCallback(
    async (s: typeof state, why: 'auto' | 'manual' | 'before'): Promise<boolean> => {
      clearTimeout(retry.current.timer);
      setSaveState({ kind: 'saving' });
      const rev = s.revision;
      const content = s.report;
      const notes = s.overrides.map(overrideNote);
      const own = why === 'manual' ? versionNoteRef.current.trim() : '';
      const note = (
        own
          ? [own, ...notes].join('；')
          : notes.length
            ? notes.join('；')
            : why === 'auto'
              ? '自动保存'
              : repairsAt.current === s.savedVersion && !isDirty(s)
                ? '保存读取时修正的内容'
                : '保存'
      ).slice(0, 500);
      try {
        const res = await client.reports.save.mutate({
          id,
          expectedVersion: s.savedVersion,
          report: content,
          note,
        });
        const saved = {
          type: 'saved',
          version: res.version,
          report: content,
          revision: rev,
          sent: s.overrides,
        } as const;
        // What the next save (already waiting, perhaps) starts from: not the last render's state.
        stateRef.current = editorReducer(stateRef.current, saved);
        dispatch(saved);
        retry.current.attempt = 0;
        // the note went with this version: the field empties (unless it was changed meanwhile)
        if (own) {
          if (versionNoteRef.current.trim() === own) versionNoteRef.current = '';
          setVersionNote((cur) => (cur.trim() === own ? '' : cur));
        }
        // Nothing stored: not said as a new version. Whoever stored it may have moved the report on
        // too (handed in from another tab): the report is read again and a new status said.
        setSaveState(
          res.unchanged ? { kind: 'unchanged', version: res.version } : { kind: 'saved', at: res.savedAt },
        );
        noteWarnings(res.warnings);
        void queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() });
        return true;
      } catch (e) {
        if (appCode(e) === 'VERSION_CONFLICT') {
          const latest = await client.reports.get.query({ id }).catch(() => null);
          if (latest) {
            const who = await whoSaved(latest.version);
            setConflict({ theirs: latest.report, theirsVersion: latest.version, ...who });
            setSaveState({ kind: 'conflict' });
          } else {
            // The newer version could not be fetched now: the save is tried again, and conflicts then.
            setSaveState({ kind: 'error', message: SAVE_OFFLINE });
            retry.current.timer = setTimeout(() => void saveRef.current('auto'), RETRY_DELAYS[1]);
          }
        } else if (isSessionLost(e)) {
          // Logged out elsewhere, or the session expired: no retry can succeed; say it and offer a login.
          setSaveState({ kind: 'session' });
          setLoginOpen(true);
        } else if (transient(e)) {
          setSaveState({ kind: 'error', message: SAVE_OFFLINE });
          const delay = RETRY_DELAYS[Math.min(retry.current.attempt, RETRY_DELAYS.length - 1)]!;
          retry.current.attempt++;
          retry.current.timer = setTimeout(() => void saveRef.current('auto'), delay);
        } else {
          setSaveState({ kind: 'error', message: errorMessage(e) });
          if (appCode(e) === 'REPORT_LOCKED' || appCode(e) === 'REPORT_PUBLISHED') onInfoChanged.current();
        }
        return false;
      }
    },
    [client, id, queryClient, trpc, whoSaved, noteWarnings],
  );
  const save = useCallback(
    async (why: 'auto' | 'pause' | 'manual' | 'before'): Promise<boolean> => {
      for (let turn = 0; ; ) {
        const running = inflight.current;
        if (running) {
          await running;
          continue;
        }
        // An autosave never sends a number still being typed (「1」 of 「1e3」, caught by a save that
        // ended or a timer set before): it waits until the cell is left, which schedules it again —
        // or, for 'pause', until typing has stopped for a while (its first turn only). Ctrl+S,
        // submit and downloads save what is shown.
        if ((editingRef.current || composingRef.current) && (why === 'auto' || (why === 'pause' && turn > 0)))
          return true;
        if (why === 'auto' || why === 'pause') {
          if (conflictLater.current) return false;
        } else conflictLater.current = false;
        turn++;
        const s = stateRef.current;
        // a manual 保存 with a 版本说明 keeps a version even when nothing changed since the autosave
        const noted =
          why === 'manual' && (versionNoteRef.current.trim() !== '' || repairsAt.current === s.savedVersion);
        if ((!isDirty(s) && !noted) || readOnly || correcting) return true;
        const p: Promise<boolean> = saveOnce(s, why === 'pause' ? 'auto' : why).finally(() => {
          if (inflight.current === p) inflight.current = null;
        });
        inflight.current = p;
        if (!(await p)) return false;
        // Edits made while it ran: saved by the next turn of the loop.
      }
    },
    [readOnly, correcting, saveOnce],
  );
  saveRef.current = save;

  // Autosave a draft a moment after the last change (state.revision restarts the timer). While a
  // cell is being typed into, only a pause of 4 s saves (a number half typed is not saved on a
  // short one); leaving the cell saves a moment later.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the revision is the trigger
  useEffect(() => {
    if (!dirty || readOnly || conflict || correcting || sessionLost || composingSection) return;
    const t = setTimeout(
      () => void save(editingCell ? 'pause' : 'auto'),
      editingCell ? AUTOSAVE_DELAY.typing : AUTOSAVE_DELAY.idle,
    );
    return () => clearTimeout(t);
  }, [
    dirty,
    readOnly,
    conflict,
    correcting,
    sessionLost,
    editingCell,
    composingSection,
    save,
    state.revision,
  ]);

  // The server answers again (the report's refetch went through after failing): save what waits now,
  // not at the next retry (up to 30 s away). Logged in again elsewhere (another tab): the same.
  const lastConnection = useRef(connection);
  useEffect(() => {
    const was = lastConnection.current;
    lastConnection.current = connection;
    if (connection !== 'ok' || was === 'ok') return;
    if (was === 'session') setLoginOpen(false);
    setSaveState((st) => (st.kind === 'session' ? { kind: 'idle' } : st));
    if (isDirty(stateRef.current) && !readOnly && !conflict && !correcting) void saveRef.current('auto');
  }, [connection, readOnly, conflict, correcting]);
  // The report's refetch found the session ended: say so at once, before any save is refused.
  useEffect(() => {
    if (connection === 'session') setLoginOpen(true);
  }, [connection]);

  // Back online: save what waits now, not at the next retry.
  useEffect(() => {
    if (readOnly || conflict || correcting) return;
    const online = () => {
      if (isDirty(stateRef.current)) void saveRef.current('auto');
    };
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [readOnly, conflict, correcting]);
  useEffect(() => () => clearTimeout(retry.current.timer), []);

  // Leaving the form (a link, Back) with edits not yet saved: keep the local copy and save now, as
  // the autosave would have a moment later — the edit is neither lost nor left stranded.
  const leaving = useRef({ save, canSave: false });
  leaving.current = { save, canSave: !readOnly && !conflict && !correcting };
  useEffect(
    () => () => {
      if (!isDirty(stateRef.current)) return;
      writeBackup(id, stateRef.current);
      if (leaving.current.canSave) void leaving.current.save('auto');
    },
    [id],
  );

  // And a link of the app, Back or Forward: the content is autosaved on the way out, the 版本说明 is
  // not (it belongs to the next 保存), so with one typed the route change asks first.
  const noteTyped = versionNote.trim() !== '';
  const releaseNote = useRef<() => void>(() => {});
  useEffect(() => {
    if (!noteTyped) return;
    const release = blockNavigation(NOTE_NOT_SAVED);
    releaseNote.current = release;
    return () => {
      release();
      releaseNote.current = () => {};
    };
  }, [noteTyped]);

  useEffect(() => {
    // (a 版本说明 typed is not saved until 保存, even when the autosave has saved the content)
    const warn = (e: BeforeUnloadEvent) => {
      if (isDirty(stateRef.current) || versionNoteRef.current.trim() !== '') e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  // F8 / Shift+F8: to the next / previous problem in 检查结果 (from the grid, after a fix); on a
  // phone the list is a sheet: opened first.
  const focusFindingsRef = useRef<(dir: 1 | -1) => void>(() => {});
  focusFindingsRef.current = (dir) => {
    const go = () => {
      const list = [...document.querySelectorAll<HTMLElement>('#findings-panel button.finding')];
      if (!list.length) return document.getElementById('findings-heading')?.focus();
      const i = list.indexOf(document.activeElement as HTMLElement);
      const next =
        i < 0 ? (dir > 0 ? list[0]! : list[list.length - 1]!) : list[(i + dir + list.length) % list.length]!;
      next.focus();
      next.scrollIntoView?.({ block: 'nearest' });
    };
    const panel = document.getElementById('findings-panel');
    if (panel && panel.offsetParent === null && window.matchMedia?.('(max-width: 700px)').matches) {
      setFindingsOpen(true);
      setTimeout(go, 0);
    } else go();
  };
  /** 跳到表格: the cell last worked on (or the first), on the 表格 tab. */
  const toTables = () => {
    const target = lastCell.current ?? nav.order.find((c) => !nav.derived.has(c));
    if (target) focusCell(target);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F8' && !e.ctrlKey && !e.metaKey && !e.altKey) {
        if (document.querySelector('[role=dialog][aria-modal=true]:not(#findings-panel)')) return;
        e.preventDefault();
        focusFindingsRef.current(e.shiftKey ? -1 : 1);
        return;
      }
      if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'S')) {
        e.preventDefault();
        // A dialog that asks first (保存冲突, the login) decides what is saved: not a key behind it.
        if (document.querySelector('[role=dialog][aria-modal=true]')) return;
        void save('manual');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  const resolveConflict = async (merged: Report) => {
    if (!conflict) return;
    dispatch({
      type: 'reset',
      report: merged,
      version: conflict.theirsVersion,
      dirty: true,
      base: conflict.theirs,
    });
    setConflict(null);
    setRestoreCtx(null);
    setSaveState({ kind: 'idle' });
    setTimeout(() => void save('manual'), 0);
  };

  // Keep a local copy of unsaved edits at once, on every edit (a tab closed a moment after typing,
  // a crash, keeps it: about a millisecond); drop it once saved.
  const backupRef = useRef(backup);
  backupRef.current = backup;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the revision is the trigger
  useEffect(() => {
    // While an earlier copy waits for the user's decision, it is not overwritten.
    if (backup) return;
    writeBackup(id, stateRef.current);
  }, [id, state.revision, state.savedRevision, backup]);
  // And as the page goes away or out of sight (closed, reloaded, the phone switching apps): the
  // copy holds what is on screen even if the last change has not been committed yet.
  useEffect(() => {
    const flush = () => {
      if (!backupRef.current && isDirty(stateRef.current)) writeBackup(id, stateRef.current);
    };
    const hidden = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
      document.removeEventListener('visibilitychange', hidden);
    };
  }, [id]);

  const restoreBackup = async () => {
    if (!backup) return;
    const { saved, savedVersion } = state;
    if (backup.baseVersion === savedVersion) {
      dispatch({
        type: 'reset',
        report: backup.report,
        version: savedVersion,
        dirty: true,
        base: saved,
        undoLabel: '恢复本机副本',
      });
      setBackup(null);
      return;
    }
    // Edits kept on an older version: merged side by side with the version on the server, saying who saved it.
    const who = await whoSaved(savedVersion);
    setRestoreCtx({ base: backup.base, baseVersion: backup.baseVersion, mine: backup.report });
    setConflict({ theirs: saved, theirsVersion: savedVersion, ...who });
    setBackup(null);
  };

  // ---- correction of a published report ----------------------------------------------------
  const [reason, setReason] = useState('');
  const [correctBusy, setCorrectBusy] = useState(false);
  const [correctError, setCorrectError] = useState<string | null>(null);
  const startCorrection = () => {
    setCorrectError(null);
    setCorrecting(true);
  };
  const cancelCorrection = () => {
    dispatch({ type: 'reset', report: state.saved, version: state.savedVersion });
    setCorrecting(false);
    setReason('');
    setCorrectError(null);
  };
  const submitCorrection = async () => {
    const s = stateRef.current;
    if (reason.trim().length < 2) return setCorrectError('请填写更正说明：更正了哪些内容，为什么更正');
    // A correction is published at once, on the public 更正公告: asked first when it still has errors,
    // as 提交审核 and 审核通过 ask.
    // (a late publication is said apart: no correction can undo the date)
    const question = correctionQuestion(findings);
    if (question && !window.confirm(question)) return;
    setCorrectBusy(true);
    setCorrectError(null);
    try {
      const res = await client.reports.correct.mutate({
        id,
        expectedVersion: s.savedVersion,
        report: s.report,
        reason: reason.trim(),
      });
      dispatch({
        type: 'saved',
        version: res.version,
        report: s.report,
        revision: s.revision,
        sent: s.overrides,
      });
      setSaveState({ kind: 'saved', at: res.savedAt });
      noteWarnings(res.warnings);
      setCorrecting(false);
      setReason('');
      props.onInfoChanged();
    } catch (e) {
      setCorrectError(
        appCode(e) === 'VERSION_CONFLICT'
          ? '报告已被他人更正或修改：请放弃本次更正，刷新后重新更正'
          : `提交更正失败：${errorMessage(e)}`,
      );
    } finally {
      setCorrectBusy(false);
    }
  };

  /**
   * An older version's content back in the form (历史版本 · 恢复此版本): an edit like any other, saved
   * as a new version; the content it replaces stays the version it was.
   */
  const restoreVersion = async (version: number) => {
    // What is on screen stays a version of its own (as 恢复此版本 says): edits not yet saved are saved first.
    if (!(await save('before'))) {
      setMessage(`现在的修改尚未保存，未恢复第 ${version} 版：请先处理保存问题，再恢复`);
      return;
    }
    try {
      const old = await client.reports.get.query({ id, version });
      dispatch({
        type: 'reset',
        report: old.report,
        version: stateRef.current.savedVersion,
        dirty: true,
        undoLabel: `恢复第 ${version} 版`,
      });
      setRestoredRepairs(old.readRepairs?.length ? { version, list: old.readRepairs } : null);
      // said, and focus back in the tables (the button pressed is gone with 历史版本): the cell last
      // worked on keeps the message as it takes the focus
      setMessage(`已恢复第 ${version} 版的内容，保存后成为新的一版`);
      keepOnFocus.current = true;
      toTables();
    } catch (e) {
      setMessage(`恢复失败：${errorMessage(e)}`);
    }
  };

  /** Focus to a control once it is on screen (a question's button, the button that asked it). */
  const focusSoon = (wf: string) =>
    setTimeout(() => document.querySelector<HTMLElement>(`[data-wf="${wf}"]`)?.focus(), 0);
  const cancelDelete = () => {
    setConfirmDelete(false);
    focusSoon('ask-delete');
  };
  /** A draft never handed in (created for the wrong year, the wrong file imported): gone with its versions. */
  const removeDraft = async () => {
    setConfirmDelete(false);
    try {
      await client.reports.delete.mutate({ id, expectedVersion: stateRef.current.savedVersion });
      clearBackup(id);
      void queryClient.invalidateQueries();
      // the draft is gone, and the 版本说明 of its next save with it: nothing to ask
      releaseNote.current();
      navigate(href.home());
    } catch (e) {
      setMessage(`删除失败：${errorMessage(e)}`);
    }
  };

  const download = async (format: DownloadFormat) => {
    setMessage(null);
    if (!(await save('before'))) return;
    if (format === 'findings') {
      // the server's list of what its check found (GET /export/findings), as saved just now
      try {
        await downloadFrom(
          `/export/findings?${new URLSearchParams({ reportId: id, format: 'xlsx' })}`,
          `${info.agencyName}-${info.year}-问题清单.xlsx`,
        );
      } catch (e) {
        setMessage(`下载问题清单失败：${errorMessage(e)}`);
      }
      return;
    }
    try {
      const out = await client.export.report.query({ id, format });
      downloadFile(
        out.fileName,
        out.mime,
        out.encoding === 'base64' ? base64ToBytes(out.content) : out.content,
      );
      // The file writes the numbers as they are: one sent for signature or put on the website with an
      // error in it must not go unnoticed (the CLI's render says the same).
      const errors = keyed.filter((f) => {
        const t = triage?.get(f.key);
        return severityOf(f) === 'error' && !(t?.decision === 'dismissed' && t.state === 'active');
      });
      if (errors.length)
        setMessage(
          `已下载 ${out.fileName}。注意：本报告还有 ${errors.length} 个错误（${errors[0]!.ruleId}：${errors[0]!.message}${errors.length > 1 ? ' 等' : ''}），文件中照样写出了这些数字；对外公开或报送前请先改正。`,
        );
    } catch (e) {
      setMessage(`下载失败：${errorMessage(e)}`);
    }
  };

  /** 转到: the place a read repair names (a cell, a section's text, the 前言). */
  const goToRepair = (place: NonNullable<RepairPlace>) => {
    if ('cell' in place) return void focusCell(place.cell as CellId);
    setTab('sections');
    requestAnimationFrame(() => {
      const el =
        'section' in place
          ? sectionEls.current.get(place.section as SectionKey)
          : document.querySelector<HTMLTextAreaElement>('textarea[name="preamble"]');
      el?.focus();
      el?.scrollIntoView?.({ block: 'center' });
    });
  };
  const repairsAdvice = info.permissions.save
    ? `表格和正文显示的是修正后的内容，服务器上的第 ${info.version} 版仍是原样：要保留修正后的内容，请点“保存”（存为新的一版）；或先点“转到”，改正所指的地方后再保存。`
    : canCorrect
      ? `表格和正文显示的是修正后的内容，服务器上的第 ${info.version} 版仍是原样：要保留修正后的内容，请点“更正”，核对所指的地方后提交更正（成为新的已发布版本）。`
      : `表格、正文和下载的文件按修正后的内容显示，服务器上的第 ${info.version} 版仍是原样：如需保留修正后的内容，请告知填报人保存一次（或由有权更正的人更正）。`;

  const onFocusFinding = (f: Finding) => {
    if (f.cells.length) focusCell(f.cells[0]!);
    else if (f.section) {
      setTab('sections');
      requestAnimationFrame(() => {
        const el = sectionEls.current.get(f.section!);
        el?.focus();
        el?.scrollIntoView({ block: 'center' });
      });
    }
  };

  const importDiag = props.importDiag;
  const cellClass = useMemo(
    () => (importDiag ? (c: CellId) => provenanceClass(importDiag, c) : undefined),
    [importDiag],
  );
  const focusedDef = focused ? cellDef(report.meta.edition, focused) : undefined;
  const focusedConflict = focused ? conflicts.find((c) => c.cell === focused) : undefined;
  // off with nothing to save — unless the form shows a version as repaired on reading (保存 keeps it)
  const saveOff =
    (!dirty && versionNote.trim() === '' && repairsAt.current !== state.savedVersion) ||
    saveState.kind === 'saving';
  const saveText = sessionLost
    ? dirty
      ? SESSION_LOST
      : '登录已失效'
    : saveState.kind === 'saving'
      ? '正在保存…'
      : saveState.kind === 'error'
        ? saveState.message === SAVE_OFFLINE
          ? SAVE_OFFLINE
          : `保存失败：${saveState.message}`
        : saveState.kind === 'conflict'
          ? '保存冲突，请处理'
          : connection === 'offline'
            ? dirty
              ? SAVE_OFFLINE
              : OFFLINE
            : dirty
              ? correcting
                ? '更正尚未提交'
                : '有未保存的修改'
              : saveState.kind === 'unchanged' && saveState.version === state.savedVersion
                ? `内容与第 ${state.savedVersion} 版相同，未新建版本`
                : saveState.kind === 'saved' || state.revision !== state.savedRevision // edits that cancelled out
                  ? `已保存（第 ${state.savedVersion} 版）`
                  : `第 ${state.savedVersion} 版`;

  return (
    <div className={`editor tab-${tab}`} style={{ ['--bar-h' as string]: `${barH}px` }}>
      <div className="editor-bar" ref={barRef}>
        <nav className="skip-links no-print" aria-label="跳转">
          <button type="button" className="link small" onClick={() => focusFindingsRef.current(1)}>
            跳到检查结果（F8）
          </button>
          <button type="button" className="link small" onClick={toTables}>
            跳到表格
          </button>
          <KeysHelp />
        </nav>
        <div className="title-line">
          <h1>
            {info.agencyName} {info.year} 年政府信息公开工作年度报告
          </h1>
          <span className={`status st-${info.status}`}>{info.statusLabel}</span>
          <span className="muted small">
            {edition.formatTitle}（{edition.documentNo}）
          </span>
          <span className="spacer" />
          <span
            className={`save-state no-print ${sessionLost || connection === 'offline' ? 'error' : saveState.kind} ${dirty ? 'dirty' : ''}`}
            role="status"
            data-testid="save-state"
          >
            {saveText}
          </span>
          {sessionLost && !loginOpen && (
            <button type="button" className="small primary no-print" onClick={() => setLoginOpen(true)}>
              重新登录
            </button>
          )}
        </div>
        {saveWarnings.list.length > 0 && saveWarnings.hidden !== saveWarnings.list.join('\n') && (
          <div className="notice warn no-print save-warnings" role="status" data-testid="save-warnings">
            <span>已保存，但服务器未按原样保留：</span>
            <ul>
              {saveWarnings.list.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
            <button
              type="button"
              className="small"
              onClick={() => setSaveWarnings((cur) => ({ ...cur, hidden: cur.list.join('\n') }))}
            >
              知道了
            </button>
          </div>
        )}
        {statusMoved && (
          <div className="notice warn no-print status-moved" role="status" data-testid="status-moved">
            <span>
              报告状态已变为“{info.statusLabel}”（在其他标签页或由他人操作）
              {statusAdvice ? `：${statusAdvice}` : '。'}
            </span>
            <button type="button" className="small" onClick={() => setStatusMoved(false)}>
              知道了
            </button>
          </div>
        )}
        {repairsOnScreen && (
          <ReadRepairs
            repairs={readRepairs}
            heading={`第 ${info.version} 版由早先版本的程序保存，其中有现行规则不允许的内容，打开时已作如下修正：`}
            advice={repairsAdvice}
            onGo={goToRepair}
            onHide={() => setRepairsHidden(info.version)}
          />
        )}
        {restoredRepairs && (
          <ReadRepairs
            testId="restored-repairs"
            repairs={restoredRepairs.list}
            heading={`恢复的第 ${restoredRepairs.version} 版由早先版本的程序保存，读取时已作如下修正，恢复到表格和正文的是修正后的内容：`}
            advice={
              readOnly ? undefined : '保存后按修正后的内容存为新的一版；如需改动，先点“转到”改正所指的地方。'
            }
            onGo={goToRepair}
            onHide={() => setRestoredRepairs(null)}
          />
        )}
        <div className="bar-row no-print">
          <div className="tabs" role="tablist" aria-label="报告内容">
            {(
              [
                ['tables', '表格'],
                ['sections', '正文'],
                ['preview', '预览'],
                ['history', '历史版本'],
                ...(props.importDiag ? [['import', '导入来源']] : []),
              ] as [Tab, string][]
            ).map(([k, label], i, all) => (
              <button
                key={k}
                type="button"
                role="tab"
                id={`tab-${k}`}
                aria-selected={tab === k}
                aria-controls="editor-tabpanel"
                // one Tab stop for the tabs; the arrows move between them (the tab pattern)
                tabIndex={tab === k ? 0 : -1}
                className={tab === k ? 'tab on' : 'tab'}
                onClick={() => setTab(k)}
                onKeyDown={(e) => {
                  const j =
                    e.key === 'ArrowRight'
                      ? (i + 1) % all.length
                      : e.key === 'ArrowLeft'
                        ? (i - 1 + all.length) % all.length
                        : e.key === 'Home'
                          ? 0
                          : e.key === 'End'
                            ? all.length - 1
                            : -1;
                  if (j < 0) return;
                  e.preventDefault();
                  setTab(all[j]![0]);
                  document.getElementById(`tab-${all[j]![0]}`)?.focus();
                }}
              >
                {label}
              </button>
            ))}
          </div>
          <span className="spacer" />
          {!readOnly && (
            <>
              {!correcting && (
                <>
                  <input
                    type="text"
                    name="version-note"
                    className="version-note small"
                    aria-label="版本说明"
                    placeholder="版本说明（可选）"
                    title="下次点“保存”时记入历史版本的说明；自动保存仍记为“自动保存”"
                    maxLength={200}
                    value={versionNote}
                    onChange={(e) => setVersionNote(e.target.value)}
                    onKeyDown={(e) => {
                      // the Enter that commits a pinyin candidate is the input method's, not 保存
                      if (e.key === 'Enter' && !isComposingKey(e)) {
                        e.preventDefault();
                        void save('manual');
                      }
                    }}
                  />
                  <button
                    type="button"
                    className="small"
                    // aria-disabled, not disabled: a button that turns off as it is pressed keeps the
                    // focus (a disabled one drops it to the page) and is still found by Tab
                    onClick={() => {
                      if (!saveOff) void save('manual');
                    }}
                    aria-disabled={saveOff || undefined}
                    title={
                      versionNote.trim()
                        ? '保存为新版本，并记下版本说明（Ctrl+S）'
                        : repairsAt.current === state.savedVersion && !dirty
                          ? '按读取时修正的内容保存为新版本（Ctrl+S）'
                          : 'Ctrl+S'
                    }
                  >
                    保存
                  </button>
                </>
              )}
              <button
                type="button"
                className="small"
                onClick={() => {
                  if (state.undo.length) undoRedo('undo');
                }}
                aria-disabled={!state.undo.length || undefined}
                aria-keyshortcuts="Control+Z"
                title="Ctrl+Z"
              >
                撤销
              </button>
              <button
                type="button"
                className="small"
                onClick={() => {
                  if (state.redo.length) undoRedo('redo');
                }}
                aria-disabled={!state.redo.length || undefined}
                aria-keyshortcuts="Control+Y"
                title="Ctrl+Y"
              >
                重做
              </button>
              <span className="sep" />
            </>
          )}
          <DownloadMenu onDownload={(f) => void download(f)} />
          {(info.status === 'published' ||
            info.permissions.submit ||
            info.permissions.approve ||
            info.permissions.return ||
            info.permissions.publish) && <span className="sep" />}
          <Workflow
            info={info}
            dirty={dirty}
            findings={findings}
            shownVersion={state.savedVersion}
            versionNow={() => stateRef.current.savedVersion}
            blankCells={blankCells}
            save={() => save('before')}
            onChanged={() => {
              ownStepAt.current = Date.now();
              props.onInfoChanged();
            }}
            next={props.next ?? null}
            onOpenHistory={() => setTab('history')}
            printedPublishedOn={report.meta.publishedOn}
            {...(props.config ? { config: props.config } : {})}
          />
          {canCorrect && !correcting && (
            <button type="button" onClick={startCorrection} data-testid="start-correction">
              更正…
            </button>
          )}
          {info.permissions.delete &&
            (confirmDelete ? (
              <>
                <span className="warn-text" role="alert">
                  删除这份草稿及其全部版本？删除后不可恢复。
                </span>
                <button
                  type="button"
                  className="danger"
                  data-wf="confirm-delete"
                  onClick={() => void removeDraft()}
                  onKeyDown={(e) => {
                    if (e.key === 'Escape') cancelDelete();
                  }}
                >
                  确认删除
                </button>
                <button
                  type="button"
                  onClick={cancelDelete}
                  onKeyDown={(e) => {
                    if (e.key === 'Escape') cancelDelete();
                  }}
                >
                  取消
                </button>
              </>
            ) : (
              <button
                type="button"
                onClick={() => {
                  setConfirmDelete(true);
                  focusSoon('confirm-delete');
                }}
                data-testid="delete-draft"
                data-wf="ask-delete"
              >
                删除草稿…
              </button>
            ))}
        </div>
      </div>
      {correcting && (
        <section className="notice correction-panel no-print" aria-label="更正已发布的报告">
          <p>
            <b>更正已发布的报告：</b>
            直接修改表格和正文，然后写明更正说明并提交。更正作为第 {state.savedVersion + 1}{' '}
            版发布，原版本保留，更正说明记入公开的更正记录。
          </p>
          {lateNote(findings) && (
            <p className="muted small" data-testid="correction-late">
              {lateNote(findings)}
            </p>
          )}
          <label>
            更正说明（必填）
            <textarea
              name="correction-reason"
              rows={2}
              value={reason}
              placeholder="更正了哪些内容，为什么更正"
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          <div className="row gap">
            <button
              type="button"
              className="primary"
              disabled={!dirty || reason.trim().length < 2 || correctBusy}
              title={!dirty ? '尚未修改任何内容' : undefined}
              onClick={() => void submitCorrection()}
            >
              提交更正
            </button>
            <button type="button" disabled={correctBusy} onClick={cancelCorrection}>
              放弃更正
            </button>
            {!dirty ? (
              <span className="muted small">尚未修改任何内容</span>
            ) : (
              reason.trim().length < 2 && (
                <span className="muted small" data-testid="reason-hint">
                  请填写更正说明（至少 2 个字）
                </span>
              )
            )}
          </div>
          {correctError && (
            <p className="error-text" role="alert">
              {correctError}
            </p>
          )}
        </section>
      )}
      {backup && (
        <div className="notice warn no-print" role="alert" data-testid="backup-notice">
          本机保存有 {new Date(backup.at).toLocaleString('zh-CN', { hour12: false })}{' '}
          未能保存到服务器的修改（基于第 {backup.baseVersion} 版）。
          {readOnly && canCorrect ? (
            <button
              type="button"
              className="small primary"
              onClick={() => {
                setCorrecting(true);
                void restoreBackup();
              }}
            >
              在更正中恢复这些修改
            </button>
          ) : readOnly ? (
            '报告当前不可编辑，无法恢复。'
          ) : (
            <button type="button" className="small primary" onClick={() => void restoreBackup()}>
              恢复这些修改
            </button>
          )}
          <button
            type="button"
            className="small"
            onClick={() => {
              clearBackup(id);
              setBackup(null);
            }}
          >
            丢弃
          </button>
        </div>
      )}
      {message && (
        <div className="notice warn toast no-print" role="alert">
          {message}
        </div>
      )}
      <div className="editor-body">
        <main
          className="editor-main"
          onBlur={(e) => {
            // The focus gone elsewhere in the page (Tab past the last cell, the panel): the cell bar no
            // longer names a cell the user has left. (No new focus — a window left, a control gone — keeps it.)
            // The phone's findings bar names a finding of that cell: tapping it keeps the cell.
            const to = e.relatedTarget as HTMLElement | null;
            if (to && !e.currentTarget.contains(to) && !to.closest?.('.findings-bar')) setFocused(null);
          }}
          onKeyDown={(e) => {
            // F2 on a computed total: to its controls in the cell bar (it cannot be typed into).
            const t = e.target as HTMLElement;
            const cell = t.dataset?.cell as CellId | undefined;
            if (e.key === 'F2' && cell && nav.derived.has(cell) && !readOnly && focusCellBar())
              e.preventDefault();
          }}
        >
          <div role="tabpanel" id="editor-tabpanel" aria-labelledby={`tab-${tab}`}>
            {tab === 'tables' && (
              <>
                {/* biome-ignore lint/a11y/useSemanticElements: a bar of chips and buttons, not a form's fieldset (its layout) */}
                <div
                  className="cell-bar no-print"
                  role="group"
                  aria-label="当前单元格"
                  ref={cellBarRef}
                  onKeyDown={(e) => {
                    if (!focused || e.target === e.currentTarget) return;
                    const controls = barControls();
                    const inForm = (e.target as HTMLElement).closest('.override-form');
                    if (e.key === 'Escape' && !inForm) {
                      e.preventDefault();
                      toCell(focused);
                    } else if (e.key === 'Tab' && !e.shiftKey && e.target === controls[controls.length - 1]) {
                      // past the bar's last control: on to the next cell, as Tab from the total would have gone
                      const next = moveCell(nav, focused, 'Tab');
                      if (next && toCell(next)) e.preventDefault();
                    } else if (e.key === 'Tab' && e.shiftKey && e.target === controls[0]) {
                      if (toCell(focused)) e.preventDefault();
                    }
                  }}
                >
                  {focusedDef ? (
                    <>
                      <b title={focused!} data-testid="cell-bar-label">
                        {cellLabels(report.meta.edition).get(focused!) ?? focusedDef.label}
                      </b>
                      {focusedDef.derived &&
                        (focusedConflict ? (
                          <span className="chip warn" data-testid="printed-total-chip">
                            印制的总计与各项之和不符
                          </span>
                        ) : (
                          <span className="chip">自动计算（只读）</span>
                        ))}
                      {focusedDef.valueType === 'signedCount' && <span className="chip">可为负数</span>}
                      {focusedDef.valueType === 'money' && (
                        <span className="chip">金额{focusedDef.unit ? `（${focusedDef.unit}）` : ''}</span>
                      )}
                      {focusedDef.valueType === 'money' && !focusedDef.unit && (
                        // The 2019 format prints no unit for 采购总金额: the report must say which.
                        <label className="small">
                          单位{' '}
                          <select
                            name="money-unit"
                            value={report.cells[focused!]?.unit ?? 'unknown'}
                            disabled={readOnly}
                            onChange={(e) =>
                              dispatch({
                                type: 'unit',
                                cell: focused!,
                                unit: e.target.value as '元' | '万元' | 'unknown',
                              })
                            }
                          >
                            <option value="元">元</option>
                            <option value="万元">万元</option>
                            <option value="unknown">未注明</option>
                          </select>
                        </label>
                      )}
                      {focusedConflict && (
                        <span className="conflict-note">
                          报告印制的总计为 {focusedConflict.printed}，各项之和为 {focusedConflict.computed}
                          （保留印制值，未自动计算）
                        </span>
                      )}
                      {focusedDef.derived && !readOnly && (
                        <span className="muted small keys-hint">
                          Tab 或 F2：到这里的按钮；Esc：回到单元格
                        </span>
                      )}
                      {focusedDef.derived && !readOnly && (
                        <OverrideForm
                          key={focused!}
                          onClose={() => toCell(focused)}
                          label={focusedDef.label}
                          current={report.cells[focused!]?.value ?? null}
                          conflict={focusedConflict ?? null}
                          valueType={focusedDef.valueType}
                          onApply={(value, reason) =>
                            dispatch({
                              type: 'override',
                              cell: focused!,
                              label: focusedDef.label,
                              value,
                              reason,
                            })
                          }
                        />
                      )}
                    </>
                  ) : (
                    <GridHint readOnly={readOnly} />
                  )}
                </div>
                {state.lastPaste && pasteText && (
                  <div className="notice paste-result no-print" role="status" data-testid="paste-result">
                    <div>
                      {pasteText.text}
                      {pasteUndoable(state) && (
                        <button type="button" className="small" onClick={() => undoRedo('undo')}>
                          撤销粘贴
                        </button>
                      )}
                      <button
                        type="button"
                        className="small"
                        onClick={() => dispatch({ type: 'dismissPaste' })}
                      >
                        关闭
                      </button>
                    </div>
                    {pasteText.warn && (
                      <p className="warn-text" data-testid="paste-unmatched">
                        {pasteText.warn}
                      </p>
                    )}
                    {(state.lastPaste.changes.length > 0 || state.lastPaste.errors.length > 0) && (
                      <details>
                        <summary>查看变化</summary>
                        <ul className="small">
                          {state.lastPaste.changes.map((c) => (
                            <li key={c.cell}>
                              {c.label}：{c.from ?? '空白'} → {c.to ?? '空白'}
                            </li>
                          ))}
                          {state.lastPaste.errors.map((e) => (
                            <li key={e} className="warn-text">
                              {e}
                            </li>
                          ))}
                        </ul>
                      </details>
                    )}
                  </div>
                )}
                {TABLE_KEYS.map((t) => {
                  const section = edition.sections.find((s) => s.table === t)!;
                  return (
                    <section key={t} className="table-section">
                      <h2>{section.title}</h2>
                      <div className="table-wrap">
                        <TableView
                          edition={report.meta.edition}
                          table={t}
                          report={report}
                          marks={marks}
                          highlighted={highlighted}
                          pasted={pasted}
                          focused={focused}
                          readOnly={readOnly}
                          handlers={handlers}
                          {...(cellClass ? { cellClass } : {})}
                        />
                      </div>
                    </section>
                  );
                })}
              </>
            )}
            {tab === 'sections' && (
              <Sections
                report={report}
                sentences={sentences}
                findings={findings}
                readOnly={readOnly}
                onLocked={() => setMessage(lockedReason)}
                onChange={(key, text) =>
                  dispatch({ type: 'section', key, text, composing: composingRef.current === key })
                }
                onComposing={(key) => {
                  composingRef.current = key;
                  setComposingSection(key);
                }}
                onPreamble={(text) => dispatch({ type: 'preamble', text })}
                register={(key, el) => {
                  if (el) sectionEls.current.set(key, el);
                  else sectionEls.current.delete(key);
                }}
              />
            )}
            {tab === 'preview' && <Preview report={report} />}
            {tab === 'history' && (
              <History
                id={id}
                currentVersion={state.savedVersion}
                unsaved={dirty}
                onRestore={readOnly ? undefined : (v) => void restoreVersion(v)}
              />
            )}
            {tab === 'import' && props.importDiag && (
              <ImportSources
                diag={props.importDiag}
                onFocusCell={focusCell}
                {...(props.importVersion
                  ? {
                      note:
                        props.importVersion === state.savedVersion
                          ? `当前第 ${props.importVersion} 版由导入生成。`
                          : `第 ${props.importVersion} 版由导入生成，以下为导入时的来源；此后的修改见“历史版本”。`,
                    }
                  : {})}
              />
            )}
          </div>
        </main>
        <FindingsPanel
          findings={keyed}
          {...(triage
            ? // decisions shown to whoever sees them; made only where the server allows (a 填报人's
              // report handed in is the reviewer's to decide: permissions.triageDecide false)
              { triage, ...(info.permissions.triageDecide !== false ? { onTriage } : {}) }
            : {})}
          fixes={fixes}
          edition={report.meta.edition}
          fixesPending={fixesPending}
          readOnly={readOnly}
          lastFix={fixUndoable(state) ? state.lastFix!.fix : null}
          onFocusFinding={onFocusFinding}
          onHover={setHover}
          onApplyFix={(fix) => dispatch({ type: 'fix', fix })}
          onUndo={() => undoRedo('undo')}
          sheet={{ open: findingsOpen, onClose: () => setFindingsOpen(false) }}
          {...(props.previousBasis ? { previousBasis: props.previousBasis } : {})}
        />
        <FindingsAnnouncer findings={keyed} triage={triage} />
        <div className="sr-only" role="status" data-testid="undo-said">
          {undoSaid}
        </div>
        <FindingsBar
          findings={keyed}
          triage={triage}
          focused={focused}
          open={findingsOpen}
          onOpen={() => setFindingsOpen(true)}
          onFocusFinding={onFocusFinding}
        />
      </div>
      {sessionLost && loginOpen && (
        <SessionDialog
          me={props.me}
          dirty={dirty}
          onLoggedIn={() => {
            setLoginOpen(false);
            setSaveState({ kind: 'idle' });
            // The report and everything read with the old session, read again; then what waits is saved.
            void queryClient.invalidateQueries();
            if (isDirty(stateRef.current)) void saveRef.current('manual');
          }}
          onLater={() => setLoginOpen(false)}
        />
      )}
      {conflict && (
        <ConflictDialog
          base={restoreCtx?.base ?? state.saved}
          baseVersion={restoreCtx?.baseVersion ?? state.savedVersion}
          mine={restoreCtx?.mine ?? state.report}
          info={conflict}
          onResolve={(m) => void resolveConflict(m)}
          onCancel={() => {
            // (a local copy's merge put off leaves the form's own edits, which have no conflict)
            if (!restoreCtx) conflictLater.current = true;
            setConflict(null);
            setRestoreCtx(null);
            setSaveState({ kind: 'error', message: '存在未合并的冲突，修改尚未保存' });
          }}
        />
      )}
    </div>
  );
}

/** What the user may do now, in a status the report reached while open (the status-moved notice). */
function statusMovedAdvice(info: ReportInfo, canCorrect: boolean | undefined): string {
  const p = info.permissions;
  switch (info.status) {
    case 'submitted':
      return p.approve || p.return
        ? '请审核：审核通过，或写明意见退回修改'
        : '表格和正文已不能修改；如需修改，请审核人退回';
    case 'approved':
      return p.publish
        ? '可以发布；如需修改，请退回'
        : p.return
          ? '等待发布；如需修改，请退回'
          : '等待发布，表格和正文已不能修改';
    case 'published':
      return canCorrect ? '已不能直接修改；如需修改，请点“更正…”' : '已不能修改';
    case 'returned':
      return p.save ? '可以按审核意见修改，改好后重新提交审核' : '等待填报人修改后重新提交';
    case 'draft':
      return p.save ? '可以继续修改' : '';
    default:
      return '';
  }
}

/** Change a computed total by hand, or take the computed value over a printed one: always with a reason. */
function OverrideForm(props: {
  label: string;
  current: number | null;
  conflict: { printed: number; computed: number } | null;
  valueType: 'count' | 'signedCount' | 'money';
  onApply: (value: number | null, reason: string) => void;
  /** The form closed (applied, 取消, Esc): focus goes back to the total's cell. */
  onClose?: () => void;
}) {
  const [open, setOpen] = useState(false);
  const close = () => {
    setOpen(false);
    setError(null);
    props.onClose?.();
  };
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!open)
    return (
      <span className="row gap inline">
        {props.conflict && (
          <button
            type="button"
            className="small"
            onClick={() => {
              setOpen(true);
              setValue(String(props.conflict!.computed));
            }}
          >
            改用计算值…
          </button>
        )}
        <button type="button" className="small" onClick={() => setOpen(true)}>
          手动改写合计…
        </button>
      </span>
    );
  return (
    <form
      className="override-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim().length < 2) return setError('请填写改写理由');
        if (props.conflict && value === String(props.conflict.computed)) {
          props.onApply(null, reason.trim());
          return close();
        }
        const p = parseCellText(value, props.valueType);
        if (p.kind === 'error') return setError(p.message);
        props.onApply(p.kind === 'value' ? p.value : null, reason.trim());
        close();
      }}
      onKeyDown={(e) => {
        // Esc while an input method composes the reason cancels the composition only (isComposingKey).
        if (e.key === 'Escape' && !isComposingKey(e)) {
          e.preventDefault();
          close();
        }
      }}
    >
      <label>
        新值{' '}
        <input
          name="override-value"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          size={6}
          // biome-ignore lint/a11y/noAutofocus: opened by the user's button, to be typed into at once
          autoFocus={!props.conflict || value !== String(props.conflict.computed)}
        />
      </label>
      <label>
        理由（必填）{' '}
        <input
          name="override-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          size={24}
          // biome-ignore lint/a11y/noAutofocus: 改用计算值 fills the value in: the reason is what is left to type
          autoFocus={!!props.conflict && value === String(props.conflict.computed)}
          aria-describedby={error ? 'override-error' : undefined}
        />
      </label>
      <button type="submit" className="small primary">
        确定
      </button>
      <button type="button" className="small" onClick={close}>
        取消
      </button>
      {error && (
        <span className="warn-text" id="override-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
