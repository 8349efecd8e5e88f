/**
 * Tensors as minima passes them to and from ONNX models, the check of
 * inputs against a model's signature, and the rows of a batch.
 *
 * A request is checked here, on the event loop, before it reaches a
 * session: onnxruntime's own message for a wrong shape names neither the
 * request's field nor the rule, and a wrong input in a merged batch would
 * fail every caller in it. Batches are made by stacking the inputs of
 * several callers along dim 0 and cutting the outputs the same way.
 */
import { type FieldIssue, invalidFields } from "../../errors.ts";

/** The element types minima evaluates. */
export type TensorType = "float32" | "float64" | "int32" | "int64" | "bool" | "uint8";

/** The arrays behind each element type (bool as bytes, 0 or 1). */
export type TensorData = Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array;

/** A dense, row-major tensor. */
export interface Tensor {
  type: TensorType;
  dims: number[];
  data: TensorData;
}

/** An input or output of a model; symbolic dims are given by their names. */
export interface TensorInfo {
  name: string;
  type: string;
  shape: (number | string)[];
}

/** What a model takes and gives, as minima shows it. */
export interface ModelSignature {
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  /** Version of the default (ai.onnx) opset. */
  opset: number;
  /** producer_name and producer_version, e.g. "pytorch 2.3.0". */
  producer: string;
}

type ArrayCtor =
  | Float32ArrayConstructor
  | Float64ArrayConstructor
  | Int32ArrayConstructor
  | BigInt64ArrayConstructor
  | Uint8ArrayConstructor;

const ARRAY: Record<TensorType, ArrayCtor> = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  int64: BigInt64Array,
  bool: Uint8Array,
  uint8: Uint8Array,
};

/** True for the element types minima evaluates. */
export function isTensorType(type: string): type is TensorType {
  return Object.hasOwn(ARRAY, type);
}

/** The number of elements of a shape. */
export function elementCount(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

function describeShape(shape: readonly (number | string)[]): string {
  return `[${shape.join(", ")}]`;
}

/**
 * Checks that `inputs` are exactly the model's inputs, each with its type,
 * rank, fixed dims, and one value per symbolic dim name across inputs.
 *
 * @throws {Problem} a 422 naming each wrong input as `inputs.<name>`.
 */
export function checkInputs(expected: readonly TensorInfo[], inputs: Record<string, Tensor>): void {
  const issues: FieldIssue[] = [];
  const known = new Set(expected.map((i) => i.name));
  for (const name of Object.keys(inputs)) {
    if (!known.has(name)) {
      issues.push({
        field: `inputs.${name}`,
        rule: "unknown_input",
        message: `the model has no input "${name}" (its inputs: ${[...known].join(", ")})`,
      });
    }
  }
  const symbols = new Map<string, { value: number; from: string }>();
  for (const info of expected) {
    const field = `inputs.${info.name}`;
    const t = Object.hasOwn(inputs, info.name) ? inputs[info.name] : undefined;
    if (!t) {
      issues.push({ field, rule: "missing_input", message: "the model needs this input" });
      continue;
    }
    if (t.type !== info.type) {
      issues.push({ field, rule: "type", message: `must be ${info.type}, not ${t.type}` });
      continue;
    }
    if (!isTensorType(t.type) || !(t.data instanceof ARRAY[t.type])) {
      issues.push({
        field,
        rule: "type",
        message: `${t.type} data must be a ${
          ARRAY[info.type as TensorType]?.name ?? "typed array"
        }`,
      });
      continue;
    }
    if (!t.dims.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      issues.push({ field, rule: "shape", message: "dims must be whole numbers ≥ 0" });
      continue;
    }
    // A shape the model leaves unknown (no dims at all) takes any tensor.
    if (info.shape.length > 0 && t.dims.length !== info.shape.length) {
      issues.push({
        field,
        rule: "rank",
        message: `must have ${info.shape.length} dims ${
          describeShape(info.shape)
        }, not ${t.dims.length}`,
      });
      continue;
    }
    let bad = false;
    info.shape.forEach((want, axis) => {
      const got = t.dims[axis];
      if (typeof want === "number") {
        if (got !== want && !bad) {
          bad = true;
          issues.push({
            field,
            rule: "shape",
            message: `dim ${axis} must be ${want}, not ${got} (shape ${describeShape(info.shape)})`,
          });
        }
        return;
      }
      if (want === "") return; // an unnamed dynamic dim
      const seen = symbols.get(want);
      if (!seen) symbols.set(want, { value: got, from: field });
      else if (seen.value !== got && !bad) {
        bad = true;
        issues.push({
          field,
          rule: "shape",
          message: `dim ${axis} (${want}) is ${got} here but ${seen.value} in ${seen.from}`,
        });
      }
    });
    if (bad) continue;
    const count = elementCount(t.dims);
    if (t.data.length !== count) {
      issues.push({
        field,
        rule: "size",
        message: `${t.data.length} values for dims ${describeShape(t.dims)}, which need ${count}`,
      });
    }
  }
  if (issues.length > 0) throw invalidFields(issues);
}

/**
 * The name of dim 0 when a model can be batched: every input's and every
 * output's first dim is the same named symbolic dim, so that row i of every
 * output belongs to row i of the inputs. Null otherwise (an output whose
 * first dim is fixed or another symbol may mix or drop rows: such a model
 * runs each request alone). Each run still checks that the outputs have the
 * batch's rows.
 */
export function batchAxis(
  inputs: readonly TensorInfo[],
  outputs: readonly TensorInfo[],
): string | null {
  if (inputs.length === 0 || outputs.length === 0) return null;
  const first = inputs[0].shape[0];
  if (typeof first !== "string" || first === "") return null;
  if (![...inputs, ...outputs].every((t) => t.shape[0] === first)) return null;
  return first;
}

/** Stacks tensors of the same type and trailing dims along dim 0. */
export function concatRows(parts: readonly Tensor[]): Tensor {
  const { type } = parts[0];
  const rows = parts.reduce((n, p) => n + p.dims[0], 0);
  const dims = [rows, ...parts[0].dims.slice(1)];
  const out = new ARRAY[type](elementCount(dims));
  let at = 0;
  for (const p of parts) {
    (out as Float64Array).set(p.data as Float64Array, at);
    at += p.data.length;
  }
  return { type, dims, data: out };
}

/** Rows [start, end) of a tensor, as a tensor with its own copy of the data. */
export function sliceRows(t: Tensor, start: number, end: number): Tensor {
  const per = elementCount(t.dims.slice(1));
  return {
    type: t.type,
    dims: [end - start, ...t.dims.slice(1)],
    data: t.data.slice(start * per, end * per),
  };
}

/** Why a model with these inputs and outputs is not one minima evaluates, or null. */
export function unsupportedTensors(
  inputs: readonly TensorInfo[],
  outputs: readonly TensorInfo[],
): string | null {
  for (const [kind, list] of [["input", inputs], ["output", outputs]] as const) {
    for (const t of list) {
      if (!isTensorType(t.type)) {
        return `${kind} "${t.name}" is ${t.type}; minima evaluates float32, float64, int32, ` +
          "int64, bool and uint8 tensors";
      }
    }
  }
  return null;
}
