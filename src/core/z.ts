/**
 * The one door to zod. Every module imports `z` from here, so that the `jitless` setting is
 * applied before any schema is used: zod's fast path compiles parsers with `new Function`, which
 * an extension's content security policy forbids (it would throw in the worker and the pages).
 * `zod/mini` keeps the page-script bundles small (full zod adds about 23 KB gzip).
 */
import * as z from 'zod/mini';

z.config({ jitless: true });

export { z };

/** One line a person can read, for logs and for the popup's "needs attention" list. */
export function describeIssues(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
