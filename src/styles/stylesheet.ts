import { essayTypography } from './essay-typography.js';
import { stylesheetHeader } from './header.js';
import { reserveStyles } from './reserve.js';

/** The whole text of essay-reader.css. */
export const stylesheet = `${stylesheetHeader}\n/* The essay's typography (the same rules the reader adopts into the document when it upgrades). */\n${essayTypography.trim()}\n\n${reserveStyles.trim()}\n`;
