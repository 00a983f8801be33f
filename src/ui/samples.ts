/**
 * The samples the worker kept for a bug report (src/store/samples.ts), as the popup and the
 * options page show them: read from storage.session, again on each change of that area.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from '../platform/browser';
import { parseSamples, SAMPLES_KEY, type StoredSample } from '../store/samples';

export function useSamples(): StoredSample[] {
  const [samples, setSamples] = useState<StoredSample[]>([]);
  useEffect(() => {
    let live = true;
    const load = () => {
      browser.storage.session
        .get(SAMPLES_KEY)
        .then((stored) => {
          if (live) setSamples(parseSamples(stored[SAMPLES_KEY], Date.now()));
        })
        .catch(() => {
          // A browser without storage.session keeps no samples: nothing to show.
        });
    };
    load();
    const onChanged = (_changes: unknown, area: string) => {
      if (area === 'session') load();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  return samples;
}
