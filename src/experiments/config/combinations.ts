/** The runs a sweep spans, as combinations of its values: what `plan` expands and `load` checks hints against. */

/** Every combination of the sweep's values, as lists of [path, value], the first path outermost. */
export function cartesian(sweep: Record<string, readonly unknown[]>): [string, unknown][][] {
  let combinations: [string, unknown][][] = [[]];
  for (const [path, values] of Object.entries(sweep)) {
    combinations = combinations.flatMap((prefix) =>
      values.map((value) => [...prefix, [path, value] as [string, unknown]]),
    );
  }
  return combinations;
}
