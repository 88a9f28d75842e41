import type { JSX } from 'preact';
import type { ViewState } from './url-state.ts';

/** Shows another view: its URL is pushed onto the history (the back button returns), then it renders. */
export type Navigate = (next: ViewState) => void;

/** A link the app follows itself (a plain click); modified clicks open new tabs as usual. */
export function followLink(navigate: Navigate, next: ViewState) {
  return (event: JSX.TargetedMouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(next);
  };
}
