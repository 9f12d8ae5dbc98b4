import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson } from '../../../src/experiments/config/canonical-json.js';

test('canonicalJson ignores key order', () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } }),
    '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
  );
});

test('canonicalJson leaves out undefined values, so a missing key and an undefined one are the same config', () => {
  assert.equal(canonicalJson({ a: 1, b: undefined }), canonicalJson({ a: 1 }));
  assert.equal(canonicalJson({ a: 1, b: undefined }), '{"a":1}');
});
