/**
 * The library: `import { measureDeadUnits, deadUnitsCallback } from 'dead-neurons'`.
 *
 * Importing it starts no CLI, prints nothing and loads no TensorFlow backend: it imports tfjs-core
 * and tfjs-layers (the callback is a tf.Callback), which register no backend and are the copies
 * your @tensorflow/tfjs-node or @tensorflow/tfjs loads when the versions agree, and it computes
 * on the backend your code chose.
 */
export { measureDeadUnits } from './inspect/measure.js';
export type { DeadUnitsReport, LayerResult, MeasureOptions, NotMeasured } from './inspect/measure.js';
export { deadUnitsCallback } from './inspect/callback.js';
export type { DeadUnitsCallback, DeadUnitsCallbackOptions, DeadUnitsMeasurement } from './inspect/callback.js';
