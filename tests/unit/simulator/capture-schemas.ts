import { captureText } from '../../fixtures/captures.ts';

/**
 * The providers' wire formats are the adapters' own zod schemas (src/adapters/<name>/schemas.ts):
 * the tests check that the real captures in ../shared/data and the simulator's answers both fit them,
 * so there is one description of each format and the simulator cannot drift from what adapters read.
 */
export {
  DoctolibAvailabilities,
  DoctolibBooking,
} from '../../../src/adapters/doctolib/schemas.ts';
export {
  KeldocMotiveCategories,
  KeldocResource,
  KeldocTimetable,
} from '../../../src/adapters/keldoc/schemas.ts';
export {
  MaiiaAvailabilities,
  MaiiaClosest as MaiiaClosests,
  MaiiaConsultationReasons as MaiiaReasons,
} from '../../../src/adapters/maiia/schemas.ts';
export {
  SmartLocation,
  SmartManifest,
  SmartSchedule,
  SmartSlot,
} from '../../../src/adapters/smart/schemas.ts';

/** A capture's text; a missing one fails as a missing capture, named (tests/fixtures/captures.ts). */
export async function readShared(relative: string): Promise<string> {
  return captureText(relative);
}

export function ndjson(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line));
}
