/**
 * Images from model outputs: a `[1, 3, H, W]` (planar) or `[1, H, W, 3]`
 * (interleaved) tensor's values to 8-bit RGB, encoded as PNG (fast-png, pure
 * JavaScript: no native code to build, and it runs in Deno as in Node).
 *
 * Decoders give values in [0, 1] (a sigmoid) or in [0, 255]; which one is
 * decided per image: all values at most 1 means [0, 1]. Values are then
 * clamped to [0, 255] and rounded; a NaN is black.
 */
import { encode } from "fast-png";

/** Where the channel axis of an image tensor is. */
export type ImageLayout = "NCHW" | "NHWC";

/** An image tensor's size and layout. */
export interface ImageShape {
  layout: ImageLayout;
  height: number;
  width: number;
}

/** The largest height or width a model's image may have. */
export const MAX_IMAGE_SIDE = 1024;

/**
 * The layout of an image tensor shape (`[1, 3, H, W]` or `[1, H, W, 3]`, H
 * and W fixed in 1..1024), or null when it is not one. `[1, 3, H, 3]` reads
 * as planar. The first dimension may be symbolic (the batch, of one row).
 */
export function imageShapeOf(shape: readonly (number | string)[]): ImageShape | null {
  if (shape.length !== 4) return null;
  const [n, a, b, c] = shape;
  if (typeof n === "number" && n !== 1 && n >= 0) return null;
  const side = (v: number | string): v is number =>
    typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= MAX_IMAGE_SIDE;
  if (a === 3 && side(b) && side(c)) return { layout: "NCHW", height: b, width: c };
  if (c === 3 && side(a) && side(b)) return { layout: "NHWC", height: a, width: b };
  return null;
}

/** The values of one image tensor as interleaved 8-bit RGB (see the module header). */
export function rgb8(values: ArrayLike<number>, shape: ImageShape): Uint8Array {
  const { layout, height, width } = shape;
  const pixels = height * width;
  if (values.length !== 3 * pixels) {
    throw new Error(
      `an image of ${height}×${width} needs ${3 * pixels} values, not ${values.length}`,
    );
  }
  let unit = true;
  for (let i = 0; i < values.length; i++) {
    if (values[i] > 1) {
      unit = false;
      break;
    }
  }
  const scale = unit ? 255 : 1;
  const out = new Uint8Array(3 * pixels);
  for (let p = 0; p < pixels; p++) {
    for (let ch = 0; ch < 3; ch++) {
      const v = values[layout === "NCHW" ? ch * pixels + p : 3 * p + ch] * scale;
      out[3 * p + ch] = Number.isNaN(v) ? 0 : Math.round(Math.min(255, Math.max(0, v)));
    }
  }
  return out;
}

/** An image tensor's values as a PNG file. */
export function imagePng(values: ArrayLike<number>, shape: ImageShape): Uint8Array {
  return encode({
    width: shape.width,
    height: shape.height,
    data: rgb8(values, shape),
    channels: 3,
    depth: 8,
  });
}
