// Quick exit: the link (which works even without JavaScript) or Escape pressed twice replaces
// this page with a neutral site. location.replace leaves no history entry to come back to, and the
// fields are emptied first so no back/forward cache can bring the text back.

const DOUBLE_PRESS_MS = 1000;

export function setupQuickExit(link: HTMLAnchorElement, clearPage: () => void): void {
  const leave = (): void => {
    clearPage();
    location.replace(link.href);
  };
  link.addEventListener('click', (event) => {
    event.preventDefault();
    leave();
  });
  let lastEscape = -Infinity;
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    const now = performance.now();
    if (now - lastEscape < DOUBLE_PRESS_MS) leave();
    else lastEscape = now;
  });
}
