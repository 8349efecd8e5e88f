/**
 * Writes one of the example ONNX models (the ones the tests and benchmarks
 * use: Branin, Hartmann-6, Rastrigin, a small MLP, a linear image decoder),
 * so that the README's walkthrough can be followed from a fresh clone:
 *
 *   deno task example-model branin branin.onnx
 */
import {
  branin,
  hartmann6,
  imageDecoder,
  mlp,
  rastrigin,
  type TestModel,
} from "../tests/support/onnx_models.ts";

const MODELS: Record<string, () => TestModel> = {
  branin,
  hartmann6,
  rastrigin: () => rastrigin(20),
  mlp,
  decoder: () => imageDecoder(),
};

const [name, path] = Deno.args;
const make = name === undefined ? undefined : MODELS[name];
if (!make || path === undefined) {
  console.error(`usage: deno task example-model <${Object.keys(MODELS).join("|")}> <file.onnx>`);
  Deno.exit(2);
}
const model = make();
await Deno.writeFile(path, model.bytes);
console.log(`${path}: ${model.name}, ${model.bytes.length} bytes`);
