// Commands that open every story in turn (export) make a few hundred KB of short-lived objects per
// story (decryption, the place detector, Markdown). V8 lets such garbage pile up by some hundred
// MiB before it collects the old generation, which made `export` of 20,000 stories peak at over
// 300 MiB however little it kept (bench/cli.ts). A full collection every so many stories holds
// the peak near what is really in use, for about a second in all over 20,000 stories.
import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | undefined;

/** Returns a function to call once per item: every `every` calls, it runs a full collection. */
export function periodicCollector(every: number): () => void {
  if (!collect) {
    // `gc` is only exposed by this flag; it is set once, and only for the context made here.
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  const run = collect;
  let calls = 0;
  return () => {
    if (++calls % every === 0) run();
  };
}
