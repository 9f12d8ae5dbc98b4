/**
 * Which activations run the same kernels. No TensorFlow here: the sweep planner asks too, and
 * planning (validate, list) never loads TF.js.
 */
import type { Activation } from '../config/schema.js';

/** 'leaky' for ReLU and Leaky ReLU; every other activation is a family of its own. */
export type ActivationFamily = 'leaky' | Exclude<Activation, 'relu' | 'leaky_relu'>;

/**
 * ReLU is Leaky ReLU with slope 0, exactly: 0·z is 0 and so is its gradient. So both train in one
 * pack with a per-run slope, and share one hand-derived backward pass.
 */
export function activationFamily(activation: Activation): ActivationFamily {
  return activation === 'relu' || activation === 'leaky_relu' ? 'leaky' : activation;
}
