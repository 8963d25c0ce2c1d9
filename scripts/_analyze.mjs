import { build, analyzeMetafile } from 'esbuild';
import { gzipSync } from 'node:zlib';
for (const entry of process.argv.slice(2)) {
  const r = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'iife', target: 'es2020', write: false, metafile: true, define: { 'process.env.NODE_ENV': '"production"' }, logLevel: 'silent' });
  const text = r.outputFiles[0].text;
  console.log(entry, text.length, 'gzip', gzipSync(text).length);
  console.log((await analyzeMetafile(r.metafile)).split('\n').slice(0, 30).join('\n'));
}
