// Signed JSON-lines files carried between an editor's computers (SECURITY.md §6 "Signed transfer
// and decisions files"): the transfer file (`export-inbox` → `import`) and the decisions file
// (`decisions` → `status push --decisions`).
//
//   line 1      {"format":F,"version":V,"signer":"sotto-pk1:…"}
//   lines 2…n   content lines
//   last line   {"signature":"<b64u Ed25519 signature>"}
//
// signature = Ed25519(signer's seed, "sotto-signed-file-v1\n" ‖ F ‖ "\n" ‖ SHA-512(every byte of
// lines 1…n, newlines included)). The prefix keeps these signatures apart from request signatures
// ("sotto-request-v1", crypto/request-signature.ts). Nothing in a file is used before the whole
// file has been read and its signature checked.

import { ed25519 } from '@noble/curves/ed25519.js';
import { createHash, type Hash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import * as z from 'zod';
import { b64uDecode, b64uEncode, concatBytes, utf8Encode } from '../crypto/bytes.ts';
import type { SigningKey } from '../crypto/key-file.ts';
import { parsePublicKeyLine, type EditorPublicKey } from '../crypto/public-key.ts';
import { CliError } from './errors.ts';

const SignatureLine = z.strictObject({ signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/) });

function signedMessage(format: string, digest: Uint8Array): Uint8Array {
  return concatBytes(utf8Encode(`sotto-signed-file-v1\n${format}\n`), digest);
}

/** Writes a signed file through `w`, line by line; `finish` appends the signature line. */
export class SignedFileWriter {
  private readonly hash: Hash = createHash('sha512');

  constructor(private readonly w: (chunk: string) => void, private readonly format: string, version: number, private readonly signing: SigningKey) {
    this.line({ format, version, signer: signing.publicKey.line.split(' ')[0] });
  }

  line(value: object): void {
    const text = `${JSON.stringify(value)}\n`;
    this.hash.update(text, 'utf8');
    this.w(text);
  }

  finish(): void {
    const signature = ed25519.sign(signedMessage(this.format, this.hash.digest()), this.signing.ed25519Seed);
    this.w(`${JSON.stringify({ signature: b64uEncode(signature) })}\n`);
  }
}

export interface SignedFile {
  signer: EditorPublicKey;
  version: number;
  /** Content lines, parsed as JSON, in order; `lineNumber` counts from 1 with the header. */
  lines: { lineNumber: number; value: unknown }[];
}

/**
 * Reads a whole signed file and checks its signature. `what` names the file kind in messages
 * (e.g. "transfer file"). Throws CliError for anything unreadable, unsigned or tampered with;
 * the caller decides whether it trusts the signer.
 */
export async function readSignedFile(file: string, format: string, versions: readonly number[], what: string): Promise<SignedFile> {
  try {
    await access(file, constants.R_OK);
  } catch {
    throw new CliError(`cannot read ${file}`);
  }
  const hash = createHash('sha512');
  const lines: { lineNumber: number; value: unknown }[] = [];
  let header: { version: number; signer: string } | undefined;
  let signature: Uint8Array | undefined;
  let lineNumber = 0;
  const fail = (why: string): never => {
    throw new CliError(`${file}, line ${lineNumber}: ${why}; nothing was used`);
  };
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    lineNumber++;
    if (signature) fail(`text after the signature (the ${what} was altered)`);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      fail('not JSON');
    }
    if (lineNumber === 1) {
      const h = value as { format?: unknown; version?: unknown; signer?: unknown } | null;
      if (h?.format !== format) fail(`not a Sotto ${what}`);
      if (typeof h!.version !== 'number' || !versions.includes(h!.version) || typeof h!.signer !== 'string') {
        fail(h!.version === 1 ? `an unsigned ${what} made by an older sotto-review: make it again with this version` : `a ${what} of a version this sotto-review does not know`);
      }
      header = { version: h!.version as number, signer: h!.signer as string };
    } else if (SignatureLine.safeParse(value).success) {
      signature = b64uDecode((value as { signature: string }).signature);
      continue;
    } else lines.push({ lineNumber, value });
    hash.update(`${line}\n`, 'utf8');
  }
  if (!header) throw new CliError(`${file} is empty; nothing was used`);
  if (!signature) throw new CliError(`${file} has no signature (it was cut short or altered); nothing was used`);
  let signer: EditorPublicKey;
  try {
    signer = parsePublicKeyLine(header.signer);
  } catch {
    throw new CliError(`${file}: the signer's key is damaged; nothing was used`);
  }
  if (!ed25519.verify(signature, signedMessage(format, hash.digest()), signer.ed25519)) {
    throw new CliError(`${file}: the signature does not match (the ${what} was altered after it was made); nothing was used`);
  }
  return { signer, version: header.version, lines };
}
