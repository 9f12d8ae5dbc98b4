/**
 * A TF.js layers model as the plain layer descriptions walk.ts reads. Type-only imports of
 * tfjs-layers: the library must use the model's own TF.js, whichever copy the user loaded.
 */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { LayerNode } from './walk.js';

type Layer = LayersModel['layers'][number];

/** Every layer of `model` in its (topological) order, and the rank of every tensor they output. */
export function modelGraph(model: LayersModel): { layers: LayerNode[]; ranks: Map<string, number> } {
  const ranks = new Map<string, number>();
  const layers = model.layers.map((layer: Layer): LayerNode => {
    const first = layer.inboundNodes[0];
    for (const node of layer.inboundNodes) for (const tensor of node.outputTensors) ranks.set(tensor.name, tensor.rank);
    return {
      name: layer.name,
      kind: layer.getClassName(),
      config: layer.getConfig(),
      calls: layer.inboundNodes.length,
      inboundLayers: first ? first.inboundLayers.map((inbound) => inbound.name) : [],
      inputTensors: first ? first.inputTensors.map((tensor) => tensor.name) : [],
      outputTensors: first ? first.outputTensors.map((tensor) => tensor.name) : [],
      hasWeights: layer.weights.length > 0,
    };
  });
  for (const input of model.inputs) ranks.set(input.name, input.rank);
  return { layers, ranks };
}
