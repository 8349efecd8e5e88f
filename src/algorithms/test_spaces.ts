/**
 * Spaces the algorithm tests share.
 */
import { Space } from "../space/mod.ts";
import { SpaceSchema } from "../space/schema.ts";

/** Every kind of parameter the schema allows (the conformance test's space). */
export const MIXED_SPACE = new Space(SpaceSchema.parse({
  parameters: [
    { name: "lr", type: "float", min: -3, max: 2 },
    { name: "decay", type: "float", min: 1e-6, max: 0.1, scale: "log" },
    { name: "dropout", type: "float", min: 0, max: 0.5, step: 0.05 },
    { name: "ratio", type: "float", min: 0.1, max: 100, step: 0.1, scale: "log" },
    { name: "layers", type: "int", min: 1, max: 12 },
    { name: "width", type: "int", min: 16, max: 500, step: 16 },
    { name: "batch", type: "int", min: 8, max: 4096, scale: "log" },
    { name: "heads", type: "int", min: 1, max: 64, step: 3, scale: "log" },
    { name: "optimizer", type: "categorical", values: ["adam", "sgd", "rmsprop"] },
    { name: "bits", type: "categorical", values: [4, 8, 16.5] },
    { name: "bias", type: "categorical", values: [true, false] },
    { name: "lookalikes", type: "categorical", values: ["1", 1, true, "true"] },
  ],
}));
