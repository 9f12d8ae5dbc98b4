/**
 * Dead-unit metrics of one hidden layer, from how often each unit's pre-activation is positive on
 * the probe set. Pure functions over plain numbers; the tensor side only has to count.
 *
 * For unit j with pre-activation z_j(x) on probe input x:
 *   dead       z_j(x) <= 0 for every probe input
 *   near-dead  z_j(x) > 0 on fewer than `nearDeadThreshold` of probe inputs (dead included)
 *   active rate  mean over units and probe inputs of [z > 0]
 */

export interface LayerMetrics {
  units: number;
  deadUnits: number;
  nearDeadUnits: number;
  deadFraction: number;
  nearDeadFraction: number;
  activeRate: number;
  /** Units dead at the previous measurement and alive now; 0 at the first measurement. */
  revived: number;
  /** Units alive at the previous measurement and dead now; 0 at the first measurement. */
  newlyDead: number;
  /** Which units are dead, for the next measurement's revived/newly-dead. */
  deadMask: boolean[];
}

/** Per-unit count of probe inputs with z > 0, from a [probe][unit] matrix: the plain reference. */
export function positiveCounts(preActivations: readonly (readonly number[])[]): number[] {
  const units = preActivations[0]?.length ?? 0;
  const counts = new Array<number>(units).fill(0);
  for (const row of preActivations) {
    for (let unit = 0; unit < units; unit++) if (row[unit] > 0) counts[unit]++;
  }
  return counts;
}

/**
 * The metrics of one layer. `counts[j]` is how many of `probeCount` inputs made unit j positive;
 * `previousDead` is the layer's dead mask at the previous measurement, if any.
 */
export function layerMetrics(
  counts: ArrayLike<number>,
  probeCount: number,
  nearDeadThreshold: number,
  previousDead?: readonly boolean[],
): LayerMetrics {
  if (probeCount <= 0) throw new RangeError('probeCount must be positive');
  const units = counts.length;
  const deadMask: boolean[] = [];
  let deadUnits = 0;
  let nearDeadUnits = 0;
  let positives = 0;
  let revived = 0;
  let newlyDead = 0;
  for (let unit = 0; unit < units; unit++) {
    const count = counts[unit];
    const dead = count === 0;
    deadMask.push(dead);
    positives += count;
    if (dead) deadUnits++;
    // Dead units count as near-dead even at threshold 0, where "fewer than 0%" would miss them.
    // Dividing (rather than multiplying the threshold) keeps 7 of 100 at 0.07 out: 0.07 * 100 is 7.000000000000001.
    if (dead || count / probeCount < nearDeadThreshold) nearDeadUnits++;
    if (previousDead) {
      if (previousDead[unit] && !dead) revived++;
      if (!previousDead[unit] && dead) newlyDead++;
    }
  }
  return {
    units,
    deadUnits,
    nearDeadUnits,
    deadFraction: units === 0 ? 0 : deadUnits / units,
    nearDeadFraction: units === 0 ? 0 : nearDeadUnits / units,
    activeRate: units === 0 ? 0 : positives / (units * probeCount),
    revived,
    newlyDead,
    deadMask,
  };
}

/**
 * A network is collapsed when some hidden layer has every unit dead. Under ReLU that layer outputs
 * zeros on every probe input, so the network's output is constant: at initialisation this is
 * "born dead" (Lu et al. 2019). Under Leaky ReLU the same sign pattern still passes a signal.
 */
export function isCollapsed(layers: readonly Pick<LayerMetrics, 'units' | 'deadUnits'>[]): boolean {
  return layers.some((layer) => layer.units > 0 && layer.deadUnits === layer.units);
}

/** Dead units over all hidden units of the network. */
export function overallDeadFraction(layers: readonly Pick<LayerMetrics, 'units' | 'deadUnits'>[]): number {
  const units = layers.reduce((sum, layer) => sum + layer.units, 0);
  return units === 0 ? 0 : layers.reduce((sum, layer) => sum + layer.deadUnits, 0) / units;
}
