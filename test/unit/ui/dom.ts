/** The DOM the popup's unit tests render into, in English. */
import { render } from 'preact';
import { afterEach, beforeEach } from 'vitest';
import { setTranslator } from '../../../src/ui/i18n';
import { tEn } from '../content/helpers';

/**
 * A fresh element in the document for each test, with the English translator set; unmounted,
 * removed and the translator reset after it. Call at the top of a test file.
 */
export function englishRoot(): () => HTMLElement {
  let root: HTMLElement | undefined;
  beforeEach(() => {
    setTranslator(tEn);
    root = document.createElement('div');
    document.body.append(root);
  });
  afterEach(() => {
    if (root) render(null, root);
    setTranslator(null);
    document.body.innerHTML = '';
  });
  return () => {
    if (!root) throw new Error('englishRoot: used outside a test');
    return root;
  };
}
