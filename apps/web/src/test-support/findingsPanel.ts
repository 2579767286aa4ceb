/**
 * FindingsPanel's props as the panel's tests set them: no fixes, none pending, editable, no fix
 * applied, every callback doing nothing — each test overrides what it is about.
 */
import type { FindingsPanelProps } from '../editor/FindingsPanel';

export function panelProps(
  findings: FindingsPanelProps['findings'],
  overrides: Partial<FindingsPanelProps> = {},
): FindingsPanelProps {
  return {
    findings,
    fixes: [],
    edition: '2021',
    fixesPending: false,
    readOnly: false,
    lastFix: null,
    onFocusFinding: () => {},
    onHover: () => {},
    onApplyFix: () => {},
    onUndo: () => {},
    ...overrides,
  };
}
