/**
 * The window kinds as a schema (prefs and stored summaries name kinds). Apart from the ladder, so
 * that what parses a summary or the prefs (the popup's first screen) does not carry the ladder's
 * rules, zones and view; ladder.ts re-exports it.
 */
import { WINDOW_KINDS } from './windows';
import { z } from './z';

export const WindowKind = z.enum(WINDOW_KINDS);
