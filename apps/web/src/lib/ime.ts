/**
 * Whether a key press is an input method's while it composes (a Chinese IME: Esc cancels its text,
 * Enter commits it, arrows pick a candidate), never the page's: Firefox marks it with isComposing,
 * Chrome and Safari give it as key code 229 (Safari's Enter that commits comes just after
 * compositionend, as 229 too). For a React key event (its native event's isComposing) or a DOM one.
 */
export function isComposingKey(e: {
  readonly keyCode: number;
  readonly isComposing?: boolean;
  readonly nativeEvent?: { readonly isComposing?: boolean };
}): boolean {
  return e.keyCode === 229 || !!(e.isComposing || e.nativeEvent?.isComposing);
}
