/**
 * ONNX models written in code, and the header of a model read back.
 *
 * minima writes ONNX itself: the test objectives (Branin, an MLP, an image
 * decoder) are graphs built here rather than files made by Python, and a
 * trained surrogate will be exported as ONNX (issue 13). The messages are
 * ONNX's own protobuf definitions (the `onnx-proto` package); this module
 * only gives them a small typed surface: values with symbolic dims ("N"),
 * nodes with typed attributes, initializers from typed arrays.
 *
 * onnxruntime reports a model's inputs and outputs but not its opset or
 * producer, so `readModelHeader` reads those from the bytes (and
 * `readModelHeaderFile` from a file, reading only those fields). It scans
 * the top level of the ModelProto and skips the graph without decoding it:
 * the weights of a large model are never read into JavaScript. The runtime
 * reads the header before onnxruntime sees a model, so bytes that are not a
 * model are refused as such whichever providers are configured.
 */
import * as onnxProto from "onnx-proto";

// onnx-proto is CommonJS (`module.exports = { onnx }`): Deno gives it as the
// default export, while its types describe named exports.
const { onnx } = (onnxProto as unknown as { default?: typeof onnxProto }).default ?? onnxProto;

/** The element types minima reads and writes. */
export type ElemType = "float32" | "float64" | "int32" | "int64" | "bool" | "uint8";

/** ONNX's TensorProto.DataType codes of the element types. */
export const ELEM_TYPE_CODE: Record<ElemType, number> = {
  float32: 1,
  uint8: 2,
  int32: 6,
  int64: 7,
  bool: 9,
  float64: 11,
};

/** A graph input or output: its name, element type and shape (strings are symbolic dims). */
export interface ValueSpec {
  name: string;
  type: ElemType;
  shape: (number | string)[];
}

/** A constant tensor (an initializer, or a tensor attribute). */
export interface TensorSpec {
  name?: string;
  type: ElemType;
  dims: number[];
  /** Row-major values; bool and uint8 as 0/1 and bytes. */
  data: Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array | number[];
}

/** A node attribute, tagged with its ONNX type. */
export type AttributeValue =
  | { int: number }
  | { float: number }
  | { ints: number[] }
  | { floats: number[] }
  | { string: string }
  | { tensor: TensorSpec };

/** One operator of the graph. */
export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  /** Empty (the default) is the standard ai.onnx domain. */
  domain?: string;
  attributes?: Record<string, AttributeValue>;
}

/** A whole model. */
export interface ModelSpec {
  name?: string;
  inputs: ValueSpec[];
  outputs: ValueSpec[];
  nodes: NodeSpec[];
  initializers?: TensorSpec[];
  /** Version of the default (ai.onnx) opset; 17 unless given. */
  opset?: number;
  /** More opset imports, e.g. { domain: "com.microsoft", version: 1 }. */
  extraOpsets?: { domain: string; version: number }[];
  producerName?: string;
  producerVersion?: string;
  /** ONNX IR version; 8 (the version of opset 17) unless given. */
  irVersion?: number;
}

const ARRAY_OF: Record<ElemType, (data: TensorSpec["data"]) => ArrayBufferView> = {
  float32: (d) => d instanceof Float32Array ? d : Float32Array.from(d as ArrayLike<number>),
  float64: (d) => d instanceof Float64Array ? d : Float64Array.from(d as ArrayLike<number>),
  int32: (d) => d instanceof Int32Array ? d : Int32Array.from(d as ArrayLike<number>),
  int64: (d) =>
    d instanceof BigInt64Array ? d : BigInt64Array.from(d as ArrayLike<number>, (v) => BigInt(v)),
  bool: (d) => d instanceof Uint8Array ? d : Uint8Array.from(d as ArrayLike<number>),
  uint8: (d) => d instanceof Uint8Array ? d : Uint8Array.from(d as ArrayLike<number>),
};

/** A TensorProto with its values as little-endian raw_data (what exporters write). */
function tensorProto(t: TensorSpec): onnxProto.onnx.ITensorProto {
  const count = t.dims.reduce((a, b) => a * b, 1);
  if (t.data.length !== count) {
    throw new RangeError(
      `tensor ${t.name ?? ""}: ${t.data.length} values for dims [${t.dims}] (${count})`,
    );
  }
  const view = ARRAY_OF[t.type](t.data);
  // Typed arrays are little-endian on every platform Deno runs on.
  const raw = new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice();
  return { name: t.name, dims: t.dims, dataType: ELEM_TYPE_CODE[t.type], rawData: raw };
}

function valueInfo(v: ValueSpec): onnxProto.onnx.IValueInfoProto {
  return {
    name: v.name,
    type: {
      tensorType: {
        elemType: ELEM_TYPE_CODE[v.type],
        shape: {
          dim: v.shape.map((d) => typeof d === "string" ? { dimParam: d } : { dimValue: d }),
        },
      },
    },
  };
}

const ATTR = onnx.AttributeProto.AttributeType;

function attribute(name: string, value: AttributeValue): onnxProto.onnx.IAttributeProto {
  if ("int" in value) return { name, type: ATTR.INT, i: value.int };
  if ("float" in value) return { name, type: ATTR.FLOAT, f: value.float };
  if ("ints" in value) return { name, type: ATTR.INTS, ints: value.ints };
  if ("floats" in value) return { name, type: ATTR.FLOATS, floats: value.floats };
  if ("string" in value) {
    return { name, type: ATTR.STRING, s: new TextEncoder().encode(value.string) };
  }
  return { name, type: ATTR.TENSOR, t: tensorProto(value.tensor) };
}

/** Serialises a model to the bytes of an .onnx file. */
export function encodeModel(spec: ModelSpec): Uint8Array {
  const model: onnxProto.onnx.IModelProto = {
    irVersion: spec.irVersion ?? 8,
    producerName: spec.producerName ?? "minima",
    producerVersion: spec.producerVersion,
    opsetImport: [{ domain: "", version: spec.opset ?? 17 }, ...(spec.extraOpsets ?? [])],
    graph: {
      name: spec.name ?? "graph",
      input: spec.inputs.map(valueInfo),
      output: spec.outputs.map(valueInfo),
      initializer: (spec.initializers ?? []).map(tensorProto),
      node: spec.nodes.map((n, i) => ({
        name: n.name ?? `${n.op}_${i}`,
        opType: n.op,
        domain: n.domain ?? "",
        input: n.inputs,
        output: n.outputs,
        attribute: Object.entries(n.attributes ?? {}).map(([k, v]) => attribute(k, v)),
      })),
    },
  };
  // protobufjs hands back a Node Buffer that may sit in a shared pool: copy
  // it into a Uint8Array of its own.
  return new Uint8Array(onnx.ModelProto.encode(model).finish());
}

/** The top-level fields of a ModelProto that onnxruntime does not report. */
export interface ModelHeader {
  irVersion: number;
  producerName: string;
  producerVersion: string;
  opsets: { domain: string; version: number }[];
}

/** Thrown when bytes are not a protobuf message at all. */
export class ProtoFormatError extends Error {
  override name = "ProtoFormatError";
}

/** Reads a varint at `pos`; lengths and versions fit in 53 bits. */
function varint(bytes: Uint8Array, pos: number): [value: number, next: number] {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= bytes.length) throw new ProtoFormatError("truncated varint");
    const b = bytes[pos++];
    value += (b & 0x7f) * scale;
    if (b < 0x80) return [value, pos];
    scale *= 128;
  }
  throw new ProtoFormatError("varint longer than 10 bytes");
}

/** A read the header scan asks for: `length` bytes at `pos` (fewer at the end). */
interface ReadAt {
  pos: number;
  length: number;
}

/**
 * The scan of a ModelProto's top level, as a generator that asks for the
 * bytes it needs, so that bytes in memory and a file on disk share it: the
 * graph and the rest are skipped by their length, never read.
 */
function* scanHeader(size: number): Generator<ReadAt, ModelHeader, Uint8Array> {
  const header: ModelHeader = { irVersion: 0, producerName: "", producerVersion: "", opsets: [] };
  const text = new TextDecoder();
  let graph = false;
  let pos = 0;
  while (pos < size) {
    // A tag and a varint after it take at most 20 bytes.
    const head = yield { pos, length: Math.min(20, size - pos) };
    const [tag, afterTag] = varint(head, 0);
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === 0) {
      const [v, next] = varint(head, afterTag);
      if (field === 1) header.irVersion = v;
      pos += next;
    } else if (wire === 2) {
      const [len, after] = varint(head, afterTag);
      const start = pos + after;
      const end = start + len;
      if (end > size) throw new ProtoFormatError("field runs past the end");
      if (field === 2 || field === 3 || field === 8) {
        const body = yield { pos: start, length: len };
        if (field === 2) header.producerName = text.decode(body);
        else if (field === 3) header.producerVersion = text.decode(body);
        else {
          const o = onnx.OperatorSetIdProto.decode(body);
          header.opsets.push({ domain: o.domain ?? "", version: Number(o.version ?? 0) });
        }
      }
      if (field === 7) graph = true;
      pos = end;
    } else if (wire === 1) pos += afterTag + 8;
    else if (wire === 5) pos += afterTag + 4;
    else throw new ProtoFormatError(`unknown wire type ${wire}`);
  }
  if (pos > size) throw new ProtoFormatError("field runs past the end");
  if (header.irVersion === 0) throw new ProtoFormatError("no ir_version");
  if (!graph) throw new ProtoFormatError("no graph");
  return header;
}

/**
 * Reads ir_version, producer and opset imports, skipping everything else
 * (the graph).
 *
 * @throws {ProtoFormatError} bytes that are not a ModelProto, are truncated, or have no graph.
 */
export function readModelHeader(bytes: Uint8Array): ModelHeader {
  const scan = scanHeader(bytes.length);
  let step = scan.next();
  while (!step.done) {
    const { pos, length } = step.value;
    step = scan.next(bytes.subarray(pos, pos + length));
  }
  return step.value;
}

/**
 * readModelHeader of a file, reading only the top-level fields it needs
 * (a few bytes for a model of any size).
 *
 * @throws {ProtoFormatError} as readModelHeader.
 */
export async function readModelHeaderFile(path: string): Promise<ModelHeader> {
  const file = await Deno.open(path, { read: true });
  try {
    const scan = scanHeader((await file.stat()).size);
    let step = scan.next();
    while (!step.done) {
      const { pos, length } = step.value;
      const buf = new Uint8Array(length);
      await file.seek(pos, Deno.SeekMode.Start);
      let got = 0;
      while (got < length) {
        const n = await file.read(buf.subarray(got));
        if (n === null) break;
        got += n;
      }
      step = scan.next(buf.subarray(0, got));
    }
    return step.value;
  } finally {
    file.close();
  }
}

/** The version of the default (ai.onnx) opset a model imports, 0 when none. */
export function defaultOpset(header: ModelHeader): number {
  const o = header.opsets.find((s) => s.domain === "" || s.domain === "ai.onnx");
  return o?.version ?? 0;
}
