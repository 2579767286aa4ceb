import { PAGE_ROWS } from '../grid/nav';

/**
 * The form's keys, in the page (not only in tooltips, which a keyboard never shows): a disclosure
 * 「键盘操作」 at the top of the form. apps/web/README.md lists the same keys.
 */
export const KEYS: readonly (readonly [keys: string, what: string])[] = [
  ['Tab / Shift+Tab', '下一格 / 上一格（跳过自动计算的合计）；最后一格后离开表格'],
  ['回车 / Shift+回车', '下一行 / 上一行'],
  ['方向键', '上下左右移动一格（也可到合计格）；上下移动保持在同一列，经过合并的格子后回到原来的列'],
  ['Home / End', '本行第一格 / 最后一格（修改数字时移动光标）'],
  ['Ctrl+Home / Ctrl+End', '本表第一格 / 最后一格'],
  ['PageUp / PageDown', `向上 / 向下移动 ${PAGE_ROWS} 行（同一列，不出本表）`],
  ['F2', '修改格中的数字（光标放在末尾，← → 移动光标，不整体替换）'],
  [
    'Esc',
    '放弃这一格的修改，恢复原值；用输入法输入时，先取消输入法中未确认的文字，该格不变（未确认的文字不计入报告）',
  ],
  ['Ctrl+V', '从 Excel 或 WPS 复制一块数据，在光标处粘贴'],
  ['Ctrl+Z / Ctrl+Y', '撤销 / 重做'],
  ['Ctrl+S', '保存'],
  ['合计格上 Tab 或 F2', '到「改用计算值…」「手动改写合计…」；Esc 回到单元格'],
  ['F8 / Shift+F8', '到检查结果中的下一个 / 上一个问题；在问题上按回车到相应单元格'],
  ['标签上左右方向键', '在 表格、正文、预览、历史版本 之间切换'],
  [
    'Esc（提问时）',
    '取消「提交审核」「审核通过」「发布」「删除草稿」的确认，回到原按钮（输入法中有未确认的文字时，Esc 只取消这些文字）',
  ],
];

export function KeysHelp() {
  return (
    <details
      className="keys-help"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && e.currentTarget.open) {
          e.currentTarget.open = false;
          e.currentTarget.querySelector('summary')?.focus();
        }
      }}
    >
      <summary>键盘操作</summary>
      <dl>
        {KEYS.map(([k, what]) => (
          <div key={k}>
            <dt>
              <kbd>{k}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
