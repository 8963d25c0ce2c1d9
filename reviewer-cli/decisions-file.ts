// The decisions file (`decisions --out FILE` on the offline laptop → `status push --decisions
// FILE` on the online computer), a signed file (signed-file.ts; SECURITY.md §6 "Signed transfer
// and decisions files"). It carries only what `status push` would send: story ids and the
// status each author's receipt should show.
//
//   {"format":"sotto-decisions","version":1,"signer":"sotto-pk1:…"}
//   {"id":"<22 b64u>","status":"in_review"|"published"|"declined"}
//   {"signature":"<b64u>"}

import * as z from 'zod';
import { EDITOR_STATUSES, ID_PATTERN, type EditorStatus } from '../crypto/contract.ts';
import type { SigningKey } from '../crypto/key-file.ts';
import type { EditorPublicKey } from '../crypto/public-key.ts';
import { CliError } from './errors.ts';
import type { Writer } from '../node-lib/durable-file.ts';
import { readSignedFile, SignedFileWriter } from './signed-file.ts';

const FORMAT = 'sotto-decisions';
const VERSION = 1;
const DecisionLine = z.strictObject({ id: z.string().regex(ID_PATTERN), status: z.enum(EDITOR_STATUSES) });

export interface ServerDecision {
  id: string;
  status: EditorStatus;
}

export function decisionsWriter(signing: SigningKey, decisions: readonly ServerDecision[]): Writer {
  return (w) => {
    const file = new SignedFileWriter(w, FORMAT, VERSION, signing);
    for (const d of decisions) file.line({ id: d.id, status: d.status });
    file.finish();
  };
}

export async function readDecisionsFile(file: string): Promise<{ signer: EditorPublicKey; decisions: ServerDecision[] }> {
  const signed = await readSignedFile(file, FORMAT, [VERSION], 'decisions file (made with `sotto-review decisions`)');
  const decisions = signed.lines.map(({ lineNumber, value }) => {
    const parsed = DecisionLine.safeParse(value);
    if (!parsed.success) throw new CliError(`${file}, line ${lineNumber}: unexpected content; nothing was sent`);
    return parsed.data;
  });
  return { signer: signed.signer, decisions };
}
