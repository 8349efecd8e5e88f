/**
 * Tensors between JSON and onnxruntime: a client's `{shape, data}` or
 * `{shape, dataBase64}` checked against a model input (its element type, its
 * rank, its fixed dimensions, and symbolic dimensions that must agree across
 * inputs), and outputs back as `{type, shape, data}` or, for clients that
 * move large batches, `{type, shape, dataBase64}`. evaluateModel and the
 * constants of model-objective studies share these rules, so both refuse the
 * same tensors with the same words.
 *
 * `dataBase64` is the cheap road for large batches, so it is decoded by V8's
 * own `Uint8Array.fromBase64` (which also does the validating) and the
 * decoded bytes become the tensor without another copy.
 */
import {
  elementCount,
  isTensorType,
  type Tensor,
  type TensorInfo,
  type TensorType,
} from "../evaluators/onnx/tensor.ts";
import { invalid } from "../errors.ts";

export { elementCount };

/** An element type minima can send to a model and read back. */
export type ElementType = TensorType;

/** Bytes per element, as `dataBase64` and a binary body carry them. */
export const ELEMENT_BYTES: Record<ElementType, number> = {
  float32: 4,
  float64: 8,
  int32: 4,
  int64: 8,
  bool: 1,
  uint8: 1,
};

/** The element type of a signature entry; null for one minima cannot send (float16, string). */
export function elementType(type: string): ElementType | null {
  return isTensorType(type) ? type : null;
}

/** What a client sends for one input (evaluateModel) or constant (a study's evaluator). */
export interface TensorInput {
  type?: string;
  shape: number[];
  data?: (number | boolean)[];
  dataBase64?: string;
  /** The values' little-endian bytes, from a binary body (models_binary.ts), never from JSON. */
  bytes?: Uint8Array<ArrayBuffer>;
}

/** A tensor as the API shows it: NaN and infinities as null, int64 as the nearest number. */
export interface TensorView {
  type: string;
  shape: number[];
  data: (number | null)[];
}

/** A tensor as the API shows it when asked for base64: its little-endian bytes, as they are. */
export interface TensorBytesView {
  type: string;
  shape: number[];
  dataBase64: string;
}

/** How evaluateModel gives outputs: JSON numbers (the default) or base64 bytes. */
export type OutputEncoding = "data" | "base64";

/**
 * Whether a dimension of a signature is dynamic (a string: its name; "" for
 * an anonymous one), and the name that binds it across inputs (null when
 * anonymous).
 */
export function dynamicDim(dim: number | string): { name: string | null } | null {
  if (typeof dim === "number") return dim < 0 ? { name: null } : null;
  return { name: dim === "" ? null : dim };
}

/** A signature's shape as people read it: `[N, 3]`. */
export function shapeText(shape: (number | string)[]): string {
  return `[${
    shape.map((d) => (typeof d === "number" && d < 0) || d === "" ? "?" : String(d)).join(", ")
  }]`;
}

/** Sizes given to symbolic dimensions so far, by name (with the field that gave each). */
export type DimBindings = Map<string, { size: number; field: string }>;

/**
 * Checks a shape against a model input's signature; throws a 422 naming
 * `field` (e.g. `inputs.x.shape`). Binds the input's symbolic dimensions.
 */
export function checkShape(
  field: string,
  info: TensorInfo,
  shape: readonly number[],
  bindings: DimBindings,
  options: { broadcastFirst?: boolean } = {},
): void {
  const expected = shapeText(info.shape);
  if (shape.length !== info.shape.length) {
    throw invalid(
      field,
      "rank",
      `the model's input "${info.name}" is ${expected} (${info.shape.length} dimensions); ` +
        `got ${shape.length}: [${shape.join(", ")}]`,
    );
  }
  info.shape.forEach((dim, i) => {
    const size = shape[i];
    const dynamic = dynamicDim(dim);
    if (!dynamic) {
      if (size !== dim) {
        throw invalid(
          field,
          "dimension",
          `dimension ${i} must be ${dim} (the model's input "${info.name}" is ${expected}); ` +
            `got ${size}`,
        );
      }
      return;
    }
    // A constant given for one row is repeated for each: it binds nothing.
    if (dynamic.name === null || (i === 0 && options.broadcastFirst && size === 1)) return;
    const bound = bindings.get(dynamic.name);
    if (bound && bound.size !== size) {
      throw invalid(
        field,
        "dimension",
        `dimension ${i} is "${dynamic.name}", which ${bound.field} gives as ${bound.size}; got ${size}`,
      );
    }
    if (!bound) bindings.set(dynamic.name, { size, field });
  });
}

/** The range of each integer element type, for checking JSON numbers. */
const INTEGER_RANGE: Partial<Record<ElementType, [number, number]>> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint8: [0, 255],
  bool: [0, 1],
};

/** A typed array of `type` holding `values` (already checked to fit). */
export function typedArray(type: ElementType, values: ArrayLike<number>): Tensor["data"] {
  switch (type) {
    case "float32":
      return Float32Array.from(values);
    case "float64":
      return Float64Array.from(values);
    case "int32":
      return Int32Array.from(values);
    case "int64":
      return BigInt64Array.from(values as ArrayLike<number>, (v) => BigInt(v));
    default:
      return Uint8Array.from(values);
  }
}

/** A tensor's values as numbers (int64 as the nearest number, bool as 0/1). */
export function numbersOf(t: Tensor): ArrayLike<number> {
  if (t.data instanceof BigInt64Array) return Array.from(t.data, (v) => Number(v));
  return t.data;
}

/** The values of a JSON `data` array as numbers of `type`; a 422 naming the first that does not fit. */
function valuesOf(field: string, type: ElementType, data: (number | boolean)[]): number[] {
  const range = INTEGER_RANGE[type];
  const out = new Array<number>(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    const n = typeof v === "boolean" ? (v ? 1 : 0) : v;
    const fits = range
      ? Number.isInteger(n) && n >= range[0] && n <= range[1] &&
        (typeof v === "number" || type === "bool")
      : typeof v === "number";
    if (!fits) {
      const want = type === "bool"
        ? "true, false, 0 or 1"
        : range
        ? `an integer from ${range[0]} to ${range[1]}`
        : "a number";
      throw invalid(`${field}[${i}]`, "type", `must be ${want} (the input is ${type}); got ${v}`);
    }
    out[i] = n;
  }
  return out;
}

/**
 * The tensor data of `type` over little-endian `bytes`, which become its
 * memory (the caller gives them away): a view when the offset is aligned,
 * a copy only when it is not; bool bytes are normalised to 0/1 in place.
 */
function fromBytes(type: ElementType, bytes: Uint8Array<ArrayBuffer>): Tensor["data"] {
  const size = ELEMENT_BYTES[type];
  const aligned = bytes.byteOffset % size === 0 ? bytes : bytes.slice();
  const { buffer, byteOffset, byteLength } = aligned;
  switch (type) {
    case "float32":
      return new Float32Array(buffer, byteOffset, byteLength / size);
    case "float64":
      return new Float64Array(buffer, byteOffset, byteLength / size);
    case "int32":
      return new Int32Array(buffer, byteOffset, byteLength / size);
    case "int64":
      return new BigInt64Array(buffer, byteOffset, byteLength / size);
    case "bool":
      for (let i = 0; i < aligned.length; i++) if (aligned[i] > 1) aligned[i] = 1;
      return aligned;
    default:
      return aligned;
  }
}

/** Bytes of RFC 4648 base64 (padding required; ASCII whitespace skipped), or null. */
function decodeBase64(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    return Uint8Array.fromBase64(text, { lastChunkHandling: "strict" });
  } catch {
    return null;
  }
}

/**
 * A client's tensor for a model input, checked against its signature (type,
 * rank, dimensions, the number of values); every problem is a 422 naming
 * `field` (`inputs.x`, `objective.evaluator.constants.c`).
 */
export function decodeTensor(
  field: string,
  info: TensorInfo,
  input: TensorInput,
  bindings: DimBindings,
  options: { broadcastFirst?: boolean } = {},
): Tensor {
  const type = elementType(info.type);
  if (type === null) {
    throw invalid(
      field,
      "type",
      `the model's input "${info.name}" is ${info.type}, which minima cannot send ` +
        "(it sends float32, float64, int32, int64, bool and uint8)",
    );
  }
  if (input.type !== undefined && elementType(input.type) !== type) {
    throw invalid(
      `${field}.type`,
      "type",
      `the model's input "${info.name}" is ${type}; got ${input.type}`,
    );
  }
  checkShape(`${field}.shape`, info, input.shape, bindings, options);
  const count = elementCount(input.shape);
  const given = [input.data, input.dataBase64, input.bytes].filter((x) => x !== undefined);
  if (given.length !== 1) {
    throw invalid(field, "data", "give the values as either `data` or `dataBase64`");
  }
  let data: Tensor["data"];
  if (input.data !== undefined) {
    if (input.data.length !== count) {
      throw invalid(
        `${field}.data`,
        "count",
        `shape [${input.shape.join(", ")}] holds ${count} values; got ${input.data.length}`,
      );
    }
    data = typedArray(type, valuesOf(`${field}.data`, type, input.data));
  } else {
    const bytes = input.bytes ?? decodeBase64(input.dataBase64!);
    if (bytes === null) {
      throw invalid(`${field}.dataBase64`, "base64", "is not base64 (RFC 4648, with padding)");
    }
    const want = count * ELEMENT_BYTES[type];
    if (bytes.length !== want) {
      throw invalid(
        input.bytes ? field : `${field}.dataBase64`,
        "count",
        `shape [${input.shape.join(", ")}] of ${type} takes ${want} bytes ` +
          `(${count} × ${ELEMENT_BYTES[type]}, little-endian); got ${bytes.length}`,
      );
    }
    data = fromBytes(type, bytes);
  }
  return { type, dims: [...input.shape], data };
}

/** A tensor repeated `rows` times along its first dimension (of size 1). */
export function repeatRows(t: Tensor, rows: number): Tensor {
  if (rows === 1) return t;
  const data = new (t.data.constructor as new (n: number) => Tensor["data"])(t.data.length * rows);
  for (let r = 0; r < rows; r++) {
    (data as unknown as { set(a: ArrayLike<unknown>, o: number): void }).set(
      t.data as ArrayLike<unknown>,
      r * t.data.length,
    );
  }
  return { type: t.type, dims: [rows, ...t.dims.slice(1)], data };
}

/** An output as the API shows it, by default. */
export function tensorView(t: Tensor): TensorView {
  const values = numbersOf(t);
  const data = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    data[i] = Number.isFinite(values[i]) ? values[i] : null;
  }
  return { type: t.type, shape: [...t.dims], data };
}

/**
 * An output as base64 of its little-endian bytes (int64 as 8 bytes, bool as
 * 0/1 bytes, NaN and infinities as they are): no JSON number per value.
 */
export function tensorBytesView(t: Tensor): TensorBytesView {
  const bytes = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  return { type: t.type, shape: [...t.dims], dataBase64: bytes.toBase64() };
}
