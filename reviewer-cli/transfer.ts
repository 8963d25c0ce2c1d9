// The offline transfer file (`export-inbox` → `import`): JSON lines, first a header, then one
// envelope per line, then the ids of withdrawn stories. It holds nothing an envelope does not:
// ids, day-level dates, ciphertext.
//
//   {"format":"sotto-inbox","version":1}
//   {"id":"<22 b64u>","day":"YYYY-MM-DD","envelope":"<b64u>"}
//   {"withdrawn":"<22 b64u>"}

import { constants, createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import * as z from 'zod';
import { b64uDecode, b64uEncode } from '../crypto/bytes.ts';
import { parseEnvelope } from '../crypto/envelope-format.ts';
import { CliError } from './errors.ts';
import { DAY_PATTERN, ID_PATTERN } from '../crypto/contract.ts';
import type { StoredEnvelope } from './vault.ts';

const HEADER = { format: 'sotto-inbox', version: 1 } as const;
const HeaderSchema = z.strictObject({ format: z.literal(HEADER.format), version: z.literal(HEADER.version) });
const EnvelopeLine = z.strictObject({ id: z.string().regex(ID_PATTERN), day: z.string().regex(DAY_PATTERN), envelope: z.string() });
const WithdrawnLine = z.strictObject({ withdrawn: z.string().regex(ID_PATTERN) });

export interface TransferContents {
  envelopes: StoredEnvelope[];
  withdrawn: string[];
}

export function headerLine(): string {
  return `${JSON.stringify(HEADER)}\n`;
}

export function envelopeLine(item: StoredEnvelope): string {
  return `${JSON.stringify({ id: item.id, day: item.day, envelope: b64uEncode(item.envelope) })}\n`;
}

export function withdrawnLine(id: string): string {
  return `${JSON.stringify({ withdrawn: id })}\n`;
}

/** Reads and checks a whole transfer file. Throws CliError naming the first bad line: nothing
 * from a damaged file is imported. */
export async function readTransferFile(file: string): Promise<TransferContents> {
  const contents: TransferContents = { envelopes: [], withdrawn: [] };
  let lineNumber = 0;
  const fail = (why: string): never => {
    throw new CliError(`${file}, line ${lineNumber}: ${why}; nothing was imported`);
  };
  try {
    await access(file, constants.R_OK);
  } catch {
    throw new CliError(`cannot read ${file}`);
  }
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    lineNumber++;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      fail('not JSON');
    }
    if (lineNumber === 1) {
      if (!HeaderSchema.safeParse(value).success) fail('not a Sotto transfer file (made with `sotto-review export-inbox`)');
      continue;
    }
    const envelope = EnvelopeLine.safeParse(value);
    if (envelope.success) {
      let bytes: Uint8Array;
      try {
        bytes = b64uDecode(envelope.data.envelope);
        parseEnvelope(bytes);
      } catch {
        return fail('damaged envelope');
      }
      contents.envelopes.push({ id: envelope.data.id, day: envelope.data.day, envelope: bytes });
      continue;
    }
    const withdrawn = WithdrawnLine.safeParse(value);
    if (!withdrawn.success) fail('unexpected content');
    else contents.withdrawn.push(withdrawn.data.withdrawn);
  }
  if (lineNumber === 0) throw new CliError(`${file} is empty; nothing was imported`);
  return contents;
}
