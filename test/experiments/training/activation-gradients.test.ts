/**
 * Gradients of the pack's PReLU (with respect to the input and to its learned slopes) and of ELU
 * with alpha other than 1, as tf.grads takes them in training, checked against central finite
 * differences twice: in float64 on the formula (tight tolerance: the expected values are accurate
 * to ~1e-10) and in float32 through the tensor forward pass itself (loose tolerance: float32
 * rounding divided by the step).
 */
import { before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../src/experiments/backend/load.js';
import { runConfigSchema } from '../../../src/experiments/config/schema.js';
import { activate, packActivation } from '../../../src/experiments/training/activations.js';
import { assertClose, assertNoLeakedTensors, TEST_BACKENDS } from '../../helpers/tensors.js';

/** The pack's `name` activation of one run at `alpha` on z, [1, rows, units], as training differentiates it. Call inside tf.tidy. */
function activation(name: 'elu' | 'prelu', alpha: number, z: tf.Tensor, slope?: tf.Tensor): tf.Tensor {
  const act = packActivation([runConfigSchema.parse({ model: { activation: name, alpha } }).model], z.shape[2]!);
  return activate(z as tf.Tensor3D, act, { slope: slope as tf.Tensor3D | undefined, differentiable: true }).a;
}

/** Central difference of a float64 function; h = 1e-5 leaves truncation ~1e-10 and rounding ~1e-11. */
const centralDifference64 = (f: (x: number) => number, x: number, h = 1e-5) => (f(x + h) - f(x - h)) / (2 * h);

/**
 * Float32 step 2^-7: z ± h stays exact in float32 for the points below (multiples of 2^-3), and
 * truncation (h²/6 · |f'''| ≤ 1e-5 · alpha) and rounding (ulp(3) / 2h ≈ 3e-5) stay below 1e-4.
 */
const H32 = 2 ** -7;
/** Float32 finite differences through TF.js: a few times the error bound above. */
const FD32_TOLERANCE = 2e-4;
/** TF.js's float32 gradient against float64 expectations: a few float32 ulps of values up to 3. */
const F32_TOLERANCE = 2e-6;

describe('elu gradients for alpha != 1', () => {
  // Away from the kink at 0 by more than the float32 step; multiples of 2^-3, exact in float32.
  const Z = [-4, -1.5, -0.75, -0.25, 0.375, 1.25, 3];
  // Distinct upstream gradients, so the chain rule (dy * f'(z)) is checked too.
  const W = [1, -2, 0.5, 3, -1, 0.25, 2];
  const elu64 = (alpha: number) => (z: number) => (z > 0 ? z : alpha * Math.expm1(z));

  for (const backend of TEST_BACKENDS) {
    describe(`on ${backend}`, () => {
      before(() => useBackend(backend));

      for (const alpha of [0.5, 2]) {
        test(`alpha ${alpha}: d/dz sum(w * elu(z)) matches float64 central differences`, async () => {
          const expected = Z.map((z, i) => W[i] * centralDifference64(elu64(alpha), z));
          // Hand check of one value: below 0 the derivative is alpha * e^z.
          assertClose([expected[0]], [alpha * Math.exp(-4)], 1e-9, 'hand value');
          const actual = await assertNoLeakedTensors(() =>
            tf.tidy(() => {
              const grad = tf.grad((z: tf.Tensor) => tf.sum(tf.mul(tf.tensor3d([[W]]), activation('elu', alpha, z))));
              return Array.from(grad(tf.tensor3d([[Z]])).dataSync());
            }),
          );
          assertClose(actual, expected, F32_TOLERANCE, `elu ${alpha} on ${backend}`);
        });

        test(`alpha ${alpha}: the gradient agrees with float32 finite differences of the forward pass`, () => {
          const [gradient, difference] = tf.tidy(() => {
            const at = (values: number[]) => activation('elu', alpha, tf.tensor3d([[values]]));
            const fd = tf.div(tf.sub(at(Z.map((z) => z + H32)), at(Z.map((z) => z - H32))), 2 * H32);
            const grad = tf.grad((z: tf.Tensor) => tf.sum(activation('elu', alpha, z)));
            return [Array.from(grad(tf.tensor3d([[Z]])).dataSync()), Array.from(fd.dataSync())];
          });
          assertClose(gradient, difference, FD32_TOLERANCE, `elu ${alpha} on ${backend}`);
        });
      }
    });
  }
});

describe('prelu gradients, including the learned slope', () => {
  // [batch 3, units 3]; no entry within the step of the kink at 0. Multiples of 2^-3.
  const Z = [
    [-2, 0.5, -0.25],
    [1.25, -1, 2],
    [-0.75, -3, 0.375],
  ];
  // Per-unit slopes: the He et al. default, a negative one and one above 1 (all are allowed).
  const SLOPE = [0.25, -0.125, 1.5];
  const W = [
    [1, 2, -3],
    [-1, 0.5, 2],
    [0.25, -2, 1],
  ];

  /** L = sum(w * prelu(z, slope)) in float64. */
  const loss64 = (z: number[][], slope: number[]) =>
    z.reduce((sum, row, b) => sum + row.reduce((s, v, j) => s + W[b][j] * (v > 0 ? v : slope[j] * v), 0), 0);

  /** dL/dz and dL/dslope by float64 central differences, one coordinate at a time. */
  function expected64(): { dz: number[]; dslope: number[] } {
    const dz = Z.flatMap((row, b) =>
      row.map((_, j) =>
        centralDifference64(
          (x) =>
            loss64(
              Z.map((r, bb) => r.map((v, jj) => (bb === b && jj === j ? x : v))),
              SLOPE,
            ),
          Z[b][j],
        ),
      ),
    );
    const dslope = SLOPE.map((_, j) =>
      centralDifference64(
        (s) =>
          loss64(
            Z,
            SLOPE.map((v, jj) => (jj === j ? s : v)),
          ),
        SLOPE[j],
      ),
    );
    return { dz, dslope };
  }

  /** TF.js's gradients of L with respect to z and the slope, both as trainable variables. */
  function tfGradients(): { dz: number[]; dslope: number[] } {
    // Created in tidy so the initial-value tensors are freed; variables survive tidy.
    const z = tf.tidy(() => tf.variable(tf.tensor3d([Z])));
    const slope = tf.tidy(() => tf.variable(tf.tensor3d([[SLOPE]])));
    try {
      return tf.tidy(() => {
        const { grads } = tf.variableGrads(
          () => tf.sum<tf.Scalar>(tf.mul(tf.tensor3d([W]), activation('prelu', 0, z, slope))),
          [z, slope],
        );
        return { dz: Array.from(grads[z.name].dataSync()), dslope: Array.from(grads[slope.name].dataSync()) };
      });
    } finally {
      z.dispose();
      slope.dispose();
    }
  }

  /** L evaluated by TF.js in float32. */
  const loss32 = (z: number[][], slope: number[]) =>
    tf.tidy(
      () =>
        tf
          .sum(tf.mul(tf.tensor3d([W]), activation('prelu', 0, tf.tensor3d([z]), tf.tensor3d([[slope]]))))
          .dataSync()[0],
    );

  test('the float64 expectations match the closed form', () => {
    // By hand: dL/dslope_j = sum_b w_bj * min(z_bj, 0); dL/dz = w * (z > 0 ? 1 : slope_j).
    const { dz, dslope } = expected64();
    assertClose(dslope, [1 * -2 + 0.25 * -0.75, 0.5 * -1 + -2 * -3, -3 * -0.25], 1e-9, 'dslope');
    assertClose(dz, [0.25, 2, -3 * 1.5, -1, 0.5 * -0.125, 2, 0.25 * 0.25, -2 * -0.125, 1], 1e-9, 'dz');
  });

  for (const backend of TEST_BACKENDS) {
    describe(`on ${backend}`, () => {
      before(() => useBackend(backend));

      test('gradients with respect to z and the slope match float64 central differences', async () => {
        const expected = expected64();
        const actual = await assertNoLeakedTensors(tfGradients);
        assertClose(actual.dz, expected.dz, F32_TOLERANCE, `dz on ${backend}`);
        assertClose(actual.dslope, expected.dslope, F32_TOLERANCE, `dslope on ${backend}`);
      });

      test('gradients agree with float32 finite differences of the forward pass', () => {
        // L is piecewise linear, so the difference is exact up to rounding: |L| < 16 has ulp 1e-6,
        // over 2h = 0.25 that is < 1e-5.
        const h = 0.125;
        const actual = tfGradients();
        const dslope = SLOPE.map(
          (_, j) =>
            (loss32(
              Z,
              SLOPE.map((s, jj) => (jj === j ? s + h : s)),
            ) -
              loss32(
                Z,
                SLOPE.map((s, jj) => (jj === j ? s - h : s)),
              )) /
            (2 * h),
        );
        const shifted = (b: number, j: number, by: number) =>
          Z.map((row, bb) => row.map((v, jj) => (bb === b && jj === j ? v + by : v)));
        const dz = Z.flatMap((row, b) =>
          row.map((_, j) => (loss32(shifted(b, j, h), SLOPE) - loss32(shifted(b, j, -h), SLOPE)) / (2 * h)),
        );
        assertClose(actual.dslope, dslope, 1e-4, `dslope on ${backend}`);
        assertClose(actual.dz, dz, 1e-4, `dz on ${backend}`);
      });
    });
  }
});
