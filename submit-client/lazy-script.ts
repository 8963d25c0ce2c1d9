// Code the page loads only when a view needs it (the replies view; SECURITY.md §8), so it costs
// nothing on the first load. Each file is pinned like the language files: the build writes its
// SHA-256 into app.js (SOTTO_LAZY_SCRIPTS, itself pinned by the HTML's integrity attribute), and
// the browser refuses any other bytes. The file hands what it exports to a global named by the
// caller, which is taken and deleted at once.

/** File name → base64 SHA-256 of the file, for every lazily loaded script. */
declare const SOTTO_LAZY_SCRIPTS: Readonly<Record<string, string>>;

const loading = new Map<string, Promise<unknown>>();

/** Loads `file` once (again after a failure) and resolves with what it left in `exportName`. */
export function loadPinnedScript<T>(file: string, exportName: string): Promise<T> {
  let pending = loading.get(file);
  if (!pending) {
    pending = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = file;
      script.integrity = `sha256-${SOTTO_LAZY_SCRIPTS[file]}`;
      script.onload = () => {
        const exported = (self as unknown as Record<string, unknown>)[exportName];
        delete (self as unknown as Record<string, unknown>)[exportName];
        script.remove();
        if (exported) resolve(exported);
        else reject(new Error(file));
      };
      script.onerror = () => {
        script.remove();
        reject(new Error(file));
      };
      document.head.append(script);
    });
    loading.set(file, pending);
    pending.catch(() => loading.delete(file));
  }
  return pending as Promise<T>;
}
