/**
 * ONNX models that minima evaluates itself (issue 11): the runtime, its
 * tensors, and the writer of ONNX graphs. Import from here.
 */
export {
  type EvaluateOptions,
  type Evaluation,
  EvaluationFailed,
  ModelInvalid,
  type OnnxOptions,
  OnnxRuntime,
  type OnnxStatus,
} from "./runtime.ts";
export type { ModelSignature, Tensor, TensorData, TensorInfo, TensorType } from "./tensor.ts";
export { PROVIDER_NAMES, type ProviderName, type ProviderState } from "./providers.ts";
export type { ModelCounts } from "./metrics.ts";
export {
  type AttributeValue,
  type ElemType,
  encodeModel,
  type ModelHeader,
  type ModelSpec,
  type NodeSpec,
  readModelHeader,
  type TensorSpec,
  type ValueSpec,
} from "./proto.ts";
