/**
 * readPageFiles (src/routes/html.ts), which assembles the labeling page's
 * inline script and the dashboard's script from their folders: the files in
 * the given order, and a refusal of any text that would close the inline
 * element early.
 */
import assert from "node:assert/strict";
import { readPageFiles } from "../src/routes/html.ts";

Deno.test("readPageFiles joins files in order and refuses a closing tag", async () => {
  const dir = await Deno.makeTempDir({ prefix: "minima-page-files-" });
  try {
    const at = new URL(`file://${dir}/`);
    await Deno.writeTextFile(new URL("a.js", at), "const a = 1;");
    await Deno.writeTextFile(new URL("b.js", at), "const b = 2;");
    assert.equal(readPageFiles(at, ["b.js", "a.js"]), "const b = 2;\nconst a = 1;");
    for (const bad of ["x = '</script>';", "/* </STYLE */"]) {
      await Deno.writeTextFile(new URL("bad.js", at), bad);
      assert.throws(() => readPageFiles(at, ["a.js", "bad.js"]), /bad\.js.*closing/);
    }
    assert.throws(() => readPageFiles(at, ["missing.js"]), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
