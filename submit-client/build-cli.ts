// Builds the submit page from the command line, for publishing or verifying a manifest:
//   node --import tsx submit-client/build-cli.ts --editors FILE --out DIR [--exit-url URL] [--demo]
// (--exit-url and --demo as the server's SOTTO_QUICK_EXIT_URL and demo mode, to match its manifest)

import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildSubmitPage } from './build.ts';

const USAGE = 'usage: node --import tsx submit-client/build-cli.ts --editors FILE --out DIR [--exit-url URL] [--demo]';

async function main(): Promise<number> {
  let values: { editors?: string; out?: string; 'exit-url'?: string; demo?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { editors: { type: 'string' }, out: { type: 'string' }, 'exit-url': { type: 'string' }, demo: { type: 'boolean' }, help: { type: 'boolean' } },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.editors || !values.out) {
    console.error(USAGE);
    return 2;
  }
  try {
    const result = await buildSubmitPage({
      editorsKeyList: await readFile(values.editors, 'utf8'), outDir: values.out, exitUrl: values['exit-url'], demo: values.demo ?? false,
    });
    for (const [name, digest] of Object.entries(result.manifest)) console.log(`${digest}  ${name}`);
    return 0;
  } catch (error) {
    console.error(`build failed: ${(error as Error).message}`);
    return 1;
  }
}

process.exitCode = await main();
