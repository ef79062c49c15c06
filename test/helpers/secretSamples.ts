/**
 * One known-format secret per detector (with the holder name it needs) and a near-miss negative,
 * taken from each detector entry's own examples (server/src/core/secrets/detectors.ts and
 * providers.ts). Shared by the detector tests, the fuzzer and the never-echo tests.
 */
import { DETECTORS } from '../../server/src/core/secrets/index.js';

export const DETECTOR_SAMPLES: { id: string; positive: string; holder?: string; negative: string; negativeHolder?: string }[] = DETECTORS.map((d) => ({
  id: d.id,
  positive: d.examples.match[0],
  holder: d.examples.holder,
  negative: d.examples.miss[0],
  negativeHolder: d.examples.missHolder,
}));

/** Samples that a scan of `NAME = "value"` text finds (holder names included). */
export function echoSamples(): { id: string; secret: string; holder: string }[] {
  return DETECTOR_SAMPLES.map((c) => ({ id: c.id, secret: c.positive, holder: c.holder ?? `${c.id.replace(/-/g, '_').toUpperCase()}_SECRET` }));
}
