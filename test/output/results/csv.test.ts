import { test } from 'node:test';
import assert from 'node:assert/strict';
import { comparisonsCsv, epochsCsv, formatCell, metricsCsv, runsCsv, summaryCsv } from '../../../src/output/results/csv.js';
import { divergedRun, leakyComparison, leakyConfiguration, reluRun, runSummary } from '../../helpers/records.js';

const lines = (...rows: string[]) => `${rows.join('\n')}\n`;

test('formatCell: empty for null, 8 significant digits, quotes where CSV needs them', () => {
  assert.equal(formatCell(null), '');
  assert.equal(formatCell(undefined), '');
  assert.equal(formatCell(0.1 + 0.2), '0.3');
  assert.equal(formatCell(1 / 3), '0.33333333');
  assert.equal(formatCell(42), '42');
  assert.equal(formatCell(Number.NaN), 'NaN');
  assert.equal(formatCell(true), 'true');
  assert.equal(formatCell('relu'), 'relu');
  assert.equal(formatCell('a,b'), '"a,b"');
  assert.equal(formatCell('say "hi"'), '"say ""hi"""');
  assert.equal(formatCell('two\nlines'), '"two\nlines"');
});

test('metricsCsv: one row per run, epoch and layer', () => {
  assert.equal(
    metricsCsv([reluRun()]),
    lines(
      'run_id,epoch,layer,units,dead_units,dead_fraction,near_dead_units,near_dead_fraction,active_rate,revived,newly_dead,grad_norm',
      'r000-relu-s1,0,1,4,0,0,1,0.25,0.5,0,0,0.1',
      'r000-relu-s1,0,2,4,1,0.25,1,0.25,0.375,0,0,0.2',
      'r000-relu-s1,1,1,4,1,0.25,1,0.25,0.4,0,1,0.3',
      'r000-relu-s1,1,2,4,1,0.25,2,0.5,0.33333333,1,1,0.05',
    ),
  );
});

test('epochsCsv: one row per run and epoch; missing test metrics are empty, NaN stays NaN', () => {
  assert.equal(
    epochsCsv([reluRun(), divergedRun()]),
    lines(
      'run_id,epoch,loss,train_accuracy,test_loss,test_accuracy,dead_fraction,collapsed',
      'r000-relu-s1,0,0.75,0.5,0.8,0.45,0.125,false',
      'r000-relu-s1,1,0.5,0.75,,,0.25,false',
      'r001-relu-s2,0,0.7,0.5,0.7,0.5,0.5,true',
      'r001-relu-s2,1,NaN,0.5,NaN,0.5,0.75,true',
    ),
  );
});

test('runsCsv: swept columns in sweep order with seed last, values quoted when needed', () => {
  const runs = [
    runSummary({ runId: 'r000', seed: 1, swept: { seed: 1, 'model.activation': 'relu', 'dataset.target': 'price, usd' } }),
    runSummary({
      runId: 'r001', seed: 2, swept: { seed: 2, 'model.activation': 'leaky_relu', 'dataset.target': 'say "hi"' },
      status: 'diverged', divergedAtEpoch: 4, collapsedAtInit: true, loss: Number.NaN, trainAccuracy: null,
      testAccuracy: null, seconds: 2.25,
    }),
  ];
  const header =
    'run_id,model.activation,dataset.target,seed,status,diverged_at_epoch,collapsed_at_init,dead_fraction_init,' +
    'dead_fraction_final,loss,train_accuracy,test_accuracy,seconds';
  assert.equal(
    runsCsv(runs, ['seed', 'model.activation', 'dataset.target']),
    lines(
      header,
      'r000,relu,"price, usd",1,ok,,false,0.1,0.2,0.5,0.8,0.75,1',
      'r001,leaky_relu,"say ""hi""",2,diverged,4,true,0.1,0.2,NaN,,,2.25',
    ),
  );
  // Seed is a column even when it was not swept.
  assert.equal(runsCsv([runs[0]], []).split('\n')[0], header.replace('model.activation,dataset.target,', ''));
});

test('summaryCsv: mean, std and interval ends per statistic; an empty statistic is four empty cells', () => {
  const single = leakyConfiguration({
    key: { 'model.activation': 'relu', 'model.alpha': null }, runIds: ['r009'], seeds: [7], collapsedAtInit: 0,
    collapsedAtInitInterval: { low: 0, high: 0.79345069 }, loss: { n: 1, mean: 0.5, std: null, low: null, high: null }, unstable: 1,
  });
  const header = [
    'model.activation,model.alpha,runs,seeds',
    'dead_fraction_init_mean,dead_fraction_init_std,dead_fraction_init_low,dead_fraction_init_high',
    'dead_fraction_final_mean,dead_fraction_final_std,dead_fraction_final_low,dead_fraction_final_high',
    'loss_mean,loss_std,loss_low,loss_high',
    'train_accuracy_mean,train_accuracy_std,train_accuracy_low,train_accuracy_high',
    'test_accuracy_mean,test_accuracy_std,test_accuracy_low,test_accuracy_high',
    'collapsed_at_init,collapsed_at_init_share_low,collapsed_at_init_share_high,diverged,unstable',
  ].join(',');
  assert.equal(
    summaryCsv([leakyConfiguration(), single], ['model.activation', 'model.alpha', 'seed']),
    lines(
      header,
      'leaky_relu,0.01,3,1 2 3,0.125,0.05,0.06,0.22,0.166,0.0085,0.147,0.187,0.41234,0.005,0.40004,0.42464,,,,,0.9,0.02,0.83,0.95,1,0.06149194,0.7923404,0,0',
      'relu,,1,7,0.125,0.05,0.06,0.22,0.166,0.0085,0.147,0.187,0.5,,,,,,,,0.9,0.02,0.83,0.95,0,0,0.79345069,0,1',
    ),
  );
});

test('comparisonsCsv: the baseline by label, the seeds paired, dropped and excluded, then per statistic the differences', () => {
  const header = [
    'model.activation,model.alpha,baseline,n,seeds,unpaired_seeds,diverged_seeds',
    'dead_fraction_init_diff_mean,dead_fraction_init_diff_std,dead_fraction_init_diff_low,dead_fraction_init_diff_high',
    'dead_fraction_final_diff_mean,dead_fraction_final_diff_std,dead_fraction_final_diff_low,dead_fraction_final_diff_high',
    'loss_diff_mean,loss_diff_std,loss_diff_low,loss_diff_high',
    'train_accuracy_diff_mean,train_accuracy_diff_std,train_accuracy_diff_low,train_accuracy_diff_high',
    'test_accuracy_diff_mean,test_accuracy_diff_std,test_accuracy_diff_low,test_accuracy_diff_high',
    'interval',
  ].join(',');
  const excluded = leakyComparison({
    key: { 'model.activation': 'leaky_relu', 'model.alpha': 0.3 }, seeds: [1], unpairedSeeds: [], divergedSeeds: [2, 3],
    deadFinal: { n: 1, mean: -0.25, std: null, low: null, high: null },
  });
  assert.equal(
    comparisonsCsv([leakyComparison(), excluded], ['model.activation', 'model.alpha', 'seed'], 'experiment'),
    lines(
      header,
      'leaky_relu,0.01,relu,3,1 2 3,4,,0,0,0,0,-0.2,0.05,-0.3204209,-0.0732177,-0.0233333,0.0152753,-0.0612796,0.0146129,,,,,' +
        '0.05,0.01,0.0251325,0.0748056,paired t on per-seed differences (atanh scale for shares)',
      'leaky_relu,0.3,relu,1,1,,2 3,0,0,0,0,-0.25,,,,-0.0233333,0.0152753,-0.0612796,0.0146129,,,,,' +
        '0.05,0.01,0.0251325,0.0748056,paired t on per-seed differences (atanh scale for shares)',
    ),
  );
  // Nothing to compare: the header alone, so every results folder has the same files.
  assert.equal(comparisonsCsv([], ['seed'], 'experiment'), lines(header.replace('model.activation,model.alpha,', '')));
});
