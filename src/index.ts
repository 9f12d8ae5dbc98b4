/**
 * The library: `import { measureDeadUnits, deadUnitsCallback } from 'dead-neurons'`.
 *
 * Importing it starts no CLI, prints nothing and loads no TensorFlow backend: it imports only
 * tfjs-core (no backend) and works on the model you pass, with the TF.js your code loaded
 * (@tensorflow/tfjs-node, @tensorflow/tfjs, ...).
 */
export { measureDeadUnits } from './inspect/measure.js';
export type { DeadUnitsReport, LayerResult, MeasureOptions, NotMeasured } from './inspect/measure.js';
export { deadUnitsCallback } from './inspect/callback.js';
export type { DeadUnitsCallback, DeadUnitsCallbackOptions, DeadUnitsMeasurement } from './inspect/callback.js';
