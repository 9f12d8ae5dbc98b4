/** The layer walk on hand-made layer graphs: what is measured, through what, and why not. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { walkModel, type LayerNode } from '../../src/inspect/walk.js';

/** A layer called once, fed by `from` (a layer name), outputting `<name>/out`. */
function layer(
  name: string,
  kind: string,
  from: string[],
  config: Record<string, unknown> = {},
  hasWeights = false,
): LayerNode {
  return {
    name,
    kind,
    config,
    calls: 1,
    inboundLayers: from,
    inputTensors: from.map((f) => `${f}/out`),
    outputTensors: [`${name}/out`],
    hasWeights,
  };
}
const dense = (name: string, from: string, activation = 'linear') => layer(name, 'Dense', [from], { activation }, true);
const ranks = (rank: number, ...names: string[]) => new Map(names.map((name) => [`${name}/out`, rank]));

test('an inline relu is measured on the layer output; softmax read-out listed as not measured', () => {
  const layers = [layer('in', 'InputLayer', []), dense('d1', 'in', 'relu'), dense('out', 'd1', 'softmax')];
  const walk = walkModel(layers, ranks(2, 'in', 'd1', 'out'));
  assert.deepEqual(walk.targets, [
    { layer: 'd1', kind: 'Dense', activation: 'relu', path: ['d1'], tensor: 'd1/out', unitAxis: 1 },
  ]);
  assert.deepEqual(walk.notMeasured, [
    { layer: 'out', kind: 'Dense', reason: 'activation softmax and no rectifier after it' },
  ]);
});

test('a rectifier layer is traced back through batch norm and dropout; its input is the measured tensor', () => {
  const layers = [
    layer('in', 'InputLayer', []),
    layer('conv', 'Conv2D', ['in'], { activation: 'linear', dataFormat: 'channelsLast' }, true),
    layer('bn', 'BatchNormalization', ['conv'], {}, true),
    layer('drop', 'Dropout', ['bn']),
    layer('act', 'LeakyReLU', ['drop'], { alpha: 0.10000000149011612 }),
  ];
  const walk = walkModel(layers, ranks(4, 'in', 'conv', 'bn', 'drop', 'act'));
  assert.deepEqual(walk.targets, [
    {
      layer: 'conv',
      kind: 'Conv2D',
      activation: 'leaky_relu alpha=0.1',
      path: ['conv', 'bn', 'drop', 'act'],
      tensor: 'drop/out',
      unitAxis: 3,
    },
  ]);
  assert.deepEqual(walk.notMeasured, []);
});

test('channels-first convolutions have their units on axis 1', () => {
  const layers = [
    layer('in', 'InputLayer', []),
    layer('c', 'Conv1D', ['in'], { activation: 'relu', dataFormat: 'channelsFirst' }, true),
  ];
  assert.equal(walkModel(layers, ranks(3, 'in', 'c')).targets[0].unitAxis, 1);
});

test('every rectifier kind is named as it reads', () => {
  const names = [
    layer('a', 'ReLU', ['d'], {}),
    layer('b', 'ReLU', ['d'], { maxValue: 6 }),
    layer('c', 'PReLU', ['d'], {}, true),
    layer('e', 'ELU', ['d'], { alpha: 0.5 }),
    layer('f', 'Activation', ['d'], { activation: 'selu' }),
  ].map((rectifier) => walkModel([dense('d', 'in'), rectifier], new Map()).targets[0].activation);
  assert.deepEqual(names, ['relu', 'relu max=6', 'prelu', 'elu alpha=0.5', 'selu']);
});

test('what cannot be attributed to a unit layer is listed with why, not measured', () => {
  const layers = [
    layer('in', 'InputLayer', []),
    dense('a', 'in'),
    dense('b', 'in'),
    layer('sum', 'Add', ['a', 'b']),
    layer('r1', 'ReLU', ['sum']),
    dense('t', 'in', 'tanh'),
    layer('r2', 'ReLU', ['t']),
    layer('lstm', 'LSTM', ['in'], { activation: 'tanh' }, true),
    { ...dense('shared', 'in', 'relu'), calls: 2 },
  ];
  const walk = walkModel(layers, new Map());
  assert.deepEqual(walk.targets, []);
  assert.deepEqual(walk.notMeasured, [
    { layer: 'a', kind: 'Dense', reason: 'activation linear and no rectifier after it' },
    { layer: 'b', kind: 'Dense', reason: 'activation linear and no rectifier after it' },
    { layer: 'r1', kind: 'ReLU', reason: 'its input comes from sum (Add), not from a Dense or convolution layer' },
    { layer: 't', kind: 'Dense', reason: 'activation tanh and no rectifier after it' },
    { layer: 'r2', kind: 'ReLU', reason: "its input is t's output after that layer's own tanh" },
    { layer: 'lstm', kind: 'LSTM', reason: 'inspect does not measure LSTM layers' },
    {
      layer: 'shared',
      kind: 'Dense',
      reason: 'called 2 times in the model (a shared layer); inspect measures layers called once',
    },
  ]);
});
