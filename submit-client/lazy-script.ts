// Code the page loads only when a view needs it (the status view and its replies, status.js;
// SECURITY.md §8), so it costs nothing on the first load. Each file is pinned like the language files: the build writes its
// SHA-256 into app.js (SOTTO_LAZY_SCRIPTS, itself pinned by the HTML's integrity attribute), and
// the browser refuses any other bytes. The file leaves what it exports in a global named by the
// caller. Kept this small on purpose: app.js is the weight every visitor pays.

/** File name → base64 SHA-256 of the file, for every lazily loaded script. */
declare const SOTTO_LAZY_SCRIPTS: Readonly<Record<string, string>>;

/** Loads `file` and resolves with what it left in `exportName`; rejects if it cannot be loaded
 * or its bytes are not the pinned ones. */
export function loadPinnedScript<T>(file: string, exportName: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = file;
    script.integrity = `sha256-${SOTTO_LAZY_SCRIPTS[file]}`;
    script.onload = () => resolve((self as unknown as Record<string, T>)[exportName]!);
    script.onerror = reject;
    document.head.append(script);
  });
}
