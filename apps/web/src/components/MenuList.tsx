import { type ReactNode, type RefObject, useEffect, useRef } from 'react';

export interface MenuChoice<K extends string> {
  readonly key: K;
  readonly label: ReactNode;
  /** What it is, under its name (and as its tooltip). */
  readonly hint: string;
}

/**
 * Whether a menu of the 「… ▾」 button in `root` should open leftwards: near the right edge of the
 * window it would go off-screen (the list is min(24rem, 100vw − 1.5rem) wide, as the CSS has it).
 */
export function opensLeftward(root: HTMLElement | null): boolean {
  const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const width = Math.min(24 * rem, window.innerWidth - 1.5 * rem);
  const box = root?.getBoundingClientRect();
  return !!box && box.left + width > window.innerWidth && box.right - width >= 0;
}

/**
 * The list of a 「… ▾」 menu (role=menu), shown while it is open: its first choice focused, ↑/↓ move
 * between the choices, Esc closes it and gives the focus back to `toggle`, a press outside `within`
 * (the menu with its button) closes it. Each choice is its name in bold and what it is under it; the
 * editor's 下载, the report's 下载同比 and the region's 问题清单 are this one list.
 */
export function MenuList<K extends string>({
  label,
  choices,
  alignRight = false,
  within,
  toggle,
  onChoose,
  onClose,
}: {
  label: string;
  choices: readonly MenuChoice<K>[];
  alignRight?: boolean;
  within: RefObject<HTMLElement | null>;
  toggle: RefObject<HTMLButtonElement | null>;
  onChoose: (key: K) => void;
  onClose: () => void;
}) {
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  // the latest onClose, without focusing the first choice again on every render of the parent
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    items.current[0]?.focus();
    const away = (e: PointerEvent) => {
      if (!within.current?.contains(e.target as Node)) close.current();
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [within]);
  return (
    <div
      className={`download-list${alignRight ? ' align-right' : ''}`}
      role="menu"
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          close.current();
          toggle.current?.focus();
        } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const list = items.current.filter((b): b is HTMLButtonElement => !!b);
          const at = list.indexOf(document.activeElement as HTMLButtonElement);
          const next = (at + (e.key === 'ArrowDown' ? 1 : -1) + list.length) % list.length;
          list[next]?.focus();
        }
      }}
    >
      {choices.map((d, i) => (
        <button
          key={d.key}
          ref={(el) => {
            items.current[i] = el;
          }}
          type="button"
          role="menuitem"
          data-download={d.key}
          title={d.hint}
          onClick={() => onChoose(d.key)}
        >
          <b>{d.label}</b>
          <span className="muted small">{d.hint}</span>
        </button>
      ))}
    </div>
  );
}
