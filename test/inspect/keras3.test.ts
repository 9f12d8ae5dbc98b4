/** Keras 3 topologies and weight names, translated for TF.js 4.22 (src/inspect/keras3.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  isKeras3Topology,
  keras2Topology,
  keras3WeightOwners,
  parseStoragePath,
  toSnakeCase,
} from '../../src/inspect/keras3.js';

const tensor = (layer: string) => ({
  class_name: '__keras_tensor__',
  config: { shape: [null, 4], dtype: 'float32', keras_history: [layer, 0, 0] },
});
const policy = { class_name: 'DTypePolicy', config: { name: 'float32' }, shared_object_id: 1 };

const keras3 = {
  keras_version: '3.15.1',
  model_config: {
    class_name: 'Functional',
    config: {
      name: 'm',
      layers: [
        {
          class_name: 'InputLayer',
          name: 'x',
          config: { batch_shape: [null, 4], dtype: 'float32', name: 'x', optional: false },
          inbound_nodes: [],
        },
        {
          class_name: 'Dense',
          name: 'd',
          config: { name: 'd', dtype: policy, units: 4 },
          inbound_nodes: [{ args: [tensor('x')], kwargs: {} }],
        },
        {
          class_name: 'LeakyReLU',
          name: 'l',
          config: { name: 'l', dtype: policy, negative_slope: 0.2 },
          inbound_nodes: [{ args: [tensor('d')], kwargs: {} }],
        },
        {
          class_name: 'Concatenate',
          name: 'c',
          config: { name: 'c', dtype: policy, axis: -1 },
          inbound_nodes: [{ args: [[tensor('l'), tensor('d')]], kwargs: {} }],
        },
        {
          class_name: 'Dense',
          name: 'out',
          config: { name: 'out', dtype: policy, units: 1 },
          inbound_nodes: [{ args: [tensor('c')], kwargs: {} }],
        },
      ],
      input_layers: ['x', 0, 0],
      output_layers: ['out', 0, 0],
    },
  },
};

test('a Keras 3 topology becomes the Keras 2 form TF.js reads', () => {
  assert.equal(isKeras3Topology(keras3), true);
  const config = (
    keras2Topology(keras3).model_config as {
      config: { layers: Record<string, unknown>[]; input_layers: unknown; output_layers: unknown };
    }
  ).config;
  assert.deepEqual(config.layers[0].config, { batch_input_shape: [null, 4], dtype: 'float32', name: 'x' });
  assert.deepEqual(config.layers[1].config, { name: 'd', dtype: 'float32', units: 4 });
  assert.deepEqual(config.layers[1].inbound_nodes, [[['x', 0, 0, {}]]]);
  assert.deepEqual(config.layers[2].config, { name: 'l', dtype: 'float32', alpha: 0.2 });
  assert.deepEqual(config.layers[3].inbound_nodes, [
    [
      ['l', 0, 0, {}],
      ['d', 0, 0, {}],
    ],
  ]);
  assert.deepEqual(config.input_layers, [['x', 0, 0]]);
  assert.deepEqual(config.output_layers, [['out', 0, 0]]);
});

test('a Keras 2 topology is left alone', () => {
  assert.equal(
    isKeras3Topology({
      keras_version: '2.19.0',
      model_config: { config: { layers: [{ inbound_nodes: [[['x', 0, 0, {}]]] }] } },
    }),
    false,
  );
});

test('a ReLU with a negative slope has no TF.js equivalent and is refused by name', () => {
  const relu = {
    class_name: 'ReLU',
    name: 'r',
    config: { name: 'r', max_value: null, negative_slope: 0.1, threshold: 0 },
  };
  assert.throws(() => keras2Topology(relu), {
    message: 'layer r: ReLU with negative_slope 0.1 has no TF.js equivalent',
  });
  assert.deepEqual(
    keras2Topology({ ...relu, config: { name: 'r', max_value: null, negative_slope: 0, threshold: 0 } }).config,
    { name: 'r', max_value: null },
  );
});

test('class names in snake case as Keras writes them', () => {
  assert.deepEqual(
    ['BatchNormalization', 'Conv2D', 'Dense', 'LeakyReLU', 'PReLU', 'SeparableConv2D', 'Conv2DTranspose'].map(
      toSnakeCase,
    ),
    ['batch_normalization', 'conv2d', 'dense', 'leaky_re_lu', 'p_re_lu', 'separable_conv2d', 'conv2d_transpose'],
  );
});

test('storage paths name the layers of each class in layer order', () => {
  const owners = keras3WeightOwners(keras3);
  assert.equal(owners.get('dense'), 'd');
  assert.equal(owners.get('dense_1'), 'out');
  assert.equal(owners.get('leaky_re_lu'), 'l');
  assert.deepEqual(parseStoragePath('layers/dense_1/vars/0'), { storageName: 'dense_1', index: 0 });
  assert.equal(parseStoragePath('dense_a/kernel'), null);
});
