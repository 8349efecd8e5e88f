/**
 * evaluateModel's binary body, after Triton's binary tensor data extension:
 * a JSON header whose length in bytes the `Inference-Header-Content-Length`
 * header gives, then the tensors' raw little-endian bytes, one after the
 * other. A 4,096-row float32 batch of width 20 is 327,680 bytes this way,
 * 437 KB of base64 inside a JSON string the other way, which the service
 * must read as text, parse, scan and decode (and the client encode): for a
 * model whose run takes milliseconds that is a large share of the request.
 *
 * The request's header is evaluateModel's JSON body without the values:
 * `{"inputs": {"x": {"shape": [4096, 20]}}}`; the bytes of the inputs follow
 * in the order of the model's inputs (getModel's `inputs`, which a header
 * of JSON object keys cannot fix for every name), each input's
 * `shape × element size` of them, of the model's element type. The answer,
 * when the client accepts `application/octet-stream`, is framed the same
 * way: `{"outputs": {"y": {"type", "shape", "byteLength"}}, "provider",
 * "batchRows", "ms"}` and the outputs' bytes in the order its `outputs`
 * list them. Bytes that do not match the shapes are 422s naming the input.
 */
import type { Tensor, TensorInfo } from "../evaluators/onnx/tensor.ts";
import { invalid, Problem } from "../errors.ts";
import { ELEMENT_BYTES, elementCount, elementType, type TensorInput } from "./models_tensors.ts";

/** The media type of a binary body (request and answer). */
export const BINARY_MEDIA_TYPE = "application/octet-stream";
/** The header that gives the JSON header's length in bytes (Triton's name). */
export const HEADER_LENGTH = "Inference-Header-Content-Length";

/** Whether a Content-Type is a binary body's. */
export function isBinaryBody(contentType: string | undefined): boolean {
  return (contentType ?? "").split(";")[0].trim().toLowerCase() === BINARY_MEDIA_TYPE;
}

/** Whether an Accept header asks for a binary answer (application/octet-stream, q > 0). */
export function acceptsBinary(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(",").some((range) => {
    const [type, ...params] = range.split(";").map((p) => p.trim().toLowerCase());
    if (type !== BINARY_MEDIA_TYPE) return false;
    const q = params.find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

function badHeader(message: string): Problem {
  return new Problem("bad-request", `${HEADER_LENGTH}: ${message}`, [
    { field: HEADER_LENGTH, rule: "header", message },
  ]);
}

/**
 * A binary body split into its JSON header's text and the tensor bytes
 * after it (a view, not a copy); a 400 naming the length header when it is
 * missing, not a decimal number, beyond the body, or the header is not UTF-8.
 */
export function splitBody(
  body: Uint8Array<ArrayBuffer>,
  declared: string | undefined,
): { header: string; tensors: Uint8Array<ArrayBuffer> } {
  if (declared === undefined) {
    throw badHeader("a binary body needs the length of its JSON header in bytes");
  }
  if (!/^\d{1,10}$/.test(declared.trim())) {
    throw badHeader(`must be a length in bytes; got "${declared.slice(0, 40)}"`);
  }
  const length = Number(declared.trim());
  if (length > body.length) {
    throw badHeader(`${length} bytes of JSON header, but the body has only ${body.length}`);
  }
  let header: string;
  try {
    header = new TextDecoder("utf-8", { fatal: true }).decode(body.subarray(0, length));
  } catch {
    throw badHeader(`the first ${length} bytes of the body are not UTF-8 text`);
  }
  return { header, tensors: body.subarray(length) };
}

/**
 * Gives each input its bytes of `tensors`, in the order of the model's
 * inputs (`infos`): `shape × element size` bytes each, of the model's
 * element type. A 422 naming the input whose bytes run short, or the inputs
 * when bytes are left over. An input of a type minima cannot send stops the
 * walk: decoding names it.
 */
export function attachBytes(
  infos: readonly TensorInfo[],
  inputs: Record<string, TensorInput>,
  tensors: Uint8Array<ArrayBuffer>,
): void {
  let at = 0;
  for (const info of infos) {
    const type = elementType(info.type);
    if (type === null) return;
    const input = inputs[info.name];
    const count = elementCount(input.shape);
    const want = count * ELEMENT_BYTES[type];
    if (at + want > tensors.length) {
      throw invalid(
        `inputs.${info.name}`,
        "count",
        `shape [${input.shape.join(", ")}] of ${type} takes ${want} bytes (${count} × ` +
          `${ELEMENT_BYTES[type]}, little-endian) from byte ${at} after the header; the body ` +
          `has ${tensors.length - at} there`,
      );
    }
    input.bytes = tensors.subarray(at, at + want);
    at += want;
  }
  if (at !== tensors.length) {
    throw invalid(
      "inputs",
      "count",
      `the inputs' shapes take ${at} bytes after the header; the body has ${tensors.length} ` +
        "(the bytes of the inputs follow in the order of the model's inputs)",
    );
  }
}

/** What a binary answer says of one output in its header. */
export interface BinaryOutputHeader {
  type: string;
  shape: number[];
  byteLength: number;
}

/**
 * An evaluation as a binary answer: its JSON header's length (for
 * Inference-Header-Content-Length) and the body, the header then each
 * output's little-endian bytes in the order the header lists them.
 */
export function binaryAnswer(run: {
  outputs: Record<string, Tensor>;
  provider: string;
  batchRows: number;
  ms: number;
}): { headerLength: number; body: Uint8Array<ArrayBuffer> } {
  const outputs: Record<string, BinaryOutputHeader> = {};
  for (const [name, t] of Object.entries(run.outputs)) {
    outputs[name] = { type: t.type, shape: [...t.dims], byteLength: t.data.byteLength };
  }
  const { provider, batchRows, ms } = run;
  const header = new TextEncoder().encode(JSON.stringify({ outputs, provider, batchRows, ms }));
  let size = header.length;
  for (const o of Object.values(outputs)) size += o.byteLength;
  const body = new Uint8Array(size);
  body.set(header);
  let at = header.length;
  // In the header's order: the keys of the object just serialized.
  for (const name of Object.keys(outputs)) {
    const t = run.outputs[name].data;
    body.set(new Uint8Array(t.buffer, t.byteOffset, t.byteLength), at);
    at += t.byteLength;
  }
  return { headerLength: header.length, body };
}
