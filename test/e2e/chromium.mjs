// @ts-check
/**
 * Finds Debian's Chromium. Test tools cannot download browsers on this machine
 * (`playwright install` fails), so we never try: we use the system's, or CHROME_PATH.
 */
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} does not exist.`);
    return fromEnv;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      "No Chromium found for the end-to-end tests. Install Debian's: `sudo apt-get install -y chromium` " +
        '(or set CHROME_PATH to a Chromium/Chrome binary). The tests never download a browser.',
    );
  }
  return found;
}

/** The flags every run uses: no sandbox (root in CI), no GPU, and no network of Chromium's own. */
export const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--ignore-certificate-errors',
];
