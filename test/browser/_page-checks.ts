// Checks the browser suites run on the page as shown: accessibility (axe-core) and layout
// geometry (nothing wider than the window, no control cutting its text or sticking out of its box,
// nothing focused or headed left under the sticky header).

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'puppeteer-core';

const AXE_SOURCE = readFile(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's violations on the page as it is now, one line each ("rule: [targets]"). */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await AXE_SOURCE);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe.run(document);
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

/** Room a select's own arrow takes beside its text, in CSS pixels (generous for both engines). */
const SELECT_ARROW_PX = 24;

/** What is wrong with the layout as shown, one line each; [] when nothing is. */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate((arrow) => {
    const problems: string[] = [];
    const shown = (el: Element): boolean => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const label = (el: Element): string => el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;

    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth) problems.push(`the page is ${root.scrollWidth} px wide in a ${window.innerWidth} px window`);

    // The sticky header covers the top of the window: whatever has focus (a new view's heading,
    // a field with an error) must be in sight, below it.
    const headerBottom = document.querySelector('header.top')!.getBoundingClientRect().bottom;
    const focused = document.activeElement;
    if (focused && focused !== document.body && shown(focused) && !focused.closest('header, #langs')) {
      const box = focused.getBoundingClientRect();
      if (box.top < headerBottom - 0.5 || box.bottom > window.innerHeight + 0.5) {
        problems.push(`${label(focused)} has focus at ${Math.round(box.top)}–${Math.round(box.bottom)} px, out of sight (header ends at ${Math.round(headerBottom)} px)`);
      }
    }

    // Controls and boxes of text: their text fits inside, and they fit inside their parent.
    for (const el of document.querySelectorAll<HTMLElement>('input, textarea, select, button, summary, .brand, .quick-exit, .receipt-code, .fingerprint, .status-result, .notice')) {
      if (!shown(el)) continue;
      if (el.scrollWidth > el.clientWidth + 1) problems.push(`${label(el)} cuts its text (${el.scrollWidth} px in ${el.clientWidth} px)`);
      const box = el.getBoundingClientRect();
      const parent = el.parentElement!.getBoundingClientRect();
      if (box.left < parent.left - 0.5 || box.right > parent.right + 0.5) problems.push(`${label(el)} sticks out of its box`);
    }

    // A closed select shows its chosen option's text: every option must fit, whichever is chosen.
    const context = document.createElement('canvas').getContext('2d')!;
    for (const select of document.querySelectorAll('select')) {
      if (!shown(select)) continue;
      const style = getComputedStyle(select);
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - arrow;
      for (const option of select.options) {
        const width = context.measureText(option.text).width;
        if (width > room) problems.push(`#${select.id}: "${option.text}" is ${Math.round(width)} px in ${Math.round(room)} px`);
      }
    }
    return problems;
  }, SELECT_ARROW_PX);
}
