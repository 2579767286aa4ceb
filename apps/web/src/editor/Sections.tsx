import {
  type Finding,
  getEdition,
  type NarrativeSentence,
  type Report,
  type SectionKey,
  TEXT_FIELD_TITLES,
} from '@nianbao/core';
import { useEffect, useRef } from 'react';
import { sentenceOffers } from '../lib/narration';

export interface SectionsProps {
  readonly report: Report;
  readonly sentences: readonly NarrativeSentence[];
  readonly findings: readonly Finding[];
  readonly readOnly: boolean;
  /** A key typed into a text of a report that cannot be edited now: say why. */
  readonly onLocked?: () => void;
  readonly onChange: (key: SectionKey, text: string) => void;
  /** An input method starts (the section) or ends (null) composing in a section's text. */
  readonly onComposing?: (key: SectionKey | null) => void;
  readonly onPreamble: (text: string) => void;
  readonly register: (key: SectionKey, el: HTMLTextAreaElement | null) => void;
}

/** The six sections as text areas, with core's number sentences offered for insertion and for updating. */
export function Sections(props: SectionsProps) {
  const edition = getEdition(props.report.meta.edition);
  const refs = useRef(new Map<SectionKey, HTMLTextAreaElement>());
  // Where the caret was as each text was left (a click on 插入 takes the focus first), with the text
  // then: once the text has changed since, the place may be another one — the end, then.
  const carets = useRef(new Map<SectionKey, { at: number; text: string }>());
  // Gone mid-composition (another tab): no section is composing any more (autosave would wait on it).
  const onComposing = useRef(props.onComposing);
  onComposing.current = props.onComposing;
  useEffect(() => () => onComposing.current?.(null), []);
  const insertAt = (key: SectionKey, sentence: string) => {
    const el = refs.current.get(key);
    const cur = props.report.sections[key] ?? '';
    const left = carets.current.get(key);
    const pos =
      el && document.activeElement === el
        ? el.selectionEnd
        : left && left.text === cur && left.at <= cur.length
          ? left.at
          : cur.length;
    const before = cur.slice(0, pos);
    const after = cur.slice(pos);
    const next = before + sentence + after;
    props.onChange(key, next);
    requestAnimationFrame(() => {
      if (el) {
        el.focus();
        el.selectionStart = el.selectionEnd = before.length + sentence.length;
      }
    });
  };
  return (
    <div className="sections">
      <label className="section-block">
        <span className="section-title">前言（编制依据、统计期限、联系方式等，可不填）</span>
        <textarea
          name="preamble"
          rows={3}
          value={props.report.preamble ?? ''}
          readOnly={props.readOnly}
          onChange={(e) => props.onPreamble(e.target.value)}
        />
      </label>
      {edition.sections.map((s) => {
        const text = props.report.sections[s.key] ?? '';
        const offers = sentenceOffers(
          text,
          props.sentences.filter((x) => x.section === s.key),
        );
        const findings = props.findings.filter((f) => f.section === s.key && f.status === 'failed');
        const topics = [...(s.subTopics ?? []), ...(s.requiredTopics ?? [])];
        return (
          <section key={s.key} className="section-block" aria-labelledby={`sec-${s.key}`}>
            <h2 id={`sec-${s.key}`} className="section-title">
              {TEXT_FIELD_TITLES[s.key]}
            </h2>
            {topics.length > 0 && (
              <p className="muted small" id={`sec-${s.key}-topics`}>
                应包括：{topics.join('、')}
              </p>
            )}
            <textarea
              name={`sections.${s.key}`}
              // Named by its heading (一、总体情况 …); described by what it should cover and what the checks say.
              aria-labelledby={`sec-${s.key}`}
              aria-describedby={
                [topics.length ? `sec-${s.key}-topics` : '', ...findings.map((_, i) => `sec-${s.key}-f${i}`)]
                  .filter(Boolean)
                  .join(' ') || undefined
              }
              ref={(el) => {
                if (el) refs.current.set(s.key, el);
                else refs.current.delete(s.key);
                props.register(s.key, el);
              }}
              rows={s.table ? 3 : 7}
              value={text}
              readOnly={props.readOnly}
              aria-readonly={props.readOnly || undefined}
              placeholder={s.table && !props.readOnly ? '（可选）表格前后的说明文字' : ''}
              onKeyDown={(e) => {
                if (
                  props.readOnly &&
                  !e.ctrlKey &&
                  !e.metaKey &&
                  !e.altKey &&
                  (e.key.length === 1 || e.key === 'Backspace' || e.key === 'Delete' || e.key === 'Enter')
                )
                  props.onLocked?.();
              }}
              onChange={(e) => props.onChange(s.key, e.target.value)}
              // an input method composing (its pinyin is in the text until a candidate is committed)
              onCompositionStart={() => props.onComposing?.(s.key)}
              onCompositionEnd={() => props.onComposing?.(null)}
              onBlur={(e) => {
                props.onComposing?.(null);
                carets.current.set(s.key, { at: e.currentTarget.selectionEnd, text: e.currentTarget.value });
              }}
            />
            {text.includes('\t') && !props.readOnly && (
              <p className="warn-text small" data-testid={`tabs-${s.key}`}>
                本部分含有制表符（像是从 Word 或 Excel 粘贴的表格）：导出的
                Word、网页中制表符会变成空格，各列不再对齐。统计数字请填在三张表格中，其他表格请改写为文字。
              </p>
            )}
            {findings.map((f, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: no id
              <p key={i} className={`inline-finding sev-${f.severity}`} id={`sec-${s.key}-f${i}`}>
                {f.ruleId}：{f.message}
              </p>
            ))}
            {!props.readOnly && offers.length > 0 && (
              <ul className="offers" aria-label="根据表格生成的句子">
                {offers.map((o) => (
                  <li key={o.sentence.key} className={`offer ${o.status}`}>
                    <span className="offer-text">{o.sentence.text}</span>
                    {o.status === 'absent' && (
                      <button
                        type="button"
                        className="small"
                        aria-label={`插入“${o.sentence.text}”`}
                        onClick={() => insertAt(s.key, o.sentence.text)}
                      >
                        插入
                      </button>
                    )}
                    {o.status === 'outdated' && (
                      <>
                        <span className="muted small">正文中为：“{o.found}”</span>
                        <button
                          type="button"
                          className="small primary"
                          aria-label={`更新为最新数字：“${o.sentence.text}”`}
                          onClick={() => props.onChange(s.key, text.replace(o.found!, o.sentence.text))}
                        >
                          更新为最新数字
                        </button>
                      </>
                    )}
                    {o.status === 'current' && <span className="ok small">已与表格一致</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
