import { existsSync, readFileSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { parseReport, type Report } from '@nianbao/core';
import { Text, useApp, useStdin, useStdout } from 'ink';
import { useCallback, useEffect, useRef, useState } from 'react';
import { openForEditing, sameReportOf, whatIsLost } from '../lib/beside.js';
import { checkFile, pairPrevious } from '../lib/checker.js';
import { oneLine } from '../lib/errors.js';
import {
  freeSibling,
  jsonPathFor,
  type Loaded,
  overwriteProblem,
  reportJson,
  writeFileAtomic,
} from '../lib/io.js';
import { recoveryNotice, trackUnsaved } from '../lib/recovery.js';
import { addSyncNotes } from '../lib/sync.js';
import { Editor } from './Editor.js';
import { type FolderEntry, FolderView, pairEntries } from './FolderView.js';
import { Rollup } from './Rollup.js';
import { editSectionsInEditor } from './sections.js';

export interface AppProps {
  /** A folder: the folder view; a loaded report: the editor. */
  readonly start:
    | { readonly kind: 'folder'; readonly dir: string; readonly files: readonly string[] }
    | { readonly kind: 'edit'; readonly loaded: Loaded; readonly notice?: string };
  readonly color: boolean;
  /** The previous year's report: the editor runs the cross-year rules against it. */
  readonly previous?: Report;
  /** Fixed size (tests); otherwise the terminal's, following resizes. */
  readonly size?: { readonly width: number; readonly height: number };
  readonly save?: (report: Report, path: string) => void;
  readonly editSections?: (report: Report) => { report?: Report; error?: string };
  readonly onExit?: () => void;
  /** What was typed while the report loaded (edit.ts): carried out by the editor opened first. */
  readonly takeTypedAhead?: () => string;
}

function useSize(fixed?: { width: number; height: number }) {
  const { stdout } = useStdout();
  const get = () => ({ width: stdout.columns || 80, height: stdout.rows || 24 });
  const [size, setSize] = useState(get);
  useEffect(() => {
    if (fixed) return;
    const on = () => setSize(get());
    stdout.on('resize', on);
    return () => {
      stdout.off('resize', on);
    };
  });
  return fixed ?? size;
}

const defaultSave = (report: Report, path: string) => writeFileAtomic(path, reportJson(report));

/** The report saved at `path` when it is the same agency's of the same year as `report`. */
function sameReportAt(path: string, report: Report): { text: string; report: Report } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const r = parseReport(text);
  return r.ok && sameReportOf(r.value, report) ? { text, report: r.value } : undefined;
}

/** What a save says of the reasons of totals changed by hand (r) since the last save. */
export const REASONS_NOT_KEPT =
  '改写理由未写入文件（报告文件中没有存放理由的位置）；上传时可用 nianbao push --note 写明';

/**
 * The reasons of totals changed by hand, kept for the next `nianbao push` of a file pulled from the
 * server (its entry in `.nianbao-sync.json`: the version's note, as the web form's save has it). A
 * file never pulled has no entry, and none is made up: the save says once that the reasons are not
 * in the file and how to give them.
 */
function keepReasons(path: string, notes: readonly string[]): { notice?: string } {
  if (!notes.length) return {};
  let kept: boolean;
  try {
    kept = addSyncNotes(path, notes);
  } catch (e) {
    return { notice: `改写理由未能记下（${oneLine(e)}）；上传时可用 nianbao push --note 写明` };
  }
  return {
    notice: kept ? `改写理由已记下，nianbao push 时写入版本说明（${notes.length} 条）` : REASONS_NOT_KEPT,
  };
}

export function App(props: AppProps) {
  const { exit } = useApp();
  const { width, height } = useSize(props.size);
  const save = props.save ?? defaultSave;
  const { setRawMode, isRawModeSupported } = useStdin();
  const editSections =
    props.editSections ??
    ((r: Report) => {
      // Hand the terminal to the editor, then take it back and draw the whole screen again.
      if (isRawModeSupported) setRawMode(false);
      try {
        return editSectionsInEditor(r);
      } finally {
        process.stdout.write('\x1b[?1049h\x1b[H\x1b[2J');
        if (isRawModeSupported) setRawMode(true);
      }
    });
  const [editing, setEditingState] = useState<Loaded | null>(
    props.start.kind === 'edit' ? props.start.loaded : null,
  );
  /** Said on the status line when the report opens (edits saved beside a published report opened). */
  const [openNotice, setOpenNotice] = useState<string | undefined>(
    props.start.kind === 'edit' ? props.start.notice : undefined,
  );
  /**
   * An overwrite asked for (w over the same report's JSON saved by someone else, or by another
   * session): the next w writes this very report over that very text, and nothing else.
   */
  const overwriteAsked = useRef<{ path: string; text: string; report: Report } | null>(null);
  /**
   * The text of each file (by absolute path) as this session last read or wrote it: a file is
   * overwritten only when it is one of these and still holds that text — never another report's
   * JSON that happens to lie beside a published report, nor one changed since by someone else.
   */
  const known = useRef(new Map<string, string>());
  const remember = (l: Loaded | null) => {
    if (l?.text !== undefined) known.current.set(resolve(l.file), l.text);
  };
  if (props.start.kind === 'edit' && known.current.size === 0) remember(props.start.loaded);
  /** Where the report being edited is saved: beside it as .json, or another name once offered. */
  const [saveAs, setSaveAs] = useState<string | null>(null);
  /** 另存为 over an existing file asked once: the next 另存为 of the same name overwrites it. */
  const saveAsAsked = useRef<string | null>(null);
  const setEditing = (l: Loaded | null, notice?: string) => {
    remember(l);
    setSaveAs(null);
    overwriteAsked.current = null;
    setOpenNotice(notice);
    setEditingState(l);
  };
  const [entries, setEntries] = useState<FolderEntry[]>(() =>
    props.start.kind === 'folder' ? props.start.files.map((file) => ({ file })) : [],
  );
  const [message, setMessage] = useState<string | null>(null);
  const [rollup, setRollup] = useState(false);
  const selected = useRef(0);
  const generation = useRef(0);

  const quit = useCallback(() => {
    props.onExit?.();
    exit();
  }, [exit, props.onExit]);

  /** Check files in the background, a few at a time, updating the list as results come. */
  const runChecks = useCallback((files: readonly string[]) => {
    const gen = ++generation.current;
    let pending = new Map<string, FolderEntry>();
    let last = Date.now();
    const flush = () => {
      const batch = pending;
      pending = new Map();
      setEntries((es) => es.map((e) => batch.get(e.file) ?? e));
      last = Date.now();
    };
    void (async () => {
      for (const file of files) {
        if (gen !== generation.current) return;
        pending.set(file, { file, running: true });
        const result = await checkFile(file, undefined, undefined, { keepReport: true, found: true });
        pending.set(file, { file, result });
        if (Date.now() - last > 100) flush();
        await new Promise((r) => setImmediate(r));
      }
      if (gen === generation.current) flush();
    })();
  }, []);

  useEffect(() => {
    if (props.start.kind === 'folder') runChecks(props.start.files);
    return () => {
      generation.current++;
    };
  }, [props.start, runChecks]);

  if (editing) {
    const path = saveAs ?? jsonPathFor(editing.file);
    const label = (f: string) => relative(process.cwd(), f) || f;
    const fileLabel = label(path);
    // the cross-year rules only against the same agency's report of the year before
    const paired = props.previous ? pairPrevious(editing.report, props.previous) : {};
    const notice = [recoveryNotice(path), openNotice, paired.note].filter(Boolean).join('；');
    return (
      <Editor
        key={editing.file}
        report={editing.report}
        {...(paired.previous ? { previous: paired.previous } : {})}
        {...(notice ? { notice } : {})}
        fileLabel={fileLabel}
        {...(props.takeTypedAhead ? { takeTypedAhead: props.takeTypedAhead } : {})}
        width={width}
        height={height}
        color={props.color}
        save={(r, notes) => {
          const knownText = known.current.get(resolve(path));
          const problem = overwriteProblem(path, knownText);
          // The same report (agency and year) saved there, not by this session — by another one,
          // or while this file was open: overwritten only when asked twice, with what is lost said.
          const there = problem && knownText === undefined ? sameReportAt(path, r) : undefined;
          if (there) {
            const asked = overwriteAsked.current;
            if (!(asked && asked.path === path && asked.report === r && asked.text === there.text)) {
              overwriteAsked.current = { path, text: there.text, report: r };
              throw new Error(
                `没有覆盖 ${basename(path)}：它是同一报告（${r.meta.agency.name} ${r.meta.year} 年度）另行保存的修改。再按 w 覆盖，${whatIsLost(there.report, r)}`,
              );
            }
            overwriteAsked.current = null;
          } else if (problem) {
            const other = freeSibling(path);
            setSaveAs(other);
            throw new Error(`没有覆盖 ${basename(path)}：它${problem}。再按 w 另存为 ${basename(other)}`);
          }
          const text = reportJson(r);
          save(r, path);
          known.current.set(resolve(path), text);
          return { where: fileLabel, ...keepReasons(path, notes) };
        }}
        saveAs={(r, name, notes) => {
          const target = resolve(name.endsWith('.json') ? name : `${name}.json`);
          if (existsSync(target) && saveAsAsked.current !== target && target !== resolve(path)) {
            saveAsAsked.current = target;
            throw new Error(`${label(target)} 已存在：再按 W 输入同一文件名覆盖它，或换一个文件名`);
          }
          saveAsAsked.current = null;
          const text = reportJson(r);
          save(r, target);
          known.current.set(target, text);
          overwriteAsked.current = null;
          setSaveAs(target);
          return { where: label(target), ...keepReasons(target, notes) };
        }}
        onUnsaved={(r) => trackUnsaved(path, r)}
        editSections={editSections}
        onQuit={() => {
          trackUnsaved(path, null);
          if (props.start.kind === 'edit') {
            quit();
            return;
          }
          setEditing(null);
          setMessage(null);
          // The edited file (or its saved .json) is checked again.
          setEntries((es) => {
            const known = es.some((e) => e.file === path);
            return known ? es.map((e) => (e.file === path ? { file: path } : e)) : [...es, { file: path }];
          });
          runChecks([path]);
        }}
      />
    );
  }
  // a published report and its edits saved beside it: one report, the edits (as `check DIR` has it)
  const listed = props.start.kind === 'folder' ? pairEntries(entries) : entries;
  if (props.start.kind === 'folder' && rollup) {
    return (
      <Rollup
        entries={listed}
        width={width}
        height={height}
        color={props.color}
        onClose={() => setRollup(false)}
        onQuit={quit}
      />
    );
  }
  if (props.start.kind === 'folder') {
    const { dir } = props.start;
    return (
      <FolderView
        dir={dir}
        entries={listed}
        width={width}
        height={height}
        color={props.color}
        message={message}
        onOpen={(file) => {
          setMessage(`正在打开 ${file}…`);
          openForEditing(file).then(
            (o) => {
              setMessage(null);
              setEditing(o.loaded, o.notice);
            },
            (e) => setMessage(`无法打开：${oneLine(e)}`),
          );
        }}
        onRecheck={() => {
          setEntries((es) => es.map((e) => ({ file: e.file })));
          runChecks(entries.map((e) => e.file));
        }}
        onSummary={() => setRollup(true)}
        selected={selected.current}
        onSelect={(i) => {
          selected.current = i;
        }}
        onQuit={quit}
      />
    );
  }
  return <Text>…</Text>;
}
