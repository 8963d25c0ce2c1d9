// The offline transfer file (`export-inbox` → `import`), a signed file (signed-file.ts; SECURITY.md
// §6 "Signed transfer and decisions files"): a header naming the signer, one envelope per line,
// the ids of withdrawn stories, the signature. It holds nothing an envelope does not: ids,
// day-level dates, ciphertext.
//
//   {"format":"sotto-inbox","version":2,"signer":"sotto-pk1:…"}
//   {"id":"<22 b64u>","day":"YYYY-MM-DD","envelope":"<b64u>"}
//   {"withdrawn":"<22 b64u>"}
//   {"signature":"<b64u>"}

import * as z from 'zod';
import { b64uDecode, b64uEncode } from '../crypto/bytes.ts';
import { parseEnvelope } from '../crypto/envelope-format.ts';
import type { SigningKey } from '../crypto/key-file.ts';
import type { EditorPublicKey } from '../crypto/public-key.ts';
import { CliError } from './errors.ts';
import { DAY_PATTERN, ID_PATTERN } from '../crypto/contract.ts';
import type { Writer } from '../node-lib/durable-file.ts';
import { readSignedFile, SignedFileWriter } from './signed-file.ts';
import type { StoredEnvelope } from './vault.ts';

const FORMAT = 'sotto-inbox';
const VERSION = 2;
const EnvelopeLine = z.strictObject({ id: z.string().regex(ID_PATTERN), day: z.string().regex(DAY_PATTERN), envelope: z.string() });
const WithdrawnLine = z.strictObject({ withdrawn: z.string().regex(ID_PATTERN) });

export interface TransferContents {
  signer: EditorPublicKey;
  envelopes: StoredEnvelope[];
  withdrawn: string[];
}

/** A Writer (node-lib/durable-file.ts) for a signed transfer file of these envelopes and withdrawn ids. */
export function transferWriter(signing: SigningKey, envelopes: Iterable<StoredEnvelope>, withdrawn: Iterable<string>): Writer {
  return (w) => {
    const file = new SignedFileWriter(w, FORMAT, VERSION, signing);
    for (const item of envelopes) file.line({ id: item.id, day: item.day, envelope: b64uEncode(item.envelope) });
    for (const id of withdrawn) file.line({ withdrawn: id });
    file.finish();
  };
}

/** Reads and checks a whole transfer file, signature included. Throws CliError naming the first
 * bad line: nothing from a damaged or altered file is imported. */
export async function readTransferFile(file: string): Promise<TransferContents> {
  const signed = await readSignedFile(file, FORMAT, [VERSION], 'transfer file (made with `sotto-review export-inbox`)');
  const contents: TransferContents = { signer: signed.signer, envelopes: [], withdrawn: [] };
  for (const { lineNumber, value } of signed.lines) {
    const fail = (why: string): never => {
      throw new CliError(`${file}, line ${lineNumber}: ${why}; nothing was imported`);
    };
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
  return contents;
}
