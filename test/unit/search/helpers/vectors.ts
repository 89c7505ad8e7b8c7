import { ensureVectorsFile } from '../../../../scripts/build-vectors';

/** Returns the path of the local vectors file, building it first when it is missing or stale. */
export function vectorsFileForTests(): string {
  return ensureVectorsFile();
}
