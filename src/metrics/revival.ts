/**
 * How often dead units come back, from the per-layer counts every measurement records: `deadUnits`
 * (dead on the probe set) and `revived` (dead at the previous measurement, alive now). Units are
 * not tracked one by one across the run, so "the share of dead units that ever come back" is out of
 * reach; what the counts give exactly is the chance that a unit dead at one measurement is alive at
 * the next:
 *
 *   rate = Σ_{e=1..E} revived_e / Σ_{e=0..E-1} dead_e     (summed over the chosen layers)
 *
 * i.e. revivals per dead unit-epoch. A unit that dies and revives twice counts twice, as it should
 * for a per-epoch rate. Under ReLU a unit dead on the probe set gets no gradient from those inputs,
 * so it comes back only through changes in earlier layers, training inputs outside the probe set,
 * or the optimizer's momentum; under Leaky ReLU it still gets alpha times its gradient.
 */

/** The counts of one hidden layer at one measurement (a LayerRecord has them). */
export interface LayerCounts {
  /** 1-based, input side first. */
  layer: number;
  deadUnits: number;
  revived: number;
}

export interface Revival {
  /** Dead units summed over every measurement but the last (the ones that could revive by the next). */
  atRisk: number;
  /** Revivals summed over every measurement but the first. */
  revived: number;
  /** revived / atRisk; NaN when no unit was ever dead before the last measurement. */
  rate: number;
}

/**
 * The revival counts of one run from its measurements in epoch order (epoch 0 first). `layers`
 * restricts it to those 1-based layers (e.g. [1]: the first hidden layer, whose inputs never
 * change). A run whose counts are not finite (it diverged) gives NaN throughout.
 */
export function revival(epochs: readonly { layers: readonly LayerCounts[] }[], layers?: readonly number[]): Revival {
  const chosen = (layer: LayerCounts) => layers === undefined || layers.includes(layer.layer);
  let atRisk = 0;
  let revived = 0;
  epochs.forEach((epoch, index) => {
    for (const layer of epoch.layers.filter(chosen)) {
      if (index < epochs.length - 1) atRisk += layer.deadUnits;
      if (index > 0) revived += layer.revived;
    }
  });
  if (!Number.isFinite(atRisk) || !Number.isFinite(revived))
    return { atRisk: Number.NaN, revived: Number.NaN, rate: Number.NaN };
  return { atRisk, revived, rate: atRisk === 0 ? Number.NaN : revived / atRisk };
}
