/**
 * What `reproduce` may demand of a results folder here (docs/reproducibility.md): identical
 * values where nothing that decides the bits differs from the machine that made it, a statistical
 * check where something does (or the backend is another), identical values anyway under --strict.
 * Pure; the command prints the note and runs the check it names.
 */
import { bitsDifferences, type BitsEnvironment } from '../../experiments/backend/environment.js';
import type { Manifest } from '../results/manifest.js';

export interface ReproducePlan {
  /** 'exact' (or within --tolerance) or the statistical check. */
  comparison: 'exact' | 'statistical';
  /** What the statistical check compares across, for its messages. */
  across: 'backends' | 'machines' | null;
  /** One line for the user, or null when there is nothing to say. */
  note: string | null;
}

/** `crossBackend`: some run is re-run on another backend than it was made on (--backend). */
export function reproducePlan(
  dir: string,
  manifest: Pick<Manifest, 'backend' | 'machine'>,
  present: BitsEnvironment,
  options: { crossBackend: boolean; strict: boolean; tolerance: number | undefined },
): ReproducePlan {
  const exact = options.strict || options.tolerance !== undefined;
  if (options.crossBackend) return { comparison: exact ? 'exact' : 'statistical', across: 'backends', note: null };
  const { differences, unknown } = bitsDifferences(manifest, present);
  if (differences.length > 0) {
    const then = options.strict
      ? '--strict: every value must still be identical'
      : exact
        ? `comparing within --tolerance`
        : 'checking statistically';
    return {
      comparison: exact ? 'exact' : 'statistical',
      across: 'machines',
      note: `${dir} was made in another environment: ${differences.join('; ')}; ${then}`,
    };
  }
  const note = unknown
    ? `${dir}/manifest.json does not record the machine its native kernels ran on (an older manifest): comparing exactly`
    : null;
  return { comparison: 'exact', across: null, note };
}

/** The runs manifest.json lists as finished whose runs/<id>.json is missing (a dropped run). */
export function runsWithoutRecord(manifest: Pick<Manifest, 'runs'>, recorded: ReadonlySet<string>): string[] {
  return (manifest.runs ?? []).map((run) => run.runId).filter((id) => !recorded.has(id));
}
