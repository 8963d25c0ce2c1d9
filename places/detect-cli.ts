// `sotto-review places detect`: JSON lines in ({"id","lang","text"}), JSON lines out
// ({"id","spans":[{"start","end","kind"}]}), one output line per non-empty input line, in order.
// A malformed line yields {"id":<id or null>,"spans":[],"error":"..."} and the run goes on.
// Output holds place kinds and demonym_adj (countries with "keep":true); with --all also
// contact and street_number spans.
import readline from 'node:readline';
import type { Detector, Span } from './types.ts';
import { loadDetector } from './_instance.ts';

/** `all`: contacts, house numbers and people too; `people`: people only (scored apart from places). */
export interface DetectOptions { all?: boolean; people?: boolean; detector?: Detector }

const NOT_PLACES = new Set(['contact', 'street_number', 'person']);
const MAX_HEAD_SLACK = 8;

/** A long head ("станции метро «…»") is reported by its key so the span stays on the name. */
function outputSpan(s: Span): { start: number; end: number; kind: string; keep?: true } {
  let { start, end } = s;
  if (s.key) {
    const slack = s.text.replace(/\s/g, '').length - s.text.slice(s.key.start - s.start, s.key.end - s.start).replace(/\s/g, '').length;
    if (slack > MAX_HEAD_SLACK) ({ start, end } = s.key);
  }
  return { start, end, kind: s.kind, ...(s.keep ? { keep: true as const } : {}) };
}

export async function runPlacesDetect(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, opts: DetectOptions = {}): Promise<void> {
  const detector = opts.detector ?? loadDetector();
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.trim()) continue;
    let id: unknown = null;
    let result: string;
    try {
      const doc: unknown = JSON.parse(line);
      if (typeof doc !== 'object' || doc === null) throw new TypeError('line is not a JSON object');
      const d = doc as Record<string, unknown>;
      id = d['id'] ?? null;
      if (typeof d['text'] !== 'string') throw new TypeError('"text" expected string');
      const lang = typeof d['lang'] === 'string' ? d['lang'] : '';
      const wanted = (s: Span): boolean => (opts.people ? s.kind === 'person' : opts.all || !NOT_PLACES.has(s.kind));
      const spans = detector.detect(d['text'], lang).filter(wanted).map(outputSpan);
      result = JSON.stringify({ id, spans });
    } catch (e) {
      result = JSON.stringify({ id, spans: [], error: e instanceof Error ? e.message : String(e) });
    }
    if (!output.write(result + '\n')) await new Promise((r) => output.once('drain', r));
  }
}
