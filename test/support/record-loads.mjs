// Preload (node --import) that writes every module the process loads, one URL or path a line,
// to $SOTTO_RECORD_LOADS: ES modules as the loader sees them, CommonJS ones (require) at exit.
// test/server/dist-server.test.ts uses it to see what `npm start` really runs.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const file = process.env.SOTTO_RECORD_LOADS;
if (file) {
  register(new URL('./record-loads-hooks.mjs', import.meta.url), { data: { file } });
  const require = createRequire(import.meta.url);
  process.on('exit', () => appendFileSync(file, Object.keys(require.cache).map((name) => `${name}\n`).join('')));
}
