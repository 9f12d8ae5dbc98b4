import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closestChoices, didYouMeanChoice } from '../../../src/experiments/config/suggest.js';
import { ACTIVATIONS, BACKENDS, DATASETS, INITIALIZERS, OPTIMIZERS } from '../../../src/experiments/config/tables.js';

const activations = Object.keys(ACTIVATIONS);

test("closestChoices: the same name spelt otherwise, another tool's name, a prefix, an abbreviation, then typos", () => {
  assert.deepEqual(closestChoices('Leaky-ReLU', activations), ['leaky_relu']);
  assert.deepEqual(closestChoices('swish', activations), ['silu']);
  assert.deepEqual(closestChoices('xavier', Object.keys(INITIALIZERS)), ['glorot_uniform', 'glorot_normal']);
  assert.deepEqual(closestChoices('he', Object.keys(INITIALIZERS)), ['he_normal', 'he_uniform']);
  // An abbreviation comes before typos: "lrelu" is one edit from relu and prelu, but means leaky_relu.
  assert.deepEqual(closestChoices('lrelu', activations), ['leaky_relu']);
  assert.deepEqual(closestChoices('tahn', activations), ['tanh']);
  assert.deepEqual(closestChoices('mnsit', Object.keys(DATASETS)), ['mnist']);
  assert.deepEqual(closestChoices('adm', Object.keys(OPTIMIZERS)), ['adam']);
  assert.deepEqual(closestChoices('tensorflow-node', Object.keys(BACKENDS)), ['tensorflow']);
});

test('closestChoices: nothing for what is not close to any name', () => {
  assert.deepEqual(closestChoices('sigmoid', activations), []);
  assert.deepEqual(closestChoices('foo', activations), []);
  assert.deepEqual(closestChoices('', activations), []);
});

test('didYouMeanChoice: one name, two names, or nothing; numbers are read as their text', () => {
  assert.equal(didYouMeanChoice('lrelu', activations), ' (did you mean leaky_relu?)');
  assert.equal(didYouMeanChoice('he', Object.keys(INITIALIZERS)), ' (did you mean he_normal or he_uniform?)');
  assert.equal(didYouMeanChoice(3, activations), '');
  assert.equal(didYouMeanChoice({ a: 1 }, activations), '');
});
