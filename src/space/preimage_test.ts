import assert from "node:assert/strict";
import { exactPreimage } from "./preimage.ts";

Deno.test("returns the guess when it decodes exactly", () => {
  assert.equal(exactPreimage((u) => 2 * u, 1, 0.5), 0.5);
});

Deno.test("finds a coordinate far from a poor guess", () => {
  // A log map loses relative precision near u = 0 (cancellation in
  // ln x − ln min), so the algebraic inverse is off by many ulps there.
  const lnMin = Math.log(1e-6);
  const lnSpan = Math.log(1e3) - lnMin;
  const decode = (u: number) => Math.exp(lnMin + u * lnSpan);
  const inverse = (x: number) => (Math.log(x) - lnMin) / lnSpan;
  for (const u of [1e-12, 3e-9, 1e-5, 0.001, 0.37, 0.999999]) {
    const x = decode(u);
    const found = exactPreimage(decode, x, inverse(x));
    assert.equal(decode(found), x, `u=${u}`);
  }
  // A guess at the wrong end of the interval still works.
  const x = decode(0.3);
  assert.equal(decode(exactPreimage(decode, x, 1)), x);
  assert.equal(decode(exactPreimage(decode, x, 0)), x);
});

Deno.test("returns the guess when no coordinate decodes exactly", () => {
  const decode = (u: number) => Math.round(u * 10); // integers only
  assert.equal(exactPreimage(decode, 2.5, 0.25), 0.25);
  assert.equal(exactPreimage(decode, 11, 0.99), 0.99); // beyond decode(1)
  assert.equal(exactPreimage(decode, -1, 0.01), 0.01); // below decode(0)
});

Deno.test("stays within [0, 1]", () => {
  const decode = (u: number) => u;
  assert.equal(exactPreimage(decode, 1, 0.75), 1);
  assert.equal(exactPreimage(decode, 0, 0.25), 0);
});
