// The page's three views: the form, the receipt after sending, and the status view at /#status.
// Only one is shown; the heading of the new view takes focus so screen readers announce it, and
// the page is scrolled to its top first, so the heading is never left under the sticky header.

export type View = 'form' | 'receipt' | 'status';

const SECTIONS: Record<View, string> = { form: 'view-form', receipt: 'view-receipt', status: 'view-status' };

let shown: View = 'form';

export function currentView(): View {
  return shown;
}

export function viewFromHash(hash: string): View {
  return hash === '#status' ? 'status' : 'form';
}

export function showView(view: View, moveFocus: boolean): void {
  shown = view;
  for (const [name, id] of Object.entries(SECTIONS)) {
    const section = document.getElementById(id);
    if (section) section.hidden = name !== view;
  }
  if (!moveFocus) return;
  window.scrollTo(0, 0);
  document.getElementById(SECTIONS[view])?.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
}
