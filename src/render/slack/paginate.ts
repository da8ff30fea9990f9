import type { SlackBlock } from './block-kit.js';
import { SLACK_LIMITS } from './block-kit.js';
import { countChars } from './sections.js';

/** A block and whether it belongs with the one after it (a section title never ends a message on its own). */
export interface Unit {
  block: SlackBlock;
  keepWithNext?: boolean | undefined;
  /** The closing notes (generated at, footnotes): the first message's buttons go above them. */
  footer?: boolean | undefined;
}

export interface PageBudget {
  /** Blocks and characters the first page keeps free (its buttons and "continued" note). */
  firstReserve: { blocks: number; chars: number };
  /** Blocks and characters every later page keeps free (its "continued" heading). */
  laterReserve: { blocks: number; chars: number };
}

/**
 * Packs blocks into pages that each fit one Slack message (50 blocks, about 12k characters), in order. Every unit
 * lands on exactly one page: nothing is dropped, whatever the sizes.
 */
export function paginate(units: readonly Unit[], budget: PageBudget): Unit[][] {
  const pages: Unit[][] = [];
  let page: Unit[] = [];
  let blocks = 0;
  let chars = 0;
  const limits = () => {
    const reserve = pages.length === 0 ? budget.firstReserve : budget.laterReserve;
    return { blocks: SLACK_LIMITS.blocksPerMessage - reserve.blocks, chars: SLACK_LIMITS.messageChars - reserve.chars };
  };
  for (const unit of units) {
    const size = countChars(unit.block);
    const max = limits();
    if (page.length > 0 && (blocks + 1 > max.blocks || chars + size > max.chars)) {
      // Carry trailing titles and dividers over, unless that would leave the page empty.
      let keep = page.length;
      while (keep > 0 && page[keep - 1]?.keepWithNext) keep--;
      const carried = keep > 0 ? page.slice(keep) : [];
      pages.push(keep > 0 ? page.slice(0, keep) : page);
      page = [...carried];
      blocks = carried.length;
      chars = carried.reduce((n, u) => n + countChars(u.block), 0);
    }
    page.push(unit);
    blocks++;
    chars += size;
  }
  if (page.length > 0 || pages.length === 0) pages.push(page);
  return pages;
}
